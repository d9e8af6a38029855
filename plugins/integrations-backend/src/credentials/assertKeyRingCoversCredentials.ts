import { CredentialStore } from './CredentialStore';
import { KeyRing } from './KeyRing';

/**
 * Refuses to start with a key ring that lacks a key still protecting stored
 * credentials: they could not be read, and the operator must know which key
 * to put back.
 */
export async function assertKeyRingCoversCredentials(
  keyRing: KeyRing,
  credentials: CredentialStore,
): Promise<void> {
  const missing = [...(await credentials.countByKeyId())].filter(
    ([keyId]) => !keyRing.has(keyId),
  );
  if (missing.length) {
    throw new Error(
      `The encryption key ring lacks keys still in use: ${missing
        .map(
          ([keyId, count]) =>
            `"${keyId}" protects ${count} credential field(s)`,
        )
        .join(
          ', ',
        )}. Add them back to integrations.encryption.keys, then rotate.`,
    );
  }
}
