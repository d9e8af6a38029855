import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from './schemas';
import { IntegrationAlert } from './health';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  AlertStatus,
  Environment,
} from './types';

/** `GET /alerts` answer: one page, newest first. @public */
export interface ListAlertsResponse {
  items: IntegrationAlert[];
  totalCount: number;
}

/** The most alerts one page carries. */
export const ALERTS_PAGE_LIMIT = 200;

/** The status filter of `GET /alerts`: a status, or `active` for open and acknowledged ones. */
export const ALERT_STATUS_FILTERS = [...ALERT_STATUSES, 'active'] as const;

/** `GET /alerts`: alerts of the integrations the caller may read. @public */
export const alertsQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
  environment: environmentSchema.optional(),
  status: z
    .enum(ALERT_STATUS_FILTERS, {
      message: `One of ${ALERT_STATUS_FILTERS.join(', ')}`,
    })
    .optional(),
  severity: z
    .enum(ALERT_SEVERITIES, {
      message: `One of ${ALERT_SEVERITIES.join(', ')}`,
    })
    .optional(),
  limit: z.coerce
    .number({ message: `A whole number from 1 to ${ALERTS_PAGE_LIMIT}` })
    .int(`A whole number from 1 to ${ALERTS_PAGE_LIMIT}`)
    .min(1, `A whole number from 1 to ${ALERTS_PAGE_LIMIT}`)
    .max(ALERTS_PAGE_LIMIT, `A whole number from 1 to ${ALERTS_PAGE_LIMIT}`)
    .optional(),
  offset: z.coerce
    .number({ message: 'A whole number, 0 or more' })
    .int('A whole number, 0 or more')
    .min(0, 'A whole number, 0 or more')
    .max(1_000_000, 'At most 1000000')
    .optional(),
});
/** @public */
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

/** `:id` of `POST /alerts/:id/acknowledge`. @public */
export const alertParamsSchema = z.strictObject({
  id: z.uuid({ message: 'An alert id (a UUID)' }),
});

/** The Signals channel on which every change of an alert is broadcast. */
export const ALERTS_SIGNAL_CHANNEL = 'integrations:alerts';

/**
 * The message sent on {@link ALERTS_SIGNAL_CHANNEL}: which alert changed,
 * not what it says, since every signed-in user receives it.
 */
export interface AlertSignal {
  alertId: string;
  integration: string;
  environment: Environment;
  status: AlertStatus;
}
