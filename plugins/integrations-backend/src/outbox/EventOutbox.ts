import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';

/** Something that happened to an integration, for whoever subscribed to its type. */
export interface OutboxEvent {
  /** A type of the webhook event catalog, e.g. `integration.health_changed`. */
  type: string;
  integration: string;
  environment: Environment;
  /** The message's `data`, as the catalog's schema of the type describes it. */
  data: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Where stores put the events of a change, inside the change's own
 * transaction: the event is committed exactly when the change is, so a crash
 * between the two can never lose one or announce a change that did not
 * happen.
 */
export interface EventOutbox {
  publish(tx: Knex.Transaction, events: OutboxEvent[]): Promise<void>;
}

/** For stores used where nothing subscribes, such as tests of the store alone. */
export const noEventOutbox: EventOutbox = {
  async publish() {},
};
