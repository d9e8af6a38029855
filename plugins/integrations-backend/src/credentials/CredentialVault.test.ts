import fc from 'fast-check';
import { inspect } from 'node:util';
import {
  CredentialBinding,
  CredentialVault,
  SealedCredential,
} from './CredentialVault';
import { KeyRing } from './KeyRing';

const SECRET_2025 = 'k2025-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRET_2026 = 'k2026-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const IMPOSTOR_SECRET = 'impostor-secret-5e6f7a8b9c0d1e2f3a4b5c6d7e8f';
const CANARY = 'sk_live_CANARY_51Hx9qTz2eZvKYlo2C8d7a6b';

const ALTERED =
  'Credential failed to decrypt: it was altered or belongs to another record';
const KB64 = 64 * 1024;

const stripeKey: CredentialBinding = {
  integration: 'stripe',
  environment: 'production',
  field: 'secretKey',
};

const ring2025 = KeyRing.fromKeys(
  [{ id: 'k2025', secret: SECRET_2025 }],
  'k2025',
);
const vault = new CredentialVault(ring2025);
/** k2026 added and made primary; k2025 kept until every record is re-wrapped. */
const ringDuringRotation = KeyRing.fromKeys(
  [
    { id: 'k2025', secret: SECRET_2025 },
    { id: 'k2026', secret: SECRET_2026 },
  ],
  'k2026',
);
const ringAfterRotation = KeyRing.fromKeys(
  [{ id: 'k2026', secret: SECRET_2026 }],
  'k2026',
);

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
  for (const secret of [CANARY, SECRET_2025, SECRET_2026, IMPOSTOR_SECRET]) {
    expect(text).not.toContain(secret);
  }
  return thrown as Error;
}

function flipByte(base64: string, index: number, mask: number): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index % bytes.length] ^= mask;
  return bytes.toString('base64');
}

const ENCRYPTED_PARTS = ['ciphertext', 'tag', 'nonce', 'wrappedKey'] as const;

describe('CredentialVault', () => {
  it('seals a credential into AES-256-GCM envelope fields that hide the value', () => {
    const sealed = vault.seal(CANARY, stripeKey);

    expect(sealed).toEqual({
      algorithm: 'aes-256-gcm',
      keyId: 'k2025',
      wrappedKey: expect.any(String),
      nonce: expect.any(String),
      tag: expect.any(String),
      ciphertext: expect.any(String),
      fingerprint: expect.stringMatching(/^k2025:[0-9a-f]{16}$/),
      last4: '7a6b',
    });
    expect(Buffer.from(sealed.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(sealed.wrappedKey, 'base64')).toHaveLength(60);
    expect(Buffer.from(sealed.ciphertext, 'base64')).toHaveLength(
      CANARY.length,
    );
    expect(JSON.stringify(sealed)).not.toContain(CANARY.slice(0, -4));
    expect(vault.open(sealed, stripeKey)).toBe(CANARY);
  });

  it('uses a fresh data key and nonce for every seal of the same value', () => {
    const first = vault.seal(CANARY, stripeKey);
    const second = vault.seal(CANARY, stripeKey);

    expect(second.ciphertext).not.toBe(first.ciphertext);
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('round-trips arbitrary Unicode up to 64 KB', () => {
    const unicode = fc
      .oneof(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 4_000, size: 'max' }),
        fc.string({ unit: 'binary', maxLength: 16_384, size: 'max' }),
      )
      .filter(value => Buffer.byteLength(value, 'utf8') <= KB64);

    fc.assert(
      fc.property(unicode, plaintext => {
        expect(vault.open(vault.seal(plaintext, stripeKey), stripeKey)).toBe(
          plaintext,
        );
      }),
      { numRuns: 120 },
    );
  });

  it.each([
    ['64 KB of ASCII', 'x'.repeat(KB64)],
    ['64 KB of four-byte characters', '😀'.repeat(KB64 / 4)],
    ['the empty value', ''],
  ])('round-trips %s', (_, value) => {
    expect(vault.open(vault.seal(value, stripeKey), stripeKey)).toBe(value);
  });

  it('refuses a value with a lone surrogate, which could not come back unchanged', () => {
    const error = refusal(() => vault.seal(`${CANARY}\uD800`, stripeKey));

    expect(error.message).toBe(
      'Credential value must be a well-formed Unicode string',
    );
  });

  it('fails to open when any single byte of an encrypted part is flipped', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.constantFrom(...ENCRYPTED_PARTS),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (plaintext, part, index, mask) => {
          const sealed = vault.seal(plaintext, stripeKey);
          const altered = {
            ...sealed,
            [part]: flipByte(sealed[part], index, mask),
          };

          expect(() => vault.open(altered, stripeKey)).toThrow(
            new Error(ALTERED),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('fails to open with every position of every encrypted part flipped', () => {
    const sealed = vault.seal(CANARY, stripeKey);

    for (const part of ENCRYPTED_PARTS) {
      const length = Buffer.from(sealed[part], 'base64').length;
      for (let index = 0; index < length; index++) {
        const altered = { ...sealed, [part]: flipByte(sealed[part], index, 1) };
        expect(refusal(() => vault.open(altered, stripeKey)).message).toBe(
          ALTERED,
        );
      }
    }
  });

  it('fails to open a record whose base64 was tampered with or truncated', () => {
    const sealed = vault.seal(CANARY, stripeKey);
    const variants: SealedCredential[] = [
      { ...sealed, nonce: `${sealed.nonce}AAAA` },
      { ...sealed, tag: sealed.tag.slice(0, -4) },
      { ...sealed, wrappedKey: `*${sealed.wrappedKey.slice(1)}` },
      { ...sealed, ciphertext: `${sealed.ciphertext}\n` },
      { ...sealed, ciphertext: '' },
    ];

    for (const variant of variants) {
      expect(refusal(() => vault.open(variant, stripeKey)).message).toBe(
        ALTERED,
      );
    }
    expect(
      refusal(() =>
        vault.open(
          { ...sealed, algorithm: 'aes-128-cbc' as 'aes-256-gcm' },
          stripeKey,
        ),
      ).message,
    ).toMatch(/unsupported algorithm/);
  });

  it.each<[string, CredentialBinding]>([
    ['integration', { ...stripeKey, integration: 'stripe-connect' }],
    ['environment', { ...stripeKey, environment: 'staging' }],
    ['field', { ...stripeKey, field: 'publishableKey' }],
  ])('fails to open under another %s', (_, otherBinding) => {
    const sealed = vault.seal(CANARY, stripeKey);

    expect(refusal(() => vault.open(sealed, otherBinding)).message).toBe(
      ALTERED,
    );
  });

  it('fails to open under any binding other than its own', () => {
    const binding = fc.record({
      integration: fc.string({ minLength: 1, maxLength: 12 }),
      environment: fc.constantFrom(
        'development' as const,
        'staging' as const,
        'production' as const,
      ),
      field: fc.string({ minLength: 1, maxLength: 12 }),
    });

    fc.assert(
      fc.property(binding, binding, (own, other) => {
        fc.pre(JSON.stringify(own) !== JSON.stringify(other));
        const sealed = vault.seal(CANARY, own);

        expect(() => vault.open(sealed, other)).toThrow(new Error(ALTERED));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps bindings apart that a naive concatenation would merge', () => {
    const joinedLeft: CredentialBinding = {
      integration: 'stripe:live',
      environment: 'production',
      field: 'key',
    };
    const joinedRight: CredentialBinding = {
      integration: 'stripe',
      environment: 'production',
      field: 'live:key',
    };

    const sealed = vault.seal(CANARY, joinedLeft);

    expect(refusal(() => vault.open(sealed, joinedRight)).message).toBe(
      ALTERED,
    );
  });

  it('fails to open a record assembled from two records', () => {
    const secretKey = vault.seal(CANARY, stripeKey);
    const webhookSecret = vault.seal('whsec_other', {
      ...stripeKey,
      field: 'webhookSecret',
    });

    expect(
      refusal(() =>
        vault.open(
          { ...secretKey, wrappedKey: webhookSecret.wrappedKey },
          stripeKey,
        ),
      ).message,
    ).toBe(ALTERED);
  });

  it('fails to open under a ring whose key has the same id but another secret', () => {
    const impostor = new CredentialVault(
      KeyRing.fromKeys([{ id: 'k2025', secret: IMPOSTOR_SECRET }], 'k2025'),
    );
    const sealed = vault.seal(CANARY, stripeKey);

    expect(refusal(() => impostor.open(sealed, stripeKey)).message).toBe(
      ALTERED,
    );
    expect(impostor.fingerprint(CANARY)).not.toBe(sealed.fingerprint);
  });

  it('refuses a binding outside the known environments', () => {
    const error = refusal(() =>
      vault.seal(CANARY, {
        ...stripeKey,
        environment: 'prod' as CredentialBinding['environment'],
      }),
    );

    expect(error.message).toMatch(
      /environment among development, staging, production/,
    );
  });

  it('never repeats a nonce in 100,000 seals', () => {
    const binding = { ...stripeKey, field: 'nonceProbe' };
    const payloadNonces = new Set<string>();
    const wrapNonces = new Set<string>();
    const seals = 100_000;

    for (let i = 0; i < seals; i++) {
      const sealed = vault.seal('x', binding);
      payloadNonces.add(sealed.nonce);
      wrapNonces.add(
        Buffer.from(sealed.wrappedKey, 'base64')
          .subarray(0, 12)
          .toString('base64'),
      );
    }

    expect(payloadNonces.size).toBe(seals);
    expect(wrapNonces.size).toBe(seals);
  });

  describe('key rotation', () => {
    it('re-wraps the data key under the new primary key, leaving the payload as is', () => {
      const rotating = new CredentialVault(ringDuringRotation);
      const sealed = vault.seal(CANARY, stripeKey);

      expect(rotating.needsRewrap(sealed)).toBe(true);
      const rewrapped = rotating.rewrap(sealed, stripeKey);

      expect(rewrapped).toEqual({
        ...sealed,
        keyId: 'k2026',
        wrappedKey: expect.any(String),
      });
      expect(rewrapped.wrappedKey).not.toBe(sealed.wrappedKey);
      expect(rotating.needsRewrap(rewrapped)).toBe(false);
      expect(rotating.open(rewrapped, stripeKey)).toBe(CANARY);
      expect(rotating.open(sealed, stripeKey)).toBe(CANARY);
    });

    it('is idempotent once a record is on the primary key', () => {
      const rotating = new CredentialVault(ringDuringRotation);
      const rewrapped = rotating.rewrap(
        vault.seal(CANARY, stripeKey),
        stripeKey,
      );

      expect(rotating.rewrap(rewrapped, stripeKey)).toEqual(rewrapped);
    });

    it('lets the old key be removed once its records are re-wrapped', () => {
      const sealed = vault.seal(CANARY, stripeKey);
      const rewrapped = new CredentialVault(ringDuringRotation).rewrap(
        sealed,
        stripeKey,
      );
      const rotated = new CredentialVault(ringAfterRotation);

      expect(rotated.open(rewrapped, stripeKey)).toBe(CANARY);
      expect(rotated.fingerprint(CANARY, 'k2026')).toMatch(/^k2026:/);
    });

    it('names the missing key for a record not yet re-wrapped', () => {
      const sealed = vault.seal(CANARY, stripeKey);
      const rotated = new CredentialVault(ringAfterRotation);

      for (const action of [
        () => rotated.open(sealed, stripeKey),
        () => rotated.rewrap(sealed, stripeKey),
      ]) {
        expect(refusal(action).message).toBe(
          "Encryption key 'k2025' is not in the key ring: add it back to integrations.encryption.keys until every credential it protects has been re-wrapped",
        );
      }
    });

    it('does not move a record to another binding while re-wrapping', () => {
      const rotating = new CredentialVault(ringDuringRotation);
      const sealed = vault.seal(CANARY, stripeKey);

      expect(
        refusal(() =>
          rotating.rewrap(sealed, { ...stripeKey, environment: 'staging' }),
        ).message,
      ).toBe(ALTERED);
    });
  });

  describe('fingerprint', () => {
    it('is a keyed HMAC prefixed with the key that computed it', () => {
      const sealed = vault.seal(CANARY, stripeKey);

      expect(vault.fingerprint(CANARY)).toBe(sealed.fingerprint);
      expect(vault.fingerprint(`${CANARY}!`)).not.toBe(sealed.fingerprint);
      expect(sealed.fingerprint).toMatch(/^k2025:[0-9a-f]{16}$/);
    });

    it('survives re-wrapping and can still be recomputed with its key', () => {
      const rotating = new CredentialVault(ringDuringRotation);
      const rewrapped = rotating.rewrap(
        vault.seal(CANARY, stripeKey),
        stripeKey,
      );

      expect(rewrapped.fingerprint).toBe(rotating.fingerprint(CANARY, 'k2025'));
      expect(rotating.fingerprint(CANARY)).toMatch(/^k2026:/);
    });

    it('differs between keys even when they share a secret', () => {
      const sameSecret = new CredentialVault(
        KeyRing.fromKeys(
          [
            { id: 'a', secret: SECRET_2025 },
            { id: 'b', secret: SECRET_2025 },
          ],
          'a',
        ),
      );
      const [, underA] = sameSecret.fingerprint(CANARY, 'a').split(':');
      const [, underB] = sameSecret.fingerprint(CANARY, 'b').split(':');

      expect(underA).not.toBe(underB);
    });

    it('refuses a key the ring lacks, naming it', () => {
      expect(refusal(() => vault.fingerprint(CANARY, 'k1999')).message).toMatch(
        /^Encryption key 'k1999' is not in the key ring/,
      );
    });
  });

  describe('last4', () => {
    it.each([
      ['sk_live_abcd1234', '1234'],
      ['123456789', '6789'],
      ['12345678', ''],
      ['abc', ''],
      ['', ''],
      ['pass-word-🔑😀', 'd-🔑😀'],
      ['🔑🔑🔑🔑🔑🔑🔑🔑', ''],
      ['🔑🔑🔑🔑🔑🔑🔑🔑🔑', '🔑🔑🔑🔑'],
    ])('of %j is %j', (plaintext, last4) => {
      expect(vault.seal(plaintext, stripeKey).last4).toBe(last4);
    });
  });
});
