import { RootConfigService } from '@backstage/backend-plugin-api';
import { createSecretKey, hkdfSync, KeyObject } from 'node:crypto';

/** One configured encryption key, as written in `integrations.encryption.keys`. */
export interface KeyRingSecret {
  id: string;
  secret: string;
}

export interface KeyRingOptions {
  /**
   * Shortest secret accepted, in UTF-8 bytes. Defaults to 32, the size of the
   * AES-256 keys derived from it.
   */
  minimumSecretBytes?: number;
}

/** Keys derived from one configured secret; never leaves the vault module. */
export interface DerivedKeys {
  /** Wraps and unwraps the per-credential data keys. */
  keyEncryptionKey: KeyObject;
  /** Computes credential fingerprints. */
  fingerprintKey: KeyObject;
}

const DEFAULT_MINIMUM_SECRET_BYTES = 32;
const DERIVED_KEY_BYTES = 32;
const KEY_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
const NO_KEYS =
  'No credential encryption keys are configured: add at least one { id, secret } to integrations.encryption.keys';

/*
 * Derived keys are held outside the instance so that no property, accessor,
 * JSON.stringify or util.inspect of a KeyRing can reach them.
 */
const derivedKeysByRing = new WeakMap<KeyRing, Map<string, DerivedKeys>>();

export function isValidKeyId(id: unknown): id is string {
  return typeof id === 'string' && KEY_ID_PATTERN.test(id);
}

/**
 * Keys derived from the ring's key `keyId`, or undefined when the ring lacks
 * it. Internal to the vault: only CredentialVault may use key material.
 */
export function derivedKeysOf(
  keyRing: KeyRing,
  keyId: string,
): DerivedKeys | undefined {
  return derivedKeysByRing.get(keyRing)?.get(keyId);
}

function deriveKey(secret: string, keyId: string, info: string): KeyObject {
  const inputKeyMaterial = Buffer.from(secret, 'utf8');
  const derived = Buffer.from(
    hkdfSync('sha256', inputKeyMaterial, keyId, info, DERIVED_KEY_BYTES),
  );
  try {
    return createSecretKey(derived);
  } finally {
    derived.fill(0);
    inputKeyMaterial.fill(0);
  }
}

/**
 * The encryption keys that protect stored credentials. New credentials are
 * sealed under the primary key; the other keys stay only so that credentials
 * sealed before a rotation can still be opened until they are re-wrapped.
 *
 * Every refusal names the offending key id or config path and never the
 * secret, because startup errors end up in logs.
 */
export class KeyRing {
  readonly primaryKeyId: string;
  readonly #ids: readonly string[];

  /**
   * Reads `integrations.encryption.keys` (`[{ id, secret }]`) and
   * `integrations.encryption.primaryKeyId`.
   */
  static fromConfig(
    config: RootConfigService,
    options: KeyRingOptions = {},
  ): KeyRing {
    const encryption = config.getOptionalConfig('integrations.encryption');
    const keys = (encryption?.getOptionalConfigArray('keys') ?? []).map(
      key => ({ id: key.getString('id'), secret: key.getString('secret') }),
    );
    if (keys.length === 0) {
      throw new Error(NO_KEYS);
    }
    const primaryKeyId = encryption?.getOptionalString('primaryKeyId');
    if (primaryKeyId === undefined) {
      throw new Error(
        'integrations.encryption.primaryKeyId is not set: name the key in integrations.encryption.keys that seals new credentials',
      );
    }
    return KeyRing.fromKeys(keys, primaryKeyId, options);
  }

  static fromKeys(
    keys: ReadonlyArray<KeyRingSecret>,
    primaryKeyId: string,
    options: KeyRingOptions = {},
  ): KeyRing {
    const minimumSecretBytes =
      options.minimumSecretBytes ?? DEFAULT_MINIMUM_SECRET_BYTES;
    if (!Number.isInteger(minimumSecretBytes) || minimumSecretBytes < 1) {
      throw new Error('minimumSecretBytes must be a positive integer');
    }
    if (keys.length === 0) {
      throw new Error(NO_KEYS);
    }

    const seen = new Set<string>();
    keys.forEach(({ id, secret }, index) => {
      if (!isValidKeyId(id)) {
        throw new Error(
          `integrations.encryption.keys[${index}].id is not a valid key id: use 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit`,
        );
      }
      if (seen.has(id)) {
        throw new Error(
          `Encryption key id '${id}' appears more than once in integrations.encryption.keys`,
        );
      }
      seen.add(id);
      if (
        typeof secret !== 'string' ||
        Buffer.byteLength(secret, 'utf8') < minimumSecretBytes
      ) {
        throw new Error(
          `Encryption key '${id}' is too short: its secret must be at least ${minimumSecretBytes} bytes (UTF-8) of random data`,
        );
      }
    });

    if (!seen.has(primaryKeyId)) {
      throw new Error(
        isValidKeyId(primaryKeyId)
          ? `integrations.encryption.primaryKeyId is '${primaryKeyId}', but no key with that id is in integrations.encryption.keys`
          : 'integrations.encryption.primaryKeyId is not a valid key id, so it names no key in integrations.encryption.keys',
      );
    }

    return new KeyRing(
      primaryKeyId,
      new Map(
        keys.map(({ id, secret }) => [
          id,
          {
            keyEncryptionKey: deriveKey(secret, id, 'integrations/kek'),
            fingerprintKey: deriveKey(secret, id, 'integrations/fingerprint'),
          },
        ]),
      ),
    );
  }

  private constructor(primaryKeyId: string, keys: Map<string, DerivedKeys>) {
    this.primaryKeyId = primaryKeyId;
    this.#ids = Object.freeze([...keys.keys()]);
    derivedKeysByRing.set(this, keys);
  }

  has(keyId: string): boolean {
    return this.#ids.includes(keyId);
  }

  /** Key ids in configured order. */
  ids(): string[] {
    return [...this.#ids];
  }
}
