import { NotFoundError } from '@backstage/errors';
import {
  Environment,
  WebhookDelivery,
  webhookEventType,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { Actor } from '../audit/actor';
import { redactData } from '../errors/errorOccurrence';
import { OutboxEvent } from '../outbox/EventOutbox';
import { invalidFields } from '../requestErrors/invalidRequest';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import {
  deliveryRow,
  messageBody,
  newMessageId,
  WebhookOutbox,
} from './WebhookOutbox';
import { WebhookService } from './WebhookService';

/**
 * What people do with deliveries: retry one, retry the failed ones of a
 * period, replay events to an endpoint, send a test, and publish an event of
 * their own. Each is audited and wakes the dispatcher.
 */
export class WebhookOperations {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      db: Knex;
      endpoints: WebhookService;
      deliveries: WebhookDeliveryStore;
      outbox: WebhookOutbox;
      wake: () => void;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async retry(id: string, actor: Actor): Promise<WebhookDelivery> {
    const { deliveries, endpoints } = this.options;
    const delivery = await deliveries.get(id);
    if (!delivery) {
      throw new NotFoundError(`There is no webhook delivery ${id}`);
    }
    const endpoint = await endpoints.stored(delivery.webhookEndpointId);
    const at = this.now();
    await deliveries.retry(id, at);
    await endpoints.audit(
      actor,
      at,
      'webhook_retry',
      endpoint,
      {
        changedFields: [],
        deliveryId: id,
        event: delivery.event,
        eventId: delivery.eventId,
      },
      delivery.environment,
    );
    this.options.wake();
    return (await deliveries.get(id))!;
  }

  async retryFailed(
    endpointId: string,
    range: { from: Date; to?: Date },
    actor: Actor,
  ): Promise<number> {
    const endpoint = await this.options.endpoints.stored(endpointId);
    const at = this.now();
    const queued = await this.options.deliveries.retryFailed(
      endpointId,
      range.from,
      range.to ?? at,
      at,
    );
    await this.options.endpoints.audit(actor, at, 'webhook_retry', endpoint, {
      changedFields: [],
      from: range.from.toISOString(),
      to: (range.to ?? at).toISOString(),
      queued,
    });
    this.options.wake();
    return queued;
  }

  async replay(
    endpointId: string,
    request: { since: Date; events?: string[] },
    actor: Actor,
  ): Promise<number> {
    const endpoint = await this.options.endpoints.stored(endpointId);
    const types = request.events
      ? request.events.filter(type => endpoint.events.includes(type))
      : endpoint.events;
    const at = this.now();
    const queued = await this.options.deliveries.replay(
      endpoint,
      request.since,
      types,
      at,
    );
    await this.options.endpoints.audit(actor, at, 'webhook_replay', endpoint, {
      changedFields: [],
      since: request.since.toISOString(),
      events: types,
      queued,
    });
    this.options.wake();
    return queued;
  }

  /**
   * Sends one event of a type to this endpoint only, from the type's example
   * or the data given, checked against the type's schema first.
   */
  async sendTest(
    endpointId: string,
    request: {
      event: string;
      environment?: Environment;
      data?: Record<string, unknown>;
    },
    actor: Actor,
  ): Promise<WebhookDelivery> {
    const endpoint = await this.options.endpoints.stored(endpointId);
    const environment = request.environment ?? endpoint.environments[0];
    const event = this.checkedEvent(
      request.event,
      endpoint.integration,
      environment,
      request.data,
    );
    const at = this.now();
    const id = newMessageId();
    const delivery = deliveryRow(
      endpoint,
      { id, type: event.type, integration: endpoint.integration, environment },
      at,
    );
    await this.options.db.transaction(async tx => {
      await tx('webhook_events').insert({
        id,
        type: event.type,
        integration_name: endpoint.integration,
        environment,
        payload: messageBody({ ...event, occurredAt: at }),
        created_at: at,
      });
      await tx('webhook_deliveries').insert(delivery);
    });
    await this.options.endpoints.audit(
      actor,
      at,
      'webhook_test',
      endpoint,
      {
        changedFields: [],
        event: event.type,
        eventId: id,
      },
      environment,
    );
    this.options.wake();
    return (await this.options.deliveries.get(delivery.id))!;
  }

  /** An event of the company's own about an integration, to every endpoint subscribed to custom events. */
  async publishCustom(
    request: {
      integration: string;
      environment: Environment;
      name: string;
      payload: Record<string, unknown>;
    },
    actor: Actor,
  ): Promise<{ eventType: string }> {
    const at = this.now();
    const event: OutboxEvent = {
      type: 'integration.custom',
      integration: request.integration,
      environment: request.environment,
      occurredAt: at,
      data: {
        integration: request.integration,
        environment: request.environment,
        name: request.name,
        // Whatever a caller puts in, nothing shaped like a key leaves in a webhook.
        payload: redactData(request.payload, []) as Record<string, unknown>,
      },
    };
    await this.options.db.transaction(tx =>
      this.options.outbox.publish(tx, [event]),
    );
    await this.options.endpoints.audit(
      actor,
      at,
      'webhook_event_publish',
      { id: '', name: request.name, integration: request.integration },
      { changedFields: [], name: request.name },
      request.environment,
    );
    return { eventType: event.type };
  }

  private checkedEvent(
    type: string,
    integration: string,
    environment: Environment,
    data?: Record<string, unknown>,
  ): Omit<OutboxEvent, 'occurredAt'> {
    const definition = webhookEventType(type);
    if (!definition) {
      throw invalidFields([
        { path: 'event', message: `There is no event type ${type}` },
      ]);
    }
    const candidate = {
      ...(data ?? definition.example),
      integration,
      environment,
    };
    const parsed = definition.schema.safeParse(candidate);
    if (!parsed.success) {
      throw invalidFields(
        parsed.error.issues.map(issue => ({
          path: ['data', ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      );
    }
    return { type, integration, environment, data: candidate };
  }
}
