import { SharedAnswers } from './SharedAnswers';

/** A computation the test finishes when it chooses. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SharedAnswers', () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('computes once for callers asking the same at once', async () => {
    const answers = new SharedAnswers<string>({ ttlMs: 30_000, now });
    const computation = pending<string>();
    const compute = jest.fn(() => computation.promise);

    const asked = [1, 2, 3].map(() => answers.answer('usage', compute));
    computation.resolve('{"total":42}');

    expect(await Promise.all(asked)).toEqual([
      '{"total":42}',
      '{"total":42}',
      '{"total":42}',
    ]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('computes separately for different keys, so one caller never gets the answer of another', async () => {
    const answers = new SharedAnswers<string[]>({ ttlMs: 30_000, now });

    const everything = answers.answer('readable:stripe,brevo', async () => [
      'stripe',
      'brevo',
    ]);
    const restricted = answers.answer('readable:brevo', async () => ['brevo']);

    expect(await everything).toEqual(['stripe', 'brevo']);
    expect(await restricted).toEqual(['brevo']);
  });

  it('serves the computed answer until its time is up, then computes again', async () => {
    const answers = new SharedAnswers<number>({ ttlMs: 30_000, now });
    let calls = 0;
    const compute = async () => ++calls;

    expect(await answers.answer('usage', compute)).toBe(1);
    clock += 29_999;
    expect(await answers.answer('usage', compute)).toBe(1);
    clock += 1;
    expect(await answers.answer('usage', compute)).toBe(2);
  });

  it('counts the time from when the answer was computed', async () => {
    const answers = new SharedAnswers<string>({ ttlMs: 30_000, now });
    const slow = pending<string>();
    const first = answers.answer('usage', () => slow.promise);
    clock += 20_000;
    slow.resolve('computed');
    await first;

    clock += 29_000;
    expect(await answers.answer('usage', async () => 'again')).toBe('computed');
  });

  it('does not keep a failed computation', async () => {
    const answers = new SharedAnswers<number>({ ttlMs: 30_000, now });
    const failing = pending<number>();
    const first = answers.answer('usage', () => failing.promise);
    const second = answers.answer('usage', async () => 2);
    failing.reject(new Error('database went away'));

    await expect(first).rejects.toThrow('database went away');
    await expect(second).rejects.toThrow('database went away');
    expect(answers.size).toBe(0);
    expect(await answers.answer('usage', async () => 3)).toBe(3);
  });

  it('fails the caller when the computation throws at once', async () => {
    const answers = new SharedAnswers<number>({ ttlMs: 30_000, now });

    await expect(
      answers.answer('usage', () => {
        throw new Error('bad query');
      }),
    ).rejects.toThrow('bad query');
    expect(answers.size).toBe(0);
  });

  it('without a time to keep them, shares only answers being computed', async () => {
    const answers = new SharedAnswers<string>({ ttlMs: 0, now });
    const computation = pending<string>();
    const compute = jest.fn(() => computation.promise);

    const asked = [
      answers.answer('errors', compute),
      answers.answer('errors', compute),
    ];
    computation.resolve('page');
    expect(await Promise.all(asked)).toEqual(['page', 'page']);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(answers.size).toBe(0);

    expect(await answers.answer('errors', async () => 'newer')).toBe('newer');
  });

  it('keeps at most the given number of answers, dropping the oldest', async () => {
    const answers = new SharedAnswers<string>({
      ttlMs: 30_000,
      maxAnswers: 2,
      now,
    });
    await answers.answer('a', async () => 'a');
    await answers.answer('b', async () => 'b');
    await answers.answer('c', async () => 'c');

    expect(answers.size).toBe(2);
    expect(await answers.answer('b', async () => 'b again')).toBe('b');
    expect(await answers.answer('a', async () => 'a again')).toBe('a again');
  });

  it('drops expired answers when new ones are asked', async () => {
    const answers = new SharedAnswers<string>({ ttlMs: 30_000, now });
    await answers.answer('a', async () => 'a');
    await answers.answer('b', async () => 'b');
    clock += 30_000;
    await answers.answer('c', async () => 'c');

    expect(answers.size).toBe(1);
  });
});
