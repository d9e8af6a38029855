import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from '../schemas';
import { Environment } from '../types';

/**
 * How a provider signs the webhooks it sends: Stripe's `Stripe-Signature`,
 * GitHub's `X-Hub-Signature-256`, Telegram's secret token, Standard Webhooks,
 * or a generic HMAC of the body in a header of the integration's choosing.
 */
export const INBOUND_SIGNATURE_SCHEMES = [
  'stripe',
  'github',
  'telegram',
  'standard_webhooks',
  'hmac',
] as const;
/** @public */
export type InboundSignatureScheme = (typeof INBOUND_SIGNATURE_SCHEMES)[number];

/**
 * `verified`: signature good, published; `duplicate`: seen before, acknowledged
 * and not published again; `rejected`: refused (see `reason`).
 */
export const INBOUND_VERIFICATIONS = [
  'verified',
  'duplicate',
  'rejected',
] as const;
/** @public */
export type InboundVerification = (typeof INBOUND_VERIFICATIONS)[number];

/** One webhook received from a provider, as recorded. @public */
export interface InboundDelivery {
  id: string;
  integration: string;
  environment: Environment;
  scheme: InboundSignatureScheme;
  receivedAt: string;
  verification: InboundVerification;
  /** Why it was rejected: no signature, bad signature, stale timestamp, no secret stored, … */
  reason?: string;
  /** The provider's id of the event or delivery (Stripe event id, X-GitHub-Delivery, …). */
  providerEventId?: string;
  /** The provider's event type (Stripe `type`, X-GitHub-Event, …). */
  eventType?: string;
  /** The status answered to the provider. */
  responseStatus: number;
  /** The Backstage events topic it was published on. */
  topic?: string;
  /** Bytes received. */
  size: number;
  /** The verified body; only with the permission to read payloads. */
  body?: unknown;
}

/** `GET /webhooks/inbound`. @public */
export const inboundDeliveriesQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
  environment: environmentSchema.optional(),
  verification: z
    .enum(INBOUND_VERIFICATIONS, {
      message: `One of ${INBOUND_VERIFICATIONS.join(', ')}`,
    })
    .optional(),
  limit: z.coerce
    .number({ message: 'A whole number from 1 to 200' })
    .int('A whole number from 1 to 200')
    .min(1, 'A whole number from 1 to 200')
    .max(200, 'A whole number from 1 to 200')
    .optional(),
  offset: z.coerce
    .number({ message: 'A whole number, 0 or more' })
    .int('A whole number, 0 or more')
    .min(0, 'A whole number, 0 or more')
    .max(1_000_000, 'At most 1000000')
    .optional(),
});
/** @public */
export type InboundDeliveriesQuery = z.infer<
  typeof inboundDeliveriesQuerySchema
>;

/** `GET /webhooks/inbound` answer, newest first. @public */
export interface ListInboundDeliveriesResponse {
  items: InboundDelivery[];
  totalCount: number;
}

/** The Backstage events topic an integration's verified inbound webhooks are published on. */
export function inboundEventsTopic(integration: string): string {
  return `integrations.webhooks.${integration}`;
}
