import {
  Environment,
  WebhookDeliveryStatus,
} from '@internal/plugin-integrations-common';
import { StoredEndpoint } from './endpointRows';

/** A delivery a dispatcher holds the lease of, with what it needs to send it. */
export interface ClaimedDelivery {
  seq: number;
  id: string;
  /** Attempts made before this one. */
  attempts: number;
  maxAttempts: number;
  eventId: string;
  eventType: string;
  integration: string;
  environment: Environment;
  body: string;
  endpoint: StoredEndpoint;
}

/** What one attempt did, and what follows from it. */
export interface AttemptOutcome {
  startedAt: Date;
  durationMs: number;
  success: boolean;
  status?: number;
  requestHeaders: Record<string, string>;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  error?: string;
  /** When to try again; none after a success or the last attempt. */
  nextAttemptAt?: Date;
  /** Give up on this delivery whatever attempts are left (410). */
  final?: boolean;
  /** Disable the endpoint, for this reason. */
  disableEndpoint?: string;
}

export interface DeliveryFilter {
  endpoint?: string;
  /** Only deliveries of these integrations and environments. */
  configurations?: Array<[string, Environment]>;
  status?: WebhookDeliveryStatus;
  event?: string;
  environment?: Environment;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}
