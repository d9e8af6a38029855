import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from '../schemas';
import { Environment } from '../types';

/**
 * `pending`: waiting for its next attempt; `delivered`: a 2xx came back;
 * `failed`: out of attempts, or the endpoint answered 410; `cancelled`: the
 * endpoint was deleted first.
 */
export const WEBHOOK_DELIVERY_STATUSES = [
  'pending',
  'delivered',
  'failed',
  'cancelled',
] as const;
/** @public */
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One try to deliver a message, as recorded. @public */
export interface WebhookAttempt {
  attemptNumber: number;
  timestamp: string;
  success: boolean;
  responseTime: number;
  httpStatus?: number;
  errorMessage?: string;
}

/** The spec's `WebhookDelivery`: one event to one endpoint, with its attempts. @public */
export interface WebhookDelivery {
  id: string;
  webhookEndpointId: string;
  integration: string;
  environment: Environment;
  /** The event type. */
  event: string;
  /** The event's id: the `webhook-id` the receiver sees, the same on every attempt. */
  eventId: string;
  status: WebhookDeliveryStatus;
  createdAt: string;
  /** The latest attempt, or nothing yet. */
  delivery: {
    timestamp?: string;
    success: boolean;
    responseTime: number;
    httpStatus?: number;
    /** Only with the permission to read payloads. */
    responseHeaders?: Record<string, string>;
    /** Truncated to 4 KB; only with the permission to read payloads. */
    responseBody?: string;
    errorMessage?: string;
  };
  /** What was sent; headers and body only with the permission to read payloads. */
  payload: {
    headers?: Record<string, string>;
    body?: unknown;
    signature?: string;
  };
  retry: {
    attemptNumber: number;
    maxAttempts: number;
    nextRetry?: string;
    retryHistory: WebhookAttempt[];
  };
}

const isoTime = z.iso.datetime({
  offset: true,
  message: 'An ISO 8601 time such as 2026-12-01T00:00:00Z',
});

/** The most deliveries one page carries. */
export const WEBHOOK_DELIVERIES_PAGE_LIMIT = 200;

/** `GET /webhooks/:id/deliveries` and `GET /webhook-deliveries`. @public */
export const webhookDeliveriesQuerySchema = z.strictObject({
  status: z
    .enum(WEBHOOK_DELIVERY_STATUSES, {
      message: `One of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}`,
    })
    .optional(),
  event: z.string().max(200).optional(),
  environment: environmentSchema.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce
    .number({
      message: `A whole number from 1 to ${WEBHOOK_DELIVERIES_PAGE_LIMIT}`,
    })
    .int(`A whole number from 1 to ${WEBHOOK_DELIVERIES_PAGE_LIMIT}`)
    .min(1, `A whole number from 1 to ${WEBHOOK_DELIVERIES_PAGE_LIMIT}`)
    .max(
      WEBHOOK_DELIVERIES_PAGE_LIMIT,
      `A whole number from 1 to ${WEBHOOK_DELIVERIES_PAGE_LIMIT}`,
    )
    .optional(),
  offset: z.coerce
    .number({ message: 'A whole number, 0 or more' })
    .int('A whole number, 0 or more')
    .min(0, 'A whole number, 0 or more')
    .max(1_000_000, 'At most 1000000')
    .optional(),
});
/** @public */
export type WebhookDeliveriesQuery = z.infer<
  typeof webhookDeliveriesQuerySchema
>;

/** `GET /webhook-deliveries`: the delivery log across endpoints. @public */
export const webhookDeliveryLogQuerySchema =
  webhookDeliveriesQuerySchema.extend({
    integration: integrationNameSchema.optional(),
    endpoint: z.uuid({ message: 'A webhook endpoint id (a UUID)' }).optional(),
  });
/** @public */
export type WebhookDeliveryLogQuery = z.infer<
  typeof webhookDeliveryLogQuerySchema
>;

/** A page of deliveries, newest first. @public */
export interface ListWebhookDeliveriesResponse {
  items: WebhookDelivery[];
  totalCount: number;
}

/** `:id` of `POST /webhook-deliveries/:id/retry`. @public */
export const webhookDeliveryParamsSchema = z.strictObject({
  id: z.uuid({ message: 'A delivery id (a UUID)' }),
});

/** `POST /webhooks/:id/retry-failed`: failed deliveries in a time range, tried again. @public */
export const bulkRetrySchema = z.strictObject({
  from: isoTime,
  to: isoTime.optional(),
});
/** @public */
export type BulkRetryRequest = z.infer<typeof bulkRetrySchema>;

/** `POST /webhooks/:id/replay`: every event since a time, sent again as new deliveries. @public */
export const replaySchema = z.strictObject({
  since: isoTime,
  /** Only these event types; all the endpoint subscribes to when absent. */
  events: z.array(z.string().max(200)).max(100).optional(),
});
/** @public */
export type ReplayRequest = z.infer<typeof replaySchema>;

/** How many deliveries a bulk retry or replay queued. @public */
export interface QueuedDeliveriesResponse {
  queued: number;
}

/** `POST /webhooks/:id/test`: one event of a type, from its example or the given data. @public */
export const testSendSchema = z.strictObject({
  event: z.string().min(1, 'Choose an event type').max(200),
  environment: environmentSchema.optional(),
  /** The event's `data`; the type's example when absent. Checked against the type's schema. */
  data: z.record(z.string(), z.unknown()).optional(),
});
/** @public */
export type TestSendRequest = z.infer<typeof testSendSchema>;

/** `GET /webhooks/docs`: the event catalog as Markdown or as an AsyncAPI document. @public */
export const webhookDocsQuerySchema = z.strictObject({
  format: z
    .enum(['markdown', 'asyncapi'], { message: 'One of markdown, asyncapi' })
    .optional(),
});
/** @public */
export type WebhookDocsFormat = NonNullable<
  z.infer<typeof webhookDocsQuerySchema>['format']
>;

/** The Signals channel on which deliveries and endpoint changes are announced. */
export const WEBHOOKS_SIGNAL_CHANNEL = 'integrations:webhooks';

/** What a Signals message on {@link WEBHOOKS_SIGNAL_CHANNEL} says. @public */
export interface WebhookSignal {
  kind: 'delivery' | 'endpoint' | 'inbound';
  integration: string;
  id: string;
}
