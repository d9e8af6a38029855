import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from './schemas';
import { usageRateLimitSchema } from './rateLimits';
import { FAILURE_CLASSES } from './testing';
import {
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_BUT_LINE_BREAKS,
} from './providers/fields';
import { Environment } from './types';

/** At most this many events travel in one `POST /usage/events` batch. */
export const USAGE_BATCH_LIMIT = 1000;

/** The HTTP methods a usage event may name. */
export const USAGE_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
] as const;

/** Clocks drift; an event from further ahead than this is a mistake. */
export const USAGE_EVENT_MAX_SKEW_MS = 5 * 60 * 1000;

/** Printable ASCII without spaces, as event ids (UUIDs, ULIDs, span ids) are. */
const eventIdSchema = z
  .string({ message: 'An event id is required' })
  .min(1, 'An event id is required')
  .max(128, 'At most 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces, e.g. a UUID');

const byteCount = z
  .number({ message: 'A number of bytes' })
  .int('A whole number of bytes')
  .min(0, 'A number of bytes, 0 or more')
  .max(Number.MAX_SAFE_INTEGER, 'Too large');

/**
 * One call the company's product made to an integration, from whichever
 * door it came in: the `-node` client, `POST /usage/events` or OpenTelemetry.
 */
export const usageEventSchema = z.strictObject({
  /** Unique per call: a retried batch is counted once. */
  id: eventIdSchema,
  integration: integrationNameSchema,
  environment: environmentSchema,
  /** The endpoint as a template, so calls group: `/v1/customers/{id}`. */
  endpoint: z
    .string({ message: 'An endpoint template, e.g. /v1/customers/{id}' })
    .min(1, 'An endpoint template, e.g. /v1/customers/{id}')
    .max(300, 'At most 300 characters')
    .regex(/^\/[\x21-\x7e]*$/, 'Starts with / and holds no spaces'),
  method: z.enum(USAGE_METHODS, {
    message: `One of ${USAGE_METHODS.join(', ')}`,
  }),
  /** Absent when no answer came back (timeout, refused connection). */
  status: z
    .number({ message: 'An HTTP status, 100 to 599' })
    .int('An HTTP status, 100 to 599')
    .min(100, 'An HTTP status, 100 to 599')
    .max(599, 'An HTTP status, 100 to 599')
    .optional(),
  durationMs: z
    .number({ message: 'Milliseconds, 0 or more' })
    .min(0, 'Milliseconds, 0 or more')
    .max(3_600_000, 'At most one hour'),
  requestBytes: byteCount.optional(),
  responseBytes: byteCount.optional(),
  /**
   * What the provider bills the call by, where it is not the call itself:
   * emails sent, messages, report rows. Pricing per unit multiplies this.
   */
  units: z
    .number({ message: 'A whole number of units, 0 or more' })
    .int('A whole number of units, 0 or more')
    .min(0, 'A whole number of units, 0 or more')
    .max(1_000_000_000, 'Too large')
    .optional(),
  /** Why the call failed, in the failure classes connection tests use. */
  errorType: z
    .enum(FAILURE_CLASSES, {
      message: `One of ${FAILURE_CLASSES.join(', ')}`,
    })
    .optional(),
  /**
   * The provider's own error code of a failed call (Stripe `code`, Google
   * `reason`, …): errors group by it.
   */
  errorCode: z
    .string({ message: 'Text, at most 300 characters' })
    .min(1, 'Text, at most 300 characters')
    .max(300, 'At most 300 characters')
    .refine(text => !CONTROL_CHARACTERS.test(text), 'No control characters')
    .optional(),
  /** What the provider said of a failed call, without secrets. */
  errorMessage: z
    .string({ message: 'Text, at most 1000 characters' })
    .max(1000, 'At most 1000 characters')
    .refine(
      text => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(text),
      'No control characters',
    )
    .optional(),
  /** The provider's id of the request, for its support. */
  requestId: z
    .string({ message: 'Printable text, at most 200 characters' })
    .max(200, 'At most 200 characters')
    .regex(/^[\x20-\x7e]*$/, 'Printable ASCII')
    .optional(),
  /** The Backstage plugin or service that made the call. */
  caller: z.string().min(1).max(100).optional(),
  /** The catalog Component the call was made for, e.g. `component:default/checkout`. */
  component: z
    .string()
    .regex(
      /^component:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
      'A catalog Component ref such as component:default/checkout-service',
    )
    .optional(),
  occurredAt: z.iso.datetime({
    offset: true,
    message: 'An ISO 8601 date and time, e.g. 2027-01-31T10:15:00Z',
  }),
  /** The rate limit the answer reported, as the caller read it. */
  rateLimit: usageRateLimitSchema.optional(),
  /** The delay the provider asked for (Retry-After), in seconds. */
  retryAfterSeconds: z
    .number({ message: 'Seconds, 0 or more' })
    .min(0, 'Seconds, 0 or more')
    .max(86_400 * 7, 'At most a week')
    .optional(),
});

/** @public */
export type UsageEvent = z.infer<typeof usageEventSchema>;

/**
 * Body of `POST /usage/events`. The items are checked one by one, so one
 * bad event does not cost the good ones.
 */
export const usageBatchSchema = z.strictObject({
  events: z
    .array(z.unknown(), { message: 'A list of usage events' })
    .min(1, 'At least one event')
    .max(USAGE_BATCH_LIMIT, `At most ${USAGE_BATCH_LIMIT} events per batch`),
});

/** Why one event of a batch was not kept. */
export interface RejectedUsageEvent {
  /** Its position in the batch. */
  index: number;
  id?: string;
  fields: { path: string; message: string }[];
}

/** @public Answer of `POST /usage/events`. */
export interface UsageIngestResponse {
  /** Newly stored. */
  accepted: number;
  /** Already stored under the same id, so not counted again. */
  duplicates: number;
  rejected: RejectedUsageEvent[];
}

/** A usage event as stored, with where it came from. */
export interface StoredUsageEvent extends UsageEvent {
  environment: Environment;
  /** `api`, `otlp` or `client`. */
  source: string;
  receivedAt: string;
}
