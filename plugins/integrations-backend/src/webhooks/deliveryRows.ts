import {
  Environment,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
} from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';

/** What a delivery's detail keeps of a receiver's answer. */
export const MAX_STORED_RESPONSE_BODY = 4096;

export interface DeliveryRow {
  seq: number | string;
  id: string;
  endpoint_id: string;
  event_id: string;
  integration_name: string;
  environment: string;
  event_type: string;
  ordering_key: string;
  status: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date | string | null;
  leased_until: Date | string | null;
  leased_by: string | null;
  last_status: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  last_attempt_at: Date | string | null;
  created_at: Date | string;
  completed_at: Date | string | null;
}

export interface AttemptRow {
  id: number;
  delivery_seq: number | string;
  attempt_number: number;
  started_at: Date | string;
  duration_ms: number;
  success: boolean | number;
  response_status: number | null;
  request_headers: string;
  response_headers: string | null;
  response_body: string | null;
  error: string | null;
}

const optionalTime = (value: Date | string | null) =>
  value === null ? undefined : toIsoString(value);

function toAttempt(row: AttemptRow): WebhookAttempt {
  return {
    attemptNumber: Number(row.attempt_number),
    timestamp: toIsoString(row.started_at),
    success: Boolean(row.success),
    responseTime: Number(row.duration_ms),
    ...(row.response_status !== null
      ? { httpStatus: Number(row.response_status) }
      : {}),
    ...(row.error ? { errorMessage: row.error } : {}),
  };
}

/**
 * A delivery in the spec's shape, with its attempts. Given the message body
 * (a delivery's detail), the latest attempt's request and response come
 * along too; callers strip them for whoever may not read payloads.
 */
export function toDelivery(
  row: DeliveryRow,
  attempts: AttemptRow[],
  body?: string,
): WebhookDelivery {
  const latest = body === undefined ? undefined : attempts[attempts.length - 1];
  const requestHeaders: Record<string, string> | undefined = latest
    ? JSON.parse(latest.request_headers)
    : undefined;
  const status = row.status as WebhookDeliveryStatus;
  return {
    id: row.id,
    webhookEndpointId: row.endpoint_id,
    integration: row.integration_name,
    environment: row.environment as Environment,
    event: row.event_type,
    eventId: row.event_id,
    status,
    createdAt: toIsoString(row.created_at),
    delivery: {
      timestamp: optionalTime(row.last_attempt_at),
      success: status === 'delivered',
      responseTime: Number(row.last_duration_ms ?? 0),
      ...(row.last_status !== null
        ? { httpStatus: Number(row.last_status) }
        : {}),
      ...(row.last_error ? { errorMessage: row.last_error } : {}),
      ...(latest?.response_headers
        ? { responseHeaders: JSON.parse(latest.response_headers) }
        : {}),
      ...(latest?.response_body !== null && latest?.response_body !== undefined
        ? { responseBody: latest.response_body }
        : {}),
    },
    payload: {
      ...(requestHeaders ? { headers: requestHeaders } : {}),
      ...(body !== undefined ? { body: JSON.parse(body) } : {}),
      ...(requestHeaders?.['webhook-signature']
        ? { signature: requestHeaders['webhook-signature'] }
        : {}),
    },
    retry: {
      attemptNumber: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      ...(status === 'pending' && row.next_attempt_at
        ? { nextRetry: toIsoString(row.next_attempt_at) }
        : {}),
      retryHistory: attempts.map(toAttempt),
    },
  };
}
