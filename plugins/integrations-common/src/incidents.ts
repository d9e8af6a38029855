import { z } from 'zod';
import { ErrorSeverity, ErrorStatus } from './errors';
import { environmentSchema } from './schemas';
import { Environment } from './types';
import { CONTROL_CHARACTERS_BUT_LINE_BREAKS } from './providers/fields';

/** An incident is open until all its error groups are resolved, or someone closes it. @public */
export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What the error groups of an incident have in common. @public */
export const INCIDENT_CAUSE_KINDS = [
  'provider',
  'dependency',
  'configuration_change',
  'credential_change',
] as const;
/** @public */
export type IncidentCauseKind = (typeof INCIDENT_CAUSE_KINDS)[number];

/**
 * The likely cause of an incident. A configuration change names the version
 * it made and the one before it, which `POST /configs/:name/rollback`
 * restores.
 * @public
 */
export interface IncidentCause {
  kind: IncidentCauseKind;
  /** The cause in words, e.g. `configuration change v7 of stripe by user:default/ada at …`. */
  description: string;
  /** The provider failing on several integrations (`provider`). */
  provider?: string;
  /** The integration the failing ones depend on (`dependency`). */
  dependency?: string;
  /** The integration whose configuration or credentials changed. */
  integration?: string;
  /** The configuration version the change made. */
  version?: number;
  /** The version before the change: the one to roll back to. */
  rollbackToVersion?: number;
  changedBy?: string;
  changedAt?: string;
}

/** @public */
export const INCIDENT_TIMELINE_KINDS = [
  'configuration_change',
  'credential_change',
  'group_first_seen',
  'group_regressed',
  'alert_raised',
  'opened',
  'resolved',
] as const;
/** @public */
export type IncidentTimelineKind = (typeof INCIDENT_TIMELINE_KINDS)[number];

/** One thing that happened in an incident, oldest first. @public */
export interface IncidentTimelineEntry {
  at: string;
  kind: IncidentTimelineKind;
  description: string;
  integration?: string;
  /** The error group the entry is about. */
  patternId?: string;
  /** Who did it, for changes and a resolution by hand. */
  actor?: string;
}

/** Error groups that started together with one likely cause. @public */
export interface Incident {
  id: string;
  title: string;
  status: IncidentStatus;
  environment: Environment;
  /** The integrations with a group in the incident, by name. */
  integrations: string[];
  /** Its error groups, as the Errors page's pattern ids. */
  groupIds: string[];
  /** When the first of its groups started. */
  startedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  /** `integrations-backend` when its groups were all resolved, else the person. */
  resolvedBy?: string;
  likelyCause: IncidentCause;
}

/** An incident with its story and its groups, for its own page. @public */
export interface IncidentDetail extends Incident {
  timeline: IncidentTimelineEntry[];
  patterns: Array<{
    patternId: string;
    name: string;
    integration: string;
    status: ErrorStatus;
    severity: ErrorSeverity;
  }>;
}

/** A page of incidents, newest first. @public */
export interface IncidentsResponse {
  items: Incident[];
  totalCount: number;
}

/** The most incidents one page carries. */
export const INCIDENTS_PAGE_LIMIT = 200;

/** `GET /incidents`: incidents of the integrations whose errors the caller may read. @public */
export const incidentsQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
  status: z
    .enum(INCIDENT_STATUSES, {
      message: `One of ${INCIDENT_STATUSES.join(', ')}`,
    })
    .optional(),
  limit: z.coerce
    .number({ message: `A whole number from 1 to ${INCIDENTS_PAGE_LIMIT}` })
    .int(`A whole number from 1 to ${INCIDENTS_PAGE_LIMIT}`)
    .min(1, `A whole number from 1 to ${INCIDENTS_PAGE_LIMIT}`)
    .max(
      INCIDENTS_PAGE_LIMIT,
      `A whole number from 1 to ${INCIDENTS_PAGE_LIMIT}`,
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
export type IncidentsQuery = z.infer<typeof incidentsQuerySchema>;

/** `:id` of `GET /incidents/:id` and `POST /incidents/:id/resolve`. @public */
export const incidentParamsSchema = z.strictObject({
  id: z.uuid({ message: 'An incident id (a UUID)' }),
});

/** `POST /incidents/:id/resolve`: closes it by hand; its groups stay as they are. @public */
export const resolveIncidentSchema = z.strictObject({
  note: z
    .string({ message: 'A note' })
    .min(1, 'A note, or leave it out')
    .max(2000, 'At most 2000 characters')
    .refine(
      value => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value),
      'No control characters',
    )
    .optional(),
});
/** @public */
export type ResolveIncidentRequest = z.input<typeof resolveIncidentSchema>;

/** The Signals channel on which every opened or changed incident is broadcast. */
export const INCIDENTS_SIGNAL_CHANNEL = 'integrations:incidents';

/** What a signal on {@link INCIDENTS_SIGNAL_CHANNEL} says; pages refetch. @public */
export interface IncidentsSignal {
  incidentId: string;
  environment: Environment;
  change: 'opened' | 'changed' | 'resolved';
}
