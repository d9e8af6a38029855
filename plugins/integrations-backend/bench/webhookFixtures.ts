import {
  DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
  ENVIRONMENTS,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CredentialVault } from '../src/credentials/CredentialVault';
import { KeyRing } from '../src/credentials/KeyRing';
import { OutboxEvent } from '../src/outbox/EventOutbox';
import { sealSecret } from '../src/webhooks/endpointSecrets';
import { newSigningSecret } from '../src/webhooks/signing';
import { DatabaseWebhookEndpointStore } from '../src/webhooks/WebhookEndpointStore';

/** What the webhook bench and the dispatcher processes it starts share. */
export const BENCH_ALLOWED_CIDRS = ['127.0.0.0/8'];

/** The vault every process of the webhook bench opens signing secrets with. */
export function benchVault(): CredentialVault {
  return new CredentialVault(
    KeyRing.fromKeys(
      [{ id: 'bench', secret: 'benchmark-only-key-0123456789-abcdefghij' }],
      'bench',
    ),
  );
}

/**
 * An active endpoint of the integration subscribed to custom events in
 * every environment, and its signing secret in the clear.
 */
export async function createBenchEndpoint(
  knex: Knex,
  vault: CredentialVault,
  options: { integration: string; url: string },
): Promise<{ id: string; secret: string }> {
  const id = randomUUID();
  const secret = newSigningSecret();
  await new DatabaseWebhookEndpointStore(knex).create(
    {
      id,
      integration: options.integration,
      name: `bench ${options.url}`,
      url: options.url,
      events: ['integration.custom'],
      environments: [...ENVIRONMENTS],
      status: 'active',
      deliverySettings: DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
      secret: sealSecret(
        vault,
        { id, integration: options.integration },
        1,
        secret,
      ),
      createdBy: 'user:default/bench',
    },
    new Date(),
  );
  return { id, secret };
}

/**
 * The custom event `POST /webhooks/events` would publish, numbered, so the
 * receiver can tell which accepted event each message carries.
 */
export function benchEvent(integration: string, seq: number): OutboxEvent {
  return {
    type: 'integration.custom',
    integration,
    environment: 'production',
    occurredAt: new Date(),
    data: {
      integration,
      environment: 'production',
      name: 'bench.ping',
      payload: { seq },
    },
  };
}

/** Milliseconds on a clock every process on the machine shares. */
export function sharedClockMs(): number {
  return performance.timeOrigin + performance.now();
}
