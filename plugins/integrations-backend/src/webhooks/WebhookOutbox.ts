import { WebhookMessage } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { EventOutbox, OutboxEvent } from '../outbox/EventOutbox';
import { EndpointRow, toEndpoint, StoredEndpoint } from './endpointRows';

/** Rows per insert statement, under SQLite's limit of bound parameters. */
const ROWS_PER_INSERT = 50;

/** A message id as Standard Webhooks names them: the `webhook-id` header. */
export function newMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/** The body of a message, exactly as every attempt sends and signs it. */
export function messageBody(event: OutboxEvent): string {
  const message: WebhookMessage = {
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.data,
  };
  return JSON.stringify(message);
}

/** Whether an endpoint takes an event: its integration, environment and type. */
export function subscribes(endpoint: StoredEndpoint, event: OutboxEvent) {
  return (
    endpoint.integration === event.integration &&
    endpoint.status !== 'disabled' &&
    endpoint.environments.includes(event.environment) &&
    endpoint.events.includes(event.type)
  );
}

/** The new delivery of a stored event to one endpoint, due now. */
export function deliveryRow(
  endpoint: StoredEndpoint,
  event: { id: string; type: string; integration: string; environment: string },
  at: Date,
) {
  return {
    id: randomUUID(),
    endpoint_id: endpoint.id,
    event_id: event.id,
    integration_name: event.integration,
    environment: event.environment,
    event_type: event.type,
    ordering_key: `${event.integration}:${event.environment}`,
    status: 'pending',
    attempts: 0,
    max_attempts: 1 + endpoint.deliverySettings.retryAttempts,
    next_attempt_at: at,
    created_at: at,
  };
}

/**
 * The webhook side of the outbox: each event is stored, with a delivery for
 * every endpoint that subscribes to it, in the transaction of the change that
 * caused it. Once that transaction commits, the dispatcher is woken so the
 * delivery leaves at once instead of at its next scheduled run.
 */
export class WebhookOutbox implements EventOutbox {
  private readonly listeners: Array<() => void> = [];

  /** Called after a transaction that queued deliveries commits. */
  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  async publish(tx: Knex.Transaction, events: OutboxEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const integrations = [...new Set(events.map(event => event.integration))];
    const endpoints = (
      await tx<EndpointRow>('webhook_endpoints').whereIn(
        'integration_name',
        integrations,
      )
    ).map(toEndpoint);
    const stored = events.map(event => ({
      id: newMessageId(),
      type: event.type,
      integration_name: event.integration,
      environment: event.environment,
      payload: messageBody(event),
      created_at: event.occurredAt,
    }));
    const deliveries = events.flatMap((event, index) =>
      endpoints
        .filter(endpoint => subscribes(endpoint, event))
        .map(endpoint =>
          deliveryRow(
            endpoint,
            { ...event, id: stored[index].id },
            event.occurredAt,
          ),
        ),
    );
    await insertInChunks(tx, 'webhook_events', stored);
    await insertInChunks(tx, 'webhook_deliveries', deliveries);
    if (deliveries.length > 0) {
      tx.executionPromise.then(
        () => this.listeners.forEach(listener => listener()),
        // A rolled-back change queued nothing; its caller sees the error.
        () => undefined,
      );
    }
  }
}

export async function insertInChunks(
  tx: Knex.Transaction | Knex,
  table: string,
  rows: object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await tx(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
  }
}
