import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Environment,
  InboundWebhookSetup,
  IntegrationConfig,
  WEBHOOKS_SIGNAL_CHANNEL,
  WebhookSignal,
  getProvider,
  inboundEventsTopic,
  inboundWebhookSetup,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { ConfigStore } from '../../configuration/ConfigStore';
import { CredentialService } from '../../credentials/CredentialService';
import { UsageEventStore } from '../../usage/UsageEventStore';
import { InboundEvent, readInboundEvent } from './inboundEvents';
import { InboundDeliveryStore, ReceivedDelivery } from './InboundDeliveryStore';
import { InboundRateLimiter } from './inboundRateLimit';
import {
  InboundBodyTooLargeError,
  InboundRateLimitedError,
  statusOf,
} from './inboundRefusals';
import {
  SignedRequest,
  UnusableSecretError,
  verifySignature,
} from './signatureSchemes';

/** How the receiver names itself where it opens the webhook secret. */
export const INBOUND_WEBHOOKS_ACTOR = 'task:integrations-inbound-webhooks';
/** The endpoint every received webhook is counted under in usage. */
export const INBOUND_USAGE_ENDPOINT = '/webhooks/inbound';

/** A webhook as the route hands it over: the raw bytes, nothing parsed. */
export interface ReceivedWebhook extends SignedRequest {
  integration: string;
  environment: Environment;
  contentType?: string;
}

/** What the provider is answered when the webhook is taken. */
export interface InboundAnswer {
  received: true;
  duplicate?: true;
}

/** A configuration that can receive webhooks. */
interface Receiver {
  config: IntegrationConfig;
  setup: InboundWebhookSetup;
}

/**
 * Receives the webhooks providers send: verifies each on its raw body with
 * the stored secret, records every one (verified, duplicate or rejected, and
 * why), publishes the verified ones on the events service and counts each as
 * usage. What it throws is the answer to the provider, with a reason that
 * never holds a secret.
 */
export class InboundWebhookService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      configs: ConfigStore;
      credentials: CredentialService;
      store: InboundDeliveryStore;
      rateLimiter: InboundRateLimiter;
      events?: EventsService;
      signals?: SignalsService;
      usageEvents?: UsageEventStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async receive(webhook: ReceivedWebhook): Promise<InboundAnswer> {
    const receivedAt = this.now();
    this.takeToken(webhook.integration);
    const receiver = await this.receiver(webhook);
    const secret = await this.secret(webhook, receiver, receivedAt);

    let check;
    try {
      check = verifySignature(receiver.setup, secret, webhook, receivedAt);
    } catch (error) {
      if (error instanceof UnusableSecretError) {
        return this.reject(
          webhook,
          receiver,
          receivedAt,
          new ConflictError(error.message),
        );
      }
      throw error;
    }
    if (!check.verified) {
      return this.reject(
        webhook,
        receiver,
        receivedAt,
        new InputError(check.reason),
      );
    }
    const event = readInboundEvent(
      receiver.setup,
      webhook,
      webhook.contentType,
    );
    if (!event.ok) {
      return this.reject(
        webhook,
        receiver,
        receivedAt,
        new InputError(event.reason),
      );
    }
    return this.accept(webhook, receiver, receivedAt, event);
  }

  /**
   * A body over the limit, refused before it was read: recorded under its
   * configuration when there is one.
   */
  async refuseOversized(
    integration: string,
    environment: Environment,
    limitBytes: number,
    size: number,
  ): Promise<never> {
    const receivedAt = this.now();
    this.takeToken(integration);
    const error = new InboundBodyTooLargeError(
      `The webhook is larger than the ${limitBytes} bytes the receiver reads`,
    );
    const [config] = await this.options.configs.getConfigs(
      integration,
      environment,
    );
    const setup = config && !config.deleted ? setupOf(config) : undefined;
    if (setup) {
      await this.recordRefusal(
        { integration, environment, size },
        setup,
        receivedAt,
        error,
      );
    }
    throw error;
  }

  private takeToken(integration: string): void {
    const token = this.options.rateLimiter.take(integration);
    if (!token.allowed) {
      // Not recorded: a flood must not become a flood of writes.
      throw new InboundRateLimitedError(
        `${integration} sends webhooks faster than the receiver takes; retry in ${token.retryAfterSeconds} s`,
        token.retryAfterSeconds,
      );
    }
  }

  private async receiver(webhook: ReceivedWebhook): Promise<Receiver> {
    const { integration, environment } = webhook;
    const [config] = await this.options.configs.getConfigs(
      integration,
      environment,
    );
    if (!config || config.deleted) {
      throw new NotFoundError(
        `No integration ${integration} in ${environment} receives webhooks here`,
      );
    }
    const setup = setupOf(config);
    if (!setup) {
      throw new NotFoundError(
        `${integration} (${config.provider}) sends no webhooks the portal can verify`,
      );
    }
    return { config, setup };
  }

  /** The webhook secret, opened; only that field is decrypted. */
  private async secret(
    webhook: ReceivedWebhook,
    receiver: Receiver,
    receivedAt: Date,
  ): Promise<string> {
    const { integration, environment } = webhook;
    const { secretField } = receiver.setup;
    const stored = await this.options.credentials.storedFor([
      { integration, environment },
    ]);
    const field = (stored.get(`${integration}:${environment}`) ?? []).filter(
      credential => credential.field === secretField,
    );
    const opened = field.length
      ? await this.options.credentials.openForUse(integration, environment, {
          actor: INBOUND_WEBHOOKS_ACTOR,
          purpose: 'webhook verification',
          stored: field,
        })
      : undefined;
    const secret = opened?.values[secretField];
    if (secret === undefined) {
      const why = opened?.expired.length ? 'has expired' : 'is not stored';
      return this.reject(
        webhook,
        receiver,
        receivedAt,
        new ConflictError(
          `The webhook secret of ${integration} (${environment}) ${why}: set the webhook signing secret (${secretField}) in Credentials`,
        ),
      );
    }
    return secret;
  }

  private async accept(
    webhook: ReceivedWebhook,
    receiver: Receiver,
    receivedAt: Date,
    event: InboundEvent,
  ): Promise<InboundAnswer> {
    const topic = inboundEventsTopic(webhook.integration);
    const recorded = await this.record(receiver.setup, receivedAt, {
      integration: webhook.integration,
      environment: webhook.environment,
      verification: 'verified',
      providerEventId: event.providerEventId,
      eventType: event.eventType,
      responseStatus: 200,
      topic,
      size: webhook.rawBody.length,
      body: event.keptBody,
    });
    if (recorded.verification === 'duplicate') {
      return { received: true, duplicate: true };
    }
    await this.publish(webhook, topic, recorded.id, event);
    return { received: true };
  }

  private async publish(
    webhook: ReceivedWebhook,
    topic: string,
    deliveryId: string,
    event: InboundEvent,
  ): Promise<void> {
    const { events, logger } = this.options;
    try {
      await events?.publish({
        topic,
        eventPayload: event.payload,
        metadata: {
          integration: webhook.integration,
          environment: webhook.environment,
          deliveryId,
          providerEventId: event.providerEventId,
          ...(event.eventType ? { eventType: event.eventType } : {}),
        },
      });
    } catch (error) {
      // Recorded and answered already: the sender must not resend a
      // webhook that is kept, so a lost publication is logged instead.
      logger.warn(
        `Could not publish the ${
          webhook.integration
        } webhook ${deliveryId} on ${topic}: ${(error as Error).name}`,
      );
    }
  }

  private async reject(
    webhook: ReceivedWebhook,
    receiver: Receiver,
    receivedAt: Date,
    error: Error & { statusCode?: number },
  ): Promise<never> {
    await this.recordRefusal(
      {
        integration: webhook.integration,
        environment: webhook.environment,
        size: webhook.rawBody.length,
      },
      receiver.setup,
      receivedAt,
      error,
    );
    throw error;
  }

  private async recordRefusal(
    target: { integration: string; environment: Environment; size: number },
    setup: InboundWebhookSetup,
    receivedAt: Date,
    error: Error,
  ): Promise<void> {
    await this.record(setup, receivedAt, {
      ...target,
      verification: 'rejected',
      reason: error.message,
      responseStatus: statusOf(error),
    });
  }

  /** Records the webhook, counts it as usage and tells open pages. */
  private async record(
    setup: InboundWebhookSetup,
    receivedAt: Date,
    delivery: Omit<ReceivedDelivery, 'scheme' | 'receivedAt'>,
  ) {
    const recorded = await this.options.store.record({
      ...delivery,
      scheme: setup.scheme,
      receivedAt,
    });
    await this.countUsage(recorded.integration, recorded.environment, {
      status: recorded.responseStatus,
      size: recorded.size,
      receivedAt,
    });
    await this.announce({
      kind: 'inbound',
      integration: recorded.integration,
      id: recorded.id,
    });
    return recorded;
  }

  private async countUsage(
    integration: string,
    environment: Environment,
    call: { status: number; size: number; receivedAt: Date },
  ): Promise<void> {
    const { usageEvents, logger } = this.options;
    try {
      await usageEvents?.insert(
        [
          {
            id: randomUUID(),
            integration,
            environment,
            endpoint: INBOUND_USAGE_ENDPOINT,
            method: 'POST',
            status: call.status,
            durationMs: Math.max(
              0,
              this.now().getTime() - call.receivedAt.getTime(),
            ),
            requestBytes: call.size,
            occurredAt: call.receivedAt.toISOString(),
            caller: 'webhook',
          },
        ],
        { source: 'webhook', receivedAt: call.receivedAt },
      );
    } catch (error) {
      logger.warn(
        `Could not count a webhook of ${integration} as usage: ${
          (error as Error).name
        }`,
      );
    }
  }

  private async announce(signal: WebhookSignal): Promise<void> {
    try {
      await this.options.signals?.publish<WebhookSignal & Record<string, any>>({
        recipients: { type: 'broadcast' },
        channel: WEBHOOKS_SIGNAL_CHANNEL,
        message: { ...signal },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not announce a received webhook: ${(error as Error).name}`,
      );
    }
  }
}

/** How the configuration's webhooks are verified; undefined when its provider sends none. */
function setupOf(config: IntegrationConfig): InboundWebhookSetup | undefined {
  const provider = getProvider(config.provider);
  return provider
    ? inboundWebhookSetup(provider, config.featureConfig.featureSettings)
    : undefined;
}
