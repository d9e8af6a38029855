import { z } from 'zod';
import {
  environmentSchema,
  integrationNameSchema,
  outboundUrlSchema,
} from '../schemas';
import { Environment } from '../types';

/**
 * Delays before each retry of a failed delivery, in seconds: the Standard
 * Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
 */
export const STANDARD_RETRY_SCHEDULE_SECONDS = [
  5, 300, 1800, 7200, 18000, 36000, 36000,
] as const;

/** How long a rotated-out signing secret keeps signing, by default and at most. */
export const DEFAULT_SECRET_GRACE_HOURS = 24;
export const MAX_SECRET_GRACE_HOURS = 7 * 24;

/** An endpoint failing without a single success for this long is disabled. */
export const ENDPOINT_FAILURE_DISABLE_DAYS = 5;

/** `active`: delivering; `paused` by a person; `disabled` by the dispatcher (410, or failing for days). */
export const WEBHOOK_ENDPOINT_STATUSES = [
  'active',
  'paused',
  'disabled',
] as const;
/** @public */
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];

/** How one endpoint's deliveries are made. @public */
export interface WebhookDeliverySettings {
  /** Milliseconds to wait for the receiver's answer. */
  timeout: number;
  /** Retries after the first attempt (0–7 with the standard schedule, up to 20). */
  retryAttempts: number;
  /** The first retry's delay; later ones follow the standard schedule scaled to it. */
  retryDelaySeconds: number;
  /** No retry waits longer, whatever the schedule or a Retry-After says. */
  maxRetryDelay: number;
  /** One delivery in flight at a time per ordering key (the integration and environment). */
  ordered: boolean;
}

/** The spec's `WebhookEndpoint`, as the API serves it: the secret never, only its tail. @public */
export interface WebhookEndpoint {
  id: string;
  integration: string;
  name: string;
  url: string;
  /** Event types subscribed to. */
  events: string[];
  /** Environments whose events are sent; all three when not narrowed. */
  environments: Environment[];
  active: boolean;
  status: WebhookEndpointStatus;
  /** Why the dispatcher disabled it. */
  disabledReason?: string;
  security: {
    signatureHeader: 'webhook-signature';
    /** `whsec_…` and the last four characters; the secret itself is shown once. */
    secretKey: string;
    verificationRequired: true;
    /** Addresses (or CIDR ranges) the URL must resolve to for a delivery to be sent. */
    ipWhitelist?: string[];
    /** While a rotated-out secret still signs alongside the new one. */
    previousSecretExpiresAt?: string;
  };
  deliverySettings: WebhookDeliverySettings;
  statistics: {
    totalDeliveries: number;
    successfulDeliveries: number;
    failedDeliveries: number;
    pendingDeliveries: number;
    /** Delivered out of finished, 0–1; absent before the first finished delivery. */
    successRate?: number;
    averageResponseTime: number;
    p95ResponseTime: number;
    lastDelivery?: string;
    lastDeliveryStatus?: 'delivered' | 'failed';
  };
  metadata: {
    createdAt: string;
    createdBy: string;
    lastUpdated: string;
    notes?: string;
  };
}

const MAX_RETRY_ATTEMPTS = 20;

const ipOrCidrSchema = z
  .string()
  .trim()
  .max(64)
  .regex(
    /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]+)(?:\/[0-9]{1,3})?$/,
    'An IP address or CIDR range, e.g. 203.0.113.0/24',
  );

/** The settings a person edits; the rest of a delivery's rules are fixed. */
export const webhookDeliverySettingsSchema = z.strictObject({
  timeout: z
    .number()
    .int('Whole milliseconds')
    .min(1000, 'At least 1000 ms')
    .max(30_000, 'At most 30000 ms'),
  retryAttempts: z
    .number()
    .int('A whole number')
    .min(0, 'At least 0')
    .max(MAX_RETRY_ATTEMPTS, `At most ${MAX_RETRY_ATTEMPTS}`),
  retryDelaySeconds: z
    .number()
    .int('Whole seconds')
    .min(1, 'At least 1 second')
    .max(3600, 'At most 3600 seconds'),
  maxRetryDelay: z
    .number()
    .int('Whole seconds')
    .min(1, 'At least 1 second')
    .max(86_400, 'At most 86400 seconds (a day)'),
  ordered: z.boolean(),
});

/** Defaults of a new endpoint: the Standard Webhooks schedule, unordered. */
export const DEFAULT_WEBHOOK_DELIVERY_SETTINGS: WebhookDeliverySettings = {
  timeout: 15_000,
  retryAttempts: STANDARD_RETRY_SCHEDULE_SECONDS.length,
  retryDelaySeconds: STANDARD_RETRY_SCHEDULE_SECONDS[0],
  maxRetryDelay: 36_000,
  ordered: false,
};

const endpointFields = {
  name: z
    .string()
    .trim()
    .min(1, 'A name is required')
    .max(200, 'At most 200 characters'),
  url: outboundUrlSchema,
  events: z
    .array(z.string().max(200))
    .min(1, 'Subscribe to at least one event type')
    .max(100, 'At most 100 event types'),
  environments: z
    .array(environmentSchema)
    .min(1, 'At least one environment')
    .max(3),
  active: z.boolean(),
  ipWhitelist: z.array(ipOrCidrSchema).max(50, 'At most 50 addresses'),
  deliverySettings: webhookDeliverySettingsSchema.partial(),
  notes: z.string().max(2000, 'At most 2000 characters'),
};

/** `POST /webhooks`. @public */
export const createWebhookEndpointSchema = z.strictObject({
  integration: integrationNameSchema,
  name: endpointFields.name,
  url: endpointFields.url,
  events: endpointFields.events,
  environments: endpointFields.environments.optional(),
  active: endpointFields.active.optional(),
  ipWhitelist: endpointFields.ipWhitelist.optional(),
  deliverySettings: endpointFields.deliverySettings.optional(),
  notes: endpointFields.notes.optional(),
});
/** @public */
export type CreateWebhookEndpointRequest = z.infer<
  typeof createWebhookEndpointSchema
>;

/** `PUT /webhooks/:id`: the fields to change. @public */
export const updateWebhookEndpointSchema = z.strictObject({
  name: endpointFields.name.optional(),
  url: endpointFields.url.optional(),
  events: endpointFields.events.optional(),
  environments: endpointFields.environments.optional(),
  active: endpointFields.active.optional(),
  ipWhitelist: endpointFields.ipWhitelist.optional(),
  deliverySettings: endpointFields.deliverySettings.optional(),
  notes: endpointFields.notes.optional(),
});
/** @public */
export type UpdateWebhookEndpointRequest = z.infer<
  typeof updateWebhookEndpointSchema
>;

/** An endpoint with its signing secret: the one answer that carries it (create, rotate). @public */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  /** `whsec_` and base64 of 32 random bytes. Shown once; store it in the receiver now. */
  signingSecret: string;
}

/** `POST /webhooks/:id/rotate-secret`. @public */
export const rotateWebhookSecretSchema = z.strictObject({
  /** How long the old secret keeps signing alongside the new one. */
  graceHours: z
    .number()
    .int('Whole hours')
    .min(0, 'At least 0 hours')
    .max(
      MAX_SECRET_GRACE_HOURS,
      `At most ${MAX_SECRET_GRACE_HOURS} hours (7 days)`,
    )
    .optional(),
});
/** @public */
export type RotateWebhookSecretRequest = z.infer<
  typeof rotateWebhookSecretSchema
>;

/** `GET /webhooks`. @public */
export const webhookEndpointsQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
});

/** `:id` of the endpoint routes. @public */
export const webhookEndpointParamsSchema = z.strictObject({
  id: z.uuid({ message: 'A webhook endpoint id (a UUID)' }),
});

/** `GET /webhooks` answer. @public */
export interface ListWebhookEndpointsResponse {
  items: WebhookEndpoint[];
}
