import { CredentialVault } from '../credentials/CredentialVault';
import { SealedCredential } from '../credentials/sealedCredential';
import { StoredEndpoint } from './endpointRows';

/*
 * An endpoint's signing secrets live in the credential vault like any
 * credential: sealed under the key ring, bound to the endpoint and the
 * secret's generation, so a ciphertext copied to another endpoint or put
 * back after a rotation does not open.
 */
function binding(
  endpoint: Pick<StoredEndpoint, 'id' | 'integration'>,
  generation: number,
) {
  return {
    integration: endpoint.integration,
    environment: 'production' as const,
    field: `webhook-endpoint:${endpoint.id}:${generation}`,
  };
}

export function sealSecret(
  vault: CredentialVault,
  endpoint: Pick<StoredEndpoint, 'id' | 'integration'>,
  generation: number,
  secret: string,
): SealedCredential {
  return vault.seal(secret, binding(endpoint, generation));
}

/**
 * The secrets that sign a message now: the current one, and the one it
 * replaced while its grace period lasts.
 */
export function signingSecrets(
  vault: CredentialVault,
  endpoint: StoredEndpoint,
  now: Date,
): string[] {
  const secrets = [
    vault.open(endpoint.secret, binding(endpoint, endpoint.secretGeneration)),
  ];
  if (
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    Date.parse(endpoint.previousSecretExpiresAt) > now.getTime()
  ) {
    secrets.push(
      vault.open(
        endpoint.previousSecret,
        binding(endpoint, endpoint.secretGeneration - 1),
      ),
    );
  }
  return secrets;
}
