import { ENVIRONMENTS } from '@internal/plugin-integrations-common';
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { DerivedKeys, derivedKeysOf, isValidKeyId, KeyRing } from './KeyRing';
import { CredentialBinding, SealedCredential } from './sealedCredential';

export type { CredentialBinding, SealedCredential } from './sealedCredential';

const ALGORITHM = 'aes-256-gcm';
const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_KEY_BYTES = NONCE_BYTES + TAG_BYTES + DATA_KEY_BYTES;
const FINGERPRINT_HEX_CHARS = 16;
const LAST4_CHARS = 4;
/** Showing four characters of a value this short would disclose most of it. */
const LAST4_MIN_LENGTH = 9;

const ALTERED =
  'Credential failed to decrypt: it was altered or belongs to another record';
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

interface DecodedCredential {
  keyId: string;
  wrappedKey: Buffer;
  nonce: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function assertBinding(binding: CredentialBinding): void {
  if (
    typeof binding?.integration !== 'string' ||
    binding.integration === '' ||
    typeof binding.field !== 'string' ||
    binding.field === '' ||
    !ENVIRONMENTS.includes(binding.environment)
  ) {
    throw new Error(
      `Credential binding needs a non-empty integration and field and an environment among ${ENVIRONMENTS.join(
        ', ',
      )}`,
    );
  }
}

/*
 * JSON of an array of strings is unambiguous: no two bindings encode alike,
 * whatever characters their parts hold. The leading label keeps the payload
 * and the data-key AAD from ever being interchangeable.
 */
function payloadAad(binding: CredentialBinding): Buffer {
  return Buffer.from(
    JSON.stringify([
      'integrations/credential/v1',
      binding.integration,
      binding.environment,
      binding.field,
    ]),
    'utf8',
  );
}

function dataKeyAad(keyId: string, binding: CredentialBinding): Buffer {
  return Buffer.from(
    JSON.stringify([
      'integrations/data-key/v1',
      keyId,
      binding.integration,
      binding.environment,
      binding.field,
    ]),
    'utf8',
  );
}

/** Strict base64: Buffer.from would silently skip stray characters. */
function decodeBase64(value: unknown, length?: number): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new Error(ALTERED);
  }
  const decoded = Buffer.from(value, 'base64');
  if (
    decoded.toString('base64') !== value ||
    (length !== undefined && decoded.length !== length)
  ) {
    throw new Error(ALTERED);
  }
  return decoded;
}

function decode(sealed: SealedCredential): DecodedCredential {
  if (sealed?.algorithm !== ALGORITHM) {
    throw new Error(
      `Credential uses an unsupported algorithm; only ${ALGORITHM} is supported`,
    );
  }
  if (!isValidKeyId(sealed.keyId)) {
    throw new Error('Credential names no valid encryption key id');
  }
  return {
    keyId: sealed.keyId,
    wrappedKey: decodeBase64(sealed.wrappedKey, WRAPPED_KEY_BYTES),
    nonce: decodeBase64(sealed.nonce, NONCE_BYTES),
    tag: decodeBase64(sealed.tag, TAG_BYTES),
    ciphertext: decodeBase64(sealed.ciphertext),
  };
}

function encrypt(
  key: Buffer | KeyObject,
  nonce: Buffer,
  plaintext: Buffer,
  aad: Buffer,
): { tag: Buffer; ciphertext: Buffer } {
  const cipher = createCipheriv(ALGORITHM, key, nonce, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { tag: cipher.getAuthTag(), ciphertext };
}

/** The plaintext, or an ALTERED error when the tag does not verify. */
function decrypt(
  key: Buffer | KeyObject,
  nonce: Buffer,
  tag: Buffer,
  ciphertext: Buffer,
  aad: Buffer,
): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  // GCM releases plaintext before final() has checked the tag.
  const head = decipher.update(ciphertext);
  try {
    const tail = decipher.final();
    return Buffer.concat([head, tail]);
  } catch {
    throw new Error(ALTERED);
  } finally {
    head.fill(0);
  }
}

function wrapDataKey(
  keys: DerivedKeys,
  nonce: Buffer,
  dataKey: Buffer,
  aad: Buffer,
): string {
  const { tag, ciphertext } = encrypt(
    keys.keyEncryptionKey,
    nonce,
    dataKey,
    aad,
  );
  return Buffer.concat([nonce, tag, ciphertext]).toString('base64');
}

function unwrapDataKey(
  keys: DerivedKeys,
  wrappedKey: Buffer,
  aad: Buffer,
): Buffer {
  return decrypt(
    keys.keyEncryptionKey,
    wrappedKey.subarray(0, NONCE_BYTES),
    wrappedKey.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES),
    wrappedKey.subarray(NONCE_BYTES + TAG_BYTES),
    aad,
  );
}

/** Counted in code points, so an emoji is never cut in half. */
function last4Of(plaintext: string): string {
  const characters = Array.from(plaintext);
  return characters.length >= LAST4_MIN_LENGTH
    ? characters.slice(-LAST4_CHARS).join('')
    : '';
}

/**
 * Envelope encryption for stored credentials: each credential gets its own
 * random AES-256-GCM data key, wrapped by a key from the KeyRing. Rotating
 * the ring therefore re-wraps 60 bytes per credential and never touches the
 * encrypted values.
 *
 * No error thrown here carries a plaintext, a secret or key material.
 */
export class CredentialVault {
  readonly #keyRing: KeyRing;

  constructor(keyRing: KeyRing) {
    this.#keyRing = keyRing;
  }

  seal(plaintext: string, binding: CredentialBinding): SealedCredential {
    assertBinding(binding);
    if (typeof plaintext !== 'string' || !plaintext.isWellFormed()) {
      // A lone surrogate would be stored as U+FFFD and come back changed.
      throw new Error('Credential value must be a well-formed Unicode string');
    }
    const keyId = this.#keyRing.primaryKeyId;
    const keys = this.#keysFor(keyId);
    // One draw for the data key and both nonces: each call to the CSPRNG
    // costs about as much as setting up a cipher.
    const random = randomBytes(DATA_KEY_BYTES + 2 * NONCE_BYTES);
    const dataKey = random.subarray(0, DATA_KEY_BYTES);
    const nonce = random.subarray(DATA_KEY_BYTES, DATA_KEY_BYTES + NONCE_BYTES);
    const wrapNonce = random.subarray(DATA_KEY_BYTES + NONCE_BYTES);
    const payload = Buffer.from(plaintext, 'utf8');
    try {
      const { tag, ciphertext } = encrypt(
        dataKey,
        nonce,
        payload,
        payloadAad(binding),
      );
      return {
        algorithm: ALGORITHM,
        keyId,
        wrappedKey: wrapDataKey(
          keys,
          wrapNonce,
          dataKey,
          dataKeyAad(keyId, binding),
        ),
        nonce: nonce.toString('base64'),
        tag: tag.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        fingerprint: this.fingerprint(plaintext, keyId),
        last4: last4Of(plaintext),
      };
    } finally {
      random.fill(0);
      payload.fill(0);
    }
  }

  open(sealed: SealedCredential, binding: CredentialBinding): string {
    assertBinding(binding);
    const record = decode(sealed);
    const dataKey = unwrapDataKey(
      this.#keysFor(record.keyId),
      record.wrappedKey,
      dataKeyAad(record.keyId, binding),
    );
    try {
      const payload = decrypt(
        dataKey,
        record.nonce,
        record.tag,
        record.ciphertext,
        payloadAad(binding),
      );
      try {
        return payload.toString('utf8');
      } finally {
        payload.fill(0);
      }
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The same credential with its data key wrapped under the primary key.
   * Only the wrapping changes; the ciphertext, nonce, tag, fingerprint and
   * last4 are kept. A credential already on the primary key comes back as is.
   */
  rewrap(
    sealed: SealedCredential,
    binding: CredentialBinding,
  ): SealedCredential {
    assertBinding(binding);
    const record = decode(sealed);
    const primaryKeyId = this.#keyRing.primaryKeyId;
    const rewrapped = {
      algorithm: ALGORITHM,
      keyId: primaryKeyId,
      nonce: sealed.nonce,
      tag: sealed.tag,
      ciphertext: sealed.ciphertext,
      fingerprint: sealed.fingerprint,
      last4: sealed.last4,
    } as const;
    if (record.keyId === primaryKeyId) {
      return { ...rewrapped, wrappedKey: sealed.wrappedKey };
    }
    const dataKey = unwrapDataKey(
      this.#keysFor(record.keyId),
      record.wrappedKey,
      dataKeyAad(record.keyId, binding),
    );
    try {
      return {
        ...rewrapped,
        wrappedKey: wrapDataKey(
          this.#keysFor(primaryKeyId),
          randomBytes(NONCE_BYTES),
          dataKey,
          dataKeyAad(primaryKeyId, binding),
        ),
      };
    } finally {
      dataKey.fill(0);
    }
  }

  needsRewrap(sealed: SealedCredential): boolean {
    return sealed.keyId !== this.#keyRing.primaryKeyId;
  }

  /**
   * `<keyId>:<16 hex chars>`: a keyed, non-reversible HMAC-SHA256 of the
   * value, under the primary key unless `keyId` is given. Equal values have
   * equal fingerprints only under the same key, hence the key id prefix.
   */
  fingerprint(plaintext: string, keyId?: string): string {
    const id = keyId ?? this.#keyRing.primaryKeyId;
    const digest = createHmac('sha256', this.#keysFor(id).fingerprintKey)
      .update(plaintext, 'utf8')
      .digest('hex');
    return `${id}:${digest.slice(0, FINGERPRINT_HEX_CHARS)}`;
  }

  #keysFor(keyId: string): DerivedKeys {
    const keys = derivedKeysOf(this.#keyRing, keyId);
    if (!keys) {
      throw new Error(
        isValidKeyId(keyId)
          ? `Encryption key '${keyId}' is not in the key ring: add it back to integrations.encryption.keys until every credential it protects has been re-wrapped`
          : 'Credential names no valid encryption key id',
      );
    }
    return keys;
  }
}
