import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from './schemas';
import { Environment } from './types';
import { CONTROL_CHARACTERS_BUT_LINE_BREAKS } from './providers/fields';
import type { AutomatedFixKind } from './providers/probes';

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'An ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z',
});

/** The spec's severities, worst first. @public */
export const ERROR_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
/** @public */
export type ErrorSeverity = (typeof ERROR_SEVERITIES)[number];

/** Where a group stands in triage, as the spec names it. @public */
export const ERROR_STATUSES = [
  'open',
  'investigating',
  'resolved',
  'false_positive',
] as const;
/** @public */
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** How a group was settled. @public */
export const RESOLUTION_STATUSES = [
  'unresolved',
  'resolved',
  'workaround_applied',
] as const;
/** @public */
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

/** What produced an error event. @public */
export const ERROR_SOURCES = [
  'health_check',
  'connection_test',
  'usage',
  'token_refresh',
  'webhook_delivery',
] as const;
/** @public */
export type ErrorSource = (typeof ERROR_SOURCES)[number];

/** The spec's resolution of an error, kept on its group. @public */
export interface ErrorResolution {
  status: ResolutionStatus;
  resolvedBy?: string;
  resolvedAt?: string;
  resolution?: string;
  preventionMeasures?: string[];
}

/**
 * One failure, in the spec's IntegrationError shape. Its status, severity
 * and resolution are those of the group (pattern) it belongs to: people
 * triage patterns, not each occurrence.
 *
 * @public
 */
export interface IntegrationError {
  id: string;
  integration: string;
  environment: Environment;
  /** A failure class (`auth_invalid`, `rate_limited`, …) or a usage error type. */
  errorType: string;
  severity: ErrorSeverity;
  status: ErrorStatus;
  errorDetails: {
    message: string;
    endpoint?: string;
    operation?: string;
    /** Redacted; present only with the sensitive-data permission. */
    requestData?: unknown;
    /** Redacted; present only with the sensitive-data permission. */
    responseData?: unknown;
    httpStatus?: number;
    /** The provider's own code: Stripe `code`, Google `reason`, … */
    providerCode?: string;
    /** The provider's page about this error, when its answer links one. */
    documentationUrl?: string;
  };
  context: {
    timestamp: string;
    source: ErrorSource;
    userId?: string;
    requestId?: string;
    /** The catalog Component the failed call was made for. */
    component?: string;
  };
  resolution: ErrorResolution;
  /** The group's other recent events. */
  relatedErrors: string[];
  attachments: never[];
  /** The group this error belongs to. */
  patternId: string;
  /** Whether request and response were left out for lack of permission. */
  sensitiveDataHidden: boolean;
}

/** What a person or the backend can do about a group. @public */
export interface SuggestedActions {
  immediate: string[];
  preventive: string[];
  monitoring: string[];
}

/** A group's snooze: it stays quiet until one of these is reached. @public */
export interface ErrorSnooze {
  until?: string;
  /** Wake after this many more events. */
  untilOccurrences?: number;
  /** Wake when more than this many events arrive within an hour. */
  untilRatePerHour?: number;
  snoozedBy: string;
  snoozedAt: string;
}

/** One entry of a group's history: triage, merges, regressions, fixes. @public */
export interface ErrorPatternHistoryEntry {
  at: string;
  actor: string;
  action:
    | 'created'
    | 'status_changed'
    | 'resolved'
    | 'regressed'
    | 'snoozed'
    | 'woke'
    | 'severity_changed'
    | 'merged'
    | 'unmerged'
    | 'automated_fix';
  details: string;
}

/**
 * A group of errors with one cause, in the spec's ErrorPattern shape, with
 * the triage the spec gives IntegrationError.
 *
 * @public
 */
export interface ErrorPattern {
  patternId: string;
  name: string;
  description: string;
  integration: string;
  environment: Environment;
  matchingCriteria: {
    errorMessage?: string;
    errorType?: string;
    httpStatus?: number;
    endpoint?: string;
    providerCode?: string;
  };
  occurrences: number;
  firstSeen: string;
  lastSeen: string;
  suggestedActions: SuggestedActions;
  /**
   * The fix the backend may run by itself (`actions` holds its kind, empty
   * when none suits the error), whether it is on, and when it last ran. It
   * runs with the first new event after `escalationThreshold` minutes since
   * its last run.
   */
  automatedResponse: {
    enabled: boolean;
    actions: AutomatedFixKind[];
    escalationThreshold: number;
    lastRunAt?: string;
  };
  status: ErrorStatus;
  severity: ErrorSeverity;
  /** Set by a person rather than computed from impact. */
  severityOverridden: boolean;
  /** Why the computed severity is what it is. */
  severityReason: string;
  resolution: ErrorResolution;
  /** It was resolved and happened again. */
  regressed: boolean;
  snooze?: ErrorSnooze;
  /** Groups merged into this one; their events and future events land here. */
  mergedPatterns: { patternId: string; name: string }[];
  /** The grouping scheme the group was made by; a new scheme never regroups it. */
  groupingVersion: number;
  documentationUrl?: string;
  runbookUrl?: string;
  /** Events per hour over the last 24 hours, oldest first. */
  trend: number[];
  /** The catalog Components whose calls failed this way. */
  affectedComponents: string[];
}

/** A pattern with its recent events and history, for its detail view. @public */
export interface ErrorPatternDetail extends ErrorPattern {
  recentErrors: IntegrationError[];
  history: ErrorPatternHistoryEntry[];
  /** The latest incident the group was correlated into, if any. */
  incidentId?: string;
}

/** Counts over the errors the caller may see, for the Errors page header. @public */
export interface ErrorSummary {
  totalErrors: number;
  uniqueErrors: number;
  openErrors: number;
  resolvedErrors: number;
  criticalErrors: number;
  /** Events per hour (or day, for long periods) over the period. */
  errorTrends: { time: string; errors: number }[];
  errorsByIntegration: {
    integration: string;
    totalErrors: number;
    openPatterns: number;
    criticalPatterns: number;
  }[];
}

/** The most events or patterns one page carries. */
export const ERRORS_PAGE_LIMIT = 200;

const pageFields = {
  limit: z.coerce
    .number({ message: `A whole number from 1 to ${ERRORS_PAGE_LIMIT}` })
    .int(`A whole number from 1 to ${ERRORS_PAGE_LIMIT}`)
    .min(1, `A whole number from 1 to ${ERRORS_PAGE_LIMIT}`)
    .max(ERRORS_PAGE_LIMIT, `A whole number from 1 to ${ERRORS_PAGE_LIMIT}`)
    .optional(),
  offset: z.coerce
    .number({ message: 'A whole number, 0 or more' })
    .int('A whole number, 0 or more')
    .min(0, 'A whole number, 0 or more')
    .max(1_000_000, 'At most 1000000')
    .optional(),
};

const errorTypeSchema = z
  .string()
  .min(1, 'An error type, e.g. auth_invalid')
  .max(64, 'At most 64 characters')
  .regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and _');

const patternIdSchema = z
  .string({ message: 'A pattern id' })
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'A pattern id');

/** The `:id` of an error or a pattern in a path. @public */
export const errorIdParamsSchema = z.strictObject({
  id: z
    .string({ message: 'An id' })
    .regex(/^[\x21-\x7e]{1,200}$/, 'An id of printable characters'),
});

/** `GET /errors`: error events, newest first. @public */
export const errorsQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
  environment: environmentSchema.optional(),
  status: z
    .enum(ERROR_STATUSES, { message: `One of ${ERROR_STATUSES.join(', ')}` })
    .optional(),
  severity: z
    .enum(ERROR_SEVERITIES, {
      message: `One of ${ERROR_SEVERITIES.join(', ')}`,
    })
    .optional(),
  type: errorTypeSchema.optional(),
  pattern: patternIdSchema.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  ...pageFields,
});
/** @public */
export type ErrorsQuery = z.infer<typeof errorsQuerySchema>;

/** `GET /error-patterns`: groups, most recently seen first. @public */
export const errorPatternsQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
  environment: environmentSchema.optional(),
  status: z
    .enum(ERROR_STATUSES, { message: `One of ${ERROR_STATUSES.join(', ')}` })
    .optional(),
  severity: z
    .enum(ERROR_SEVERITIES, {
      message: `One of ${ERROR_SEVERITIES.join(', ')}`,
    })
    .optional(),
  type: errorTypeSchema.optional(),
  /** Snoozed groups are left out unless asked for. */
  includeSnoozed: z.enum(['true', 'false']).optional(),
  ...pageFields,
});
/** @public */
export type ErrorPatternsQuery = z.infer<typeof errorPatternsQuerySchema>;

/** `GET /errors/summary`. @public */
export const errorSummaryQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
  integration: integrationNameSchema.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

const text = (max: number, what: string) =>
  z
    .string({ message: what })
    .max(max, `At most ${max} characters`)
    .refine(
      value => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value),
      'No control characters',
    );

/** `POST /errors/:id/resolve`: settles the error's whole group. @public */
export const resolveErrorSchema = z.strictObject({
  resolution: z
    .enum(['resolved', 'workaround_applied'], {
      message: 'resolved or workaround_applied',
    })
    .default('resolved'),
  /** What was done. */
  text: text(4000, 'What fixed it').min(1, 'Say what fixed it'),
  preventionMeasures: z
    .array(text(500, 'A measure').min(1, 'A measure'), {
      message: 'A list of measures',
    })
    .max(20, 'At most 20 measures')
    .default([]),
});
/** @public */
export type ResolveErrorRequest = z.input<typeof resolveErrorSchema>;

/** `POST /error-patterns/:id/status`. @public */
export const patternStatusSchema = z.strictObject({
  status: z.enum(['open', 'investigating', 'false_positive'], {
    message: 'open, investigating or false_positive (resolve through /resolve)',
  }),
  note: text(2000, 'A note').optional(),
});

/** `POST /error-patterns/:id/snooze`: at least one way to wake. @public */
export const snoozePatternSchema = z
  .strictObject({
    until: isoDateTime.optional(),
    untilOccurrences: z
      .number({ message: 'A whole number from 1 to 1000000' })
      .int('A whole number from 1 to 1000000')
      .min(1, 'A whole number from 1 to 1000000')
      .max(1_000_000, 'A whole number from 1 to 1000000')
      .optional(),
    untilRatePerHour: z
      .number({ message: 'A whole number from 1 to 1000000' })
      .int('A whole number from 1 to 1000000')
      .min(1, 'A whole number from 1 to 1000000')
      .max(1_000_000, 'A whole number from 1 to 1000000')
      .optional(),
  })
  .refine(
    snooze =>
      snooze.until !== undefined ||
      snooze.untilOccurrences !== undefined ||
      snooze.untilRatePerHour !== undefined,
    {
      message: 'Say when to wake: until, untilOccurrences or untilRatePerHour',
      path: ['until'],
    },
  );
/** @public */
export type SnoozePatternRequest = z.infer<typeof snoozePatternSchema>;

/** `POST /error-patterns/:id/severity`: null goes back to the computed one. @public */
export const patternSeveritySchema = z.strictObject({
  severity: z
    .enum(ERROR_SEVERITIES, {
      message: `One of ${ERROR_SEVERITIES.join(', ')}, or null`,
    })
    .nullable(),
});

/** `POST /error-patterns/:id/merge`: these groups join the one in the path. @public */
export const mergePatternsSchema = z.strictObject({
  patternIds: z
    .array(patternIdSchema, { message: 'A list of pattern ids' })
    .min(1, 'At least one pattern to merge')
    .max(50, 'At most 50 patterns at once'),
});

/** `POST /error-patterns/:id/automated-fix`: turns the group's fix on or off. @public */
export const automatedFixSchema = z.strictObject({
  enabled: z.boolean({ message: 'true or false' }),
});

/** `POST /error-patterns/:id/unmerge`: this merged group stands alone again. @public */
export const unmergePatternSchema = z.strictObject({
  patternId: patternIdSchema,
});

/** A page of error events. @public */
export interface IntegrationErrorsResponse {
  items: IntegrationError[];
  totalCount: number;
}

/** A page of error patterns. @public */
export interface ErrorPatternsResponse {
  items: ErrorPattern[];
  totalCount: number;
}

/** Signals channel on which open pages hear that errors changed. @public */
export const ERRORS_SIGNAL_CHANNEL = 'integrations:errors';

/** What a signal on {@link ERRORS_SIGNAL_CHANNEL} says; pages refetch. @public */
export interface ErrorsSignal {
  patternId: string;
  integration: string;
  environment: Environment;
  change: 'created' | 'occurred' | 'regressed' | 'triaged' | 'merged';
}
