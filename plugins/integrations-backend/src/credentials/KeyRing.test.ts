import { mockServices } from '@backstage/backend-test-utils';
import { inspect } from 'node:util';
import { KeyRing } from './KeyRing';

const SECRET_2025 = 'k2025-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRET_2026 = 'k2026-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const SHORT_SECRET = 'only-31-bytes-long-secret-value';
const SECRETS = [SECRET_2025, SECRET_2026, SHORT_SECRET];

type ConfigData = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig>[0]>['data']
>;

function ringFrom(
  encryption: ConfigData | undefined,
  minimumSecretBytes?: number,
) {
  return KeyRing.fromConfig(
    mockServices.rootConfig({
      data: encryption ? { integrations: { encryption } } : {},
    }),
    { minimumSecretBytes },
  );
}

/** The error `action` throws, after checking it discloses no secret. */
function refusal(action: () => unknown): Error {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  const text = inspect(thrown, { depth: 5 });
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
  }
  return thrown as Error;
}

describe('KeyRing', () => {
  it('reads the keys and the primary key from config', () => {
    const ring = ringFrom({
      keys: [
        { id: 'k2025', secret: SECRET_2025 },
        { id: 'k2026', secret: SECRET_2026 },
      ],
      primaryKeyId: 'k2026',
    });

    expect(ring.primaryKeyId).toBe('k2026');
    expect(ring.ids()).toEqual(['k2025', 'k2026']);
    expect(ring.has('k2025')).toBe(true);
    expect(ring.has('k2024')).toBe(false);
  });

  it('does not let callers change its list of key ids', () => {
    const ring = KeyRing.fromKeys(
      [{ id: 'k2025', secret: SECRET_2025 }],
      'k2025',
    );

    ring.ids().push('k2026');

    expect(ring.ids()).toEqual(['k2025']);
    expect(ring.has('k2026')).toBe(false);
  });

  it('exposes no secret through its properties, JSON or inspection', () => {
    const ring = KeyRing.fromKeys(
      [
        { id: 'k2025', secret: SECRET_2025 },
        { id: 'k2026', secret: SECRET_2026 },
      ],
      'k2026',
    );

    const views = [
      JSON.stringify(ring),
      inspect(ring, { showHidden: true, depth: Infinity }),
      Object.getOwnPropertyNames(ring).join(','),
    ];

    for (const view of views) {
      expect(view).not.toContain(SECRET_2025);
      expect(view).not.toContain(SECRET_2026);
    }
    expect(Object.keys(ring)).toEqual(['primaryKeyId']);
  });

  describe('refuses to start', () => {
    it('without any keys', () => {
      expect(refusal(() => ringFrom(undefined)).message).toMatch(
        /No credential encryption keys are configured/,
      );
      expect(
        refusal(() => ringFrom({ keys: [], primaryKeyId: 'k2025' })).message,
      ).toMatch(/No credential encryption keys are configured/);
    });

    it('without a primary key id', () => {
      const error = refusal(() =>
        ringFrom({ keys: [{ id: 'k2025', secret: SECRET_2025 }] }),
      );

      expect(error.message).toMatch(
        /integrations\.encryption\.primaryKeyId is not set/,
      );
    });

    it('when the primary key is not in the ring', () => {
      const error = refusal(() =>
        ringFrom({
          keys: [{ id: 'k2025', secret: SECRET_2025 }],
          primaryKeyId: 'k2026',
        }),
      );

      expect(error.message).toMatch(
        /primaryKeyId is 'k2026', but no key with that id is in integrations\.encryption\.keys/,
      );
    });

    it('with the same key id twice', () => {
      const error = refusal(() =>
        ringFrom({
          keys: [
            { id: 'k2025', secret: SECRET_2025 },
            { id: 'k2025', secret: SECRET_2026 },
          ],
          primaryKeyId: 'k2025',
        }),
      );

      expect(error.message).toBe(
        "Encryption key id 'k2025' appears more than once in integrations.encryption.keys",
      );
    });

    it.each([
      ['empty', ''],
      ['starting with a dash', '-k2026'],
      ['with a slash', 'k/2026'],
      ['with a space', 'k 2026'],
      ['longer than 63 characters', 'k'.repeat(64)],
    ])('with a key id %s', (_, id) => {
      const error = refusal(() =>
        KeyRing.fromKeys(
          [
            { id: 'k2025', secret: SECRET_2025 },
            { id, secret: SECRET_2026 },
          ],
          'k2025',
        ),
      );

      expect(error.message).toMatch(
        /^integrations\.encryption\.keys\[1\]\.id is not a valid key id/,
      );
    });

    it('with a secret shorter than 32 bytes, naming the key but not the secret', () => {
      const error = refusal(() =>
        ringFrom({
          keys: [
            { id: 'k2025', secret: SECRET_2025 },
            { id: 'k2026-dev', secret: SHORT_SECRET },
          ],
          primaryKeyId: 'k2025',
        }),
      );

      expect(error.message).toBe(
        "Encryption key 'k2026-dev' is too short: its secret must be at least 32 bytes (UTF-8) of random data",
      );
    });

    it('with a secret shorter than a configured minimum', () => {
      const error = refusal(() =>
        ringFrom(
          {
            keys: [{ id: 'k2025', secret: SECRET_2025 }],
            primaryKeyId: 'k2025',
          },
          64,
        ),
      );

      expect(error.message).toMatch(/'k2025'.*at least 64 bytes/);
    });

    it('with a secret that is not a string, without echoing its value', () => {
      const error = refusal(() =>
        ringFrom({
          keys: [{ id: 'k2025', secret: 918273645546372819 }],
          primaryKeyId: 'k2025',
        }),
      );

      expect(error.message).toMatch(
        /integrations\.encryption\.keys\[0\]\.secret/,
      );
      expect(error.message).not.toContain('918273645546372');
    });
  });

  it('measures secrets in UTF-8 bytes, not characters', () => {
    const elevenEuroSigns = '€'.repeat(11); // 33 bytes
    const tenEuroSigns = '€'.repeat(10); // 30 bytes

    expect(
      KeyRing.fromKeys(
        [{ id: 'k2025', secret: elevenEuroSigns }],
        'k2025',
      ).ids(),
    ).toEqual(['k2025']);
    const error = refusal(() =>
      KeyRing.fromKeys([{ id: 'k2025', secret: tenEuroSigns }], 'k2025'),
    );
    expect(error.message).toMatch(/'k2025' is too short/);
    expect(error.message).not.toContain('€');
  });
});
