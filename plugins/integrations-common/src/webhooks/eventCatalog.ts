import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from '../schemas';
import { HEALTH_STATUSES } from '../health';
import { ALERT_SEVERITIES, ALERT_TYPES } from '../types';
import { ERROR_SEVERITIES } from '../errors';

/** One kind of event the manager sends to webhook endpoints. */
export interface WebhookEventTypeDefinition {
  /** `<subject>.<what happened>`, e.g. `integration.health_changed`. */
  type: string;
  title: string;
  description: string;
  /** Schema of the message's `data`. */
  schema: z.ZodObject<any>;
  /** A `data` that satisfies the schema: test sends and the documentation use it. */
  example: Record<string, unknown>;
}

/** An event type as the API serves it: its schema as JSON Schema. @public */
export interface WebhookEventTypeDescriptor {
  type: string;
  title: string;
  description: string;
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
}

/**
 * The body of every webhook sent, as Standard Webhooks recommends: the type,
 * when it happened, and the type's data. @public
 */
export interface WebhookMessage<T = Record<string, unknown>> {
  type: string;
  timestamp: string;
  data: T;
}

const isoTime = z.iso.datetime({ offset: true });
const subject = {
  integration: integrationNameSchema,
  environment: environmentSchema,
};

const EXAMPLE_SUBJECT = {
  integration: 'stripe',
  environment: 'production',
} as const;

/** Every event type, in the order the documentation lists them. */
export const WEBHOOK_EVENT_TYPES: WebhookEventTypeDefinition[] = [
  {
    type: 'integration.health_changed',
    title: 'Integration health changed',
    description:
      "An integration's status moved, e.g. from healthy to unhealthy, as health checks saw it.",
    schema: z.object({
      ...subject,
      previousStatus: z.enum(HEALTH_STATUSES).optional(),
      status: z.enum(HEALTH_STATUSES),
      reason: z.string().optional(),
      changedAt: isoTime,
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      previousStatus: 'healthy',
      status: 'unhealthy',
      reason: 'Connection refused by api.stripe.com',
      changedAt: '2026-12-01T09:30:00.000Z',
    },
  },
  {
    type: 'integration.configuration_changed',
    title: 'Configuration changed',
    description:
      "A new version of an integration's configuration was saved (an edit, a copy between environments or a rollback). Credentials are never part of it.",
    schema: z.object({
      ...subject,
      version: z.number().int(),
      changedBy: z.string(),
      changedAt: isoTime,
      summary: z.string().optional(),
      changedFields: z.array(z.string()),
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      version: 12,
      changedBy: 'user:default/alice',
      changedAt: '2026-12-01T09:30:00.000Z',
      summary: 'Raise the timeout for the EU region',
      changedFields: ['connectionConfig.timeout'],
    },
  },
  {
    type: 'integration.credential_expiring',
    title: 'Credential expiring',
    description:
      'A stored credential reaches its expiry date soon; replace it before then.',
    schema: z.object({
      ...subject,
      field: z.string(),
      expiresAt: isoTime,
      daysLeft: z.number().int(),
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      field: 'secretKey',
      expiresAt: '2026-12-08T00:00:00.000Z',
      daysLeft: 7,
    },
  },
  {
    type: 'error_group.opened',
    title: 'Error group opened',
    description:
      'A new kind of error was seen for an integration, or a resolved one came back.',
    schema: z.object({
      ...subject,
      groupId: z.string(),
      title: z.string(),
      severity: z.enum(ERROR_SEVERITIES),
      category: z.string(),
      firstSeen: isoTime,
      regression: z.boolean(),
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      groupId: '6f1c2a9e-3b7d-4c1e-9a55-2d8f0e4b7c11',
      title: 'Invalid API key provided',
      severity: 'high',
      category: 'authentication',
      firstSeen: '2026-12-01T09:30:00.000Z',
      regression: false,
    },
  },
  {
    type: 'error_group.resolved',
    title: 'Error group resolved',
    description: 'Someone marked an error group resolved.',
    schema: z.object({
      ...subject,
      groupId: z.string(),
      title: z.string(),
      resolvedBy: z.string(),
      resolvedAt: isoTime,
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      groupId: '6f1c2a9e-3b7d-4c1e-9a55-2d8f0e4b7c11',
      title: 'Invalid API key provided',
      resolvedBy: 'user:default/alice',
      resolvedAt: '2026-12-01T10:05:00.000Z',
    },
  },
  {
    type: 'alert.raised',
    title: 'Alert raised',
    description:
      'An alert was raised for an integration: a threshold crossed, the integration down, a rate limit or budget close.',
    schema: z.object({
      ...subject,
      alertId: z.string(),
      alertType: z.enum(ALERT_TYPES),
      severity: z.enum(ALERT_SEVERITIES),
      title: z.string(),
      message: z.string(),
      raisedAt: isoTime,
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      alertId: '0b8d6c1a-5e2f-4a7b-8c3d-9e0f1a2b3c4d',
      alertType: 'error_rate',
      severity: 'critical',
      title: 'Error rate above 5 %',
      message: '12 % of calls failed in the last 15 minutes',
      raisedAt: '2026-12-01T09:31:00.000Z',
    },
  },
  {
    type: 'alert.resolved',
    title: 'Alert resolved',
    description: 'An alert cleared: its condition no longer holds.',
    schema: z.object({
      ...subject,
      alertId: z.string(),
      alertType: z.enum(ALERT_TYPES),
      title: z.string(),
      resolvedAt: isoTime,
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      alertId: '0b8d6c1a-5e2f-4a7b-8c3d-9e0f1a2b3c4d',
      alertType: 'error_rate',
      title: 'Error rate above 5 %',
      resolvedAt: '2026-12-01T10:00:00.000Z',
    },
  },
  {
    type: 'usage.quota_forecast',
    title: 'Quota forecast',
    description:
      'At the current pace a rate limit or budget will run out before it resets.',
    schema: z.object({
      ...subject,
      alertId: z.string(),
      kind: z.enum(['rate_limit', 'budget']),
      severity: z.enum(ALERT_SEVERITIES),
      message: z.string(),
      forecastAt: isoTime,
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      alertId: '1c9e7d2b-6f3a-4b8c-9d4e-0f1a2b3c4d5e',
      kind: 'rate_limit',
      severity: 'warning',
      message: 'Requests per hour will reach the limit of 10000 at 14:20',
      forecastAt: '2026-12-01T09:32:00.000Z',
    },
  },
  {
    type: 'integration.custom',
    title: 'Custom event',
    description:
      "An event the company's own services publish about an integration (POST /webhooks/events), under a name of their choosing.",
    schema: z.object({
      ...subject,
      name: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
    example: {
      ...EXAMPLE_SUBJECT,
      name: 'payout.reconciled',
      payload: { payoutId: 'po_1Nv0', amount: 125000, currency: 'eur' },
    },
  },
];

const BY_TYPE = new Map(WEBHOOK_EVENT_TYPES.map(t => [t.type, t]));

/** The definition of an event type, or undefined for a type that does not exist. */
export function webhookEventType(
  type: string,
): WebhookEventTypeDefinition | undefined {
  return BY_TYPE.get(type);
}

/** The names of every event type. */
export const WEBHOOK_EVENT_TYPE_NAMES = WEBHOOK_EVENT_TYPES.map(t => t.type);

/** `POST /webhooks/events`: a custom event of an integration, sent to its subscribed endpoints. @public */
export const publishCustomEventSchema = z.strictObject({
  ...subject,
  name: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]{0,99}$/,
      'Lowercase letters, digits, dots, dashes and underscores, up to 100',
    ),
  payload: z.record(z.string(), z.unknown()),
});
