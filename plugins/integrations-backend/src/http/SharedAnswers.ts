/** Answers kept at most this many at once, the oldest dropped first. */
const DEFAULT_MAX_ANSWERS = 200;

interface Answer<T> {
  value: Promise<T>;
  /** When the answer stops being served; unset while it is computed. */
  expiresAt?: number;
}

/**
 * Answers to a read shared by the callers who ask the same question:
 * callers asking while the answer is computed wait for that one
 * computation, and a computed answer is served for `ttlMs` more (none with
 * 0). A failed computation is not kept: the next caller tries again.
 * An answer sent over HTTP is best kept as its JSON text, written once for
 * every caller.
 *
 * The key must hold everything the answer depends on, the caller's
 * permissions included, or one caller would see another's answer.
 */
export class SharedAnswers<T> {
  private readonly answers = new Map<string, Answer<T>>();
  private readonly ttlMs: number;
  private readonly maxAnswers: number;
  private readonly now: () => number;

  constructor(options: {
    ttlMs: number;
    maxAnswers?: number;
    now?: () => number;
  }) {
    this.ttlMs = options.ttlMs;
    this.maxAnswers = options.maxAnswers ?? DEFAULT_MAX_ANSWERS;
    this.now = options.now ?? Date.now;
  }

  /** The answer to `key`, computed by `compute` unless it is at hand. */
  answer(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.answers.get(key);
    if (kept && (kept.expiresAt === undefined || this.now() < kept.expiresAt)) {
      return kept.value;
    }
    this.dropExpired();
    // Started in a function of its own, so that even a computation that
    // throws at once fails only its promise.
    const answer: Answer<T> = { value: (async () => compute())() };
    // Re-inserted so that the map stays in the order answers were asked.
    this.answers.delete(key);
    this.answers.set(key, answer);
    answer.value.then(
      () => {
        answer.expiresAt = this.now() + this.ttlMs;
        if (this.ttlMs <= 0) {
          this.forget(key, answer);
        }
      },
      () => this.forget(key, answer),
    );
    return answer.value;
  }

  /** Answers now kept or being computed. */
  get size(): number {
    return this.answers.size;
  }

  private forget(key: string, answer: Answer<T>) {
    // A newer answer may have taken the key meanwhile; that one stays.
    if (this.answers.get(key) === answer) {
      this.answers.delete(key);
    }
  }

  private dropExpired() {
    const now = this.now();
    for (const [key, answer] of this.answers) {
      if (answer.expiresAt !== undefined && now >= answer.expiresAt) {
        this.answers.delete(key);
      }
    }
    // Beyond the bound the oldest go, even if still being computed: their
    // callers keep their promise, later callers compute again.
    for (const key of this.answers.keys()) {
      if (this.answers.size < this.maxAnswers) {
        break;
      }
      this.answers.delete(key);
    }
  }
}
