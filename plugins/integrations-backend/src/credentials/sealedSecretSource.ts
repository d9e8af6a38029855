import { CredentialBinding, SealedCredential } from './sealedCredential';

/** One secret sealed by the vault outside the credentials table, and how to put back its re-wrapped form. */
export interface SealedSecretSlot {
  sealed: SealedCredential;
  binding: CredentialBinding;
  /** Stores the re-wrapped secret unless it changed meanwhile; false when it did. */
  replace(next: SealedCredential): Promise<boolean>;
}

/**
 * Secrets other capabilities seal with the credential vault (webhook signing
 * secrets): key rotation re-wraps them and the key ring check counts them,
 * like credentials.
 */
export interface SealedSecretSource {
  countByKeyId(): Promise<Map<string, number>>;
  listNotWrappedBy(keyId: string, limit: number): Promise<SealedSecretSlot[]>;
}

/** The key ids protecting anything, with how many secrets each protects. */
export async function countAllByKeyId(
  sources: Array<Pick<SealedSecretSource, 'countByKeyId'>>,
): Promise<Map<string, number>> {
  const total = new Map<string, number>();
  for (const source of sources) {
    for (const [keyId, count] of await source.countByKeyId()) {
      total.set(keyId, (total.get(keyId) ?? 0) + count);
    }
  }
  return total;
}
