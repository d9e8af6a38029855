import { CredentialStore } from './CredentialStore';
import { KeyRing } from './KeyRing';
import { countAllByKeyId, SealedSecretSource } from './sealedSecretSource';

/**
 * Refuses to start with a key ring that lacks a key still protecting stored
 * credentials: they could not be read, and the operator must know which key
 * to put back.
 */
export async function assertKeyRingCoversCredentials(
  keyRing: KeyRing,
  credentials: CredentialStore,
  otherSecrets: SealedSecretSource[] = [],
): Promise<void> {
  const missing = [
    ...(await countAllByKeyId([credentials, ...otherSecrets])),
  ].filter(([keyId]) => !keyRing.has(keyId));
  if (missing.length) {
    throw new Error(
      `The encryption key ring lacks keys still in use: ${missing
        .map(
          ([keyId, count]) =>
            `"${keyId}" protects ${count} credential field(s) or signing secret(s)`,
        )
        .join(
          ', ',
        )}. Add them back to integrations.encryption.keys, then rotate.`,
    );
  }
}
