import { Environment } from '@internal/plugin-integrations-common';

/** The record slot a credential belongs to; its ciphertext opens nowhere else. */
export interface CredentialBinding {
  integration: string;
  environment: Environment;
  field: string;
}

/** A credential as stored at rest. Binary values are base64. */
export interface SealedCredential {
  algorithm: 'aes-256-gcm';
  /** The ring key that wraps the data key. */
  keyId: string;
  /** nonce (12 bytes) | tag (16 bytes) | encrypted data key (32 bytes). */
  wrappedKey: string;
  nonce: string;
  tag: string;
  ciphertext: string;
  /** `<keyId>:<16 hex chars>` of HMAC-SHA256 under the sealing key's fingerprint key. */
  fingerprint: string;
  /** The last four characters, or '' when the value has eight or fewer. */
  last4: string;
}
