import { Knex } from 'knex';
import { CredentialVault } from '../credentials/CredentialVault';
import { SealedCredential } from '../credentials/sealedCredential';
import {
  SealedSecretSlot,
  SealedSecretSource,
} from '../credentials/sealedSecretSource';
import { EndpointRow, StoredEndpoint, toEndpoint } from './endpointRows';

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

/**
 * Every endpoint's signing secrets as the key rotation sees them: each
 * re-wrapped under the primary key and put back only if the endpoint's
 * secret did not change meanwhile.
 */
export function webhookSecretSource(db: Knex): SealedSecretSource {
  const slots = async (): Promise<SealedSecretSlot[]> => {
    const rows: EndpointRow[] = await db('webhook_endpoints');
    return rows.flatMap(row => {
      const endpoint = toEndpoint(row);
      const slot = (
        column: 'secret' | 'previous_secret',
        sealed: SealedCredential,
        generation: number,
      ): SealedSecretSlot => ({
        sealed,
        binding: binding(endpoint, generation),
        replace: async next =>
          (await db('webhook_endpoints')
            .where({ id: endpoint.id, [column]: row[column] })
            .update({ [column]: JSON.stringify(next) })) === 1,
      });
      return [
        slot('secret', endpoint.secret, endpoint.secretGeneration),
        ...(endpoint.previousSecret
          ? [
              slot(
                'previous_secret',
                endpoint.previousSecret,
                endpoint.secretGeneration - 1,
              ),
            ]
          : []),
      ];
    });
  };
  return {
    async countByKeyId() {
      const counts = new Map<string, number>();
      for (const { sealed } of await slots()) {
        counts.set(sealed.keyId, (counts.get(sealed.keyId) ?? 0) + 1);
      }
      return counts;
    },
    async listNotWrappedBy(keyId, limit) {
      return (await slots())
        .filter(s => s.sealed.keyId !== keyId)
        .slice(0, limit);
    },
  };
}
