import { UsageEvent } from '@internal/plugin-integrations-common';
import {
  LatencyHistogram,
  addToHistogram,
  mergeHistograms,
} from './latencyHistogram';

export const GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const SPAN_MS: Record<Granularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** The start of the minute, hour or day (UTC) a moment falls in. */
export function bucketStart(at: Date | number, granularity: Granularity): Date {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(Math.floor(ms / SPAN_MS[granularity]) * SPAN_MS[granularity]);
}

export function spanOf(granularity: Granularity): number {
  return SPAN_MS[granularity];
}

/** The calls of one endpoint and method in one minute, hour or day. */
export interface UsageRollup {
  endpoint: string;
  method: string;
  /** The catalog Component the calls were made for, where known. */
  component?: string;
  calls: number;
  failed: number;
  /** Failure type → count. */
  errors: Record<string, number>;
  durationSumMs: number;
  durationMaxMs: number;
  latency: LatencyHistogram;
  requestBytes: number;
  responseBytes: number;
  /** Billable units (emails, messages, rows); each call without any counts as one. */
  units: number;
  /** The most bytes one call moved (request and response), and when. */
  largestTransfer: number;
  largestTransferAt?: string;
  /** Days only: calls in each of the 24 hours (UTC). */
  callsByHour?: number[];
}

/**
 * Why a call counts as failed, or undefined when it did not: the caller's
 * own classification first, then what its HTTP status says.
 */
export function failureTypeOf(
  event: Pick<UsageEvent, 'status' | 'errorType'>,
): string | undefined {
  if (event.errorType) {
    return event.errorType;
  }
  const status = event.status;
  if (status === undefined) {
    return 'no_answer';
  }
  if (status < 400) {
    return undefined;
  }
  if (status === 429) {
    return 'rate_limited';
  }
  if (status === 401) {
    return 'auth_invalid';
  }
  if (status === 403) {
    return 'permission_missing';
  }
  return status >= 500 ? 'provider_error' : 'client_error';
}

function emptyRollup(
  endpoint: string,
  method: string,
  component: string | undefined,
): UsageRollup {
  return {
    endpoint,
    method,
    ...(component ? { component } : {}),
    calls: 0,
    failed: 0,
    errors: {},
    durationSumMs: 0,
    durationMaxMs: 0,
    latency: {},
    requestBytes: 0,
    responseBytes: 0,
    units: 0,
    largestTransfer: 0,
  };
}

/** Rollups are kept per endpoint, method and Component. */
export function keyOf(item: {
  method: string;
  endpoint: string;
  component?: string;
}): string {
  return `${item.method} ${item.endpoint} ${item.component ?? ''}`;
}

/** One rollup per endpoint, method and Component of the given events. */
export function rollUpEvents(events: UsageEvent[]): UsageRollup[] {
  const byEndpoint = new Map<string, UsageRollup>();
  for (const event of events) {
    const key = keyOf(event);
    let rollup = byEndpoint.get(key);
    if (!rollup) {
      rollup = emptyRollup(event.endpoint, event.method, event.component);
      byEndpoint.set(key, rollup);
    }
    rollup.calls += 1;
    const failure = failureTypeOf(event);
    if (failure) {
      rollup.failed += 1;
      rollup.errors[failure] = (rollup.errors[failure] ?? 0) + 1;
    }
    rollup.durationSumMs += event.durationMs;
    rollup.durationMaxMs = Math.max(rollup.durationMaxMs, event.durationMs);
    addToHistogram(rollup.latency, event.durationMs);
    const requestBytes = event.requestBytes ?? 0;
    const responseBytes = event.responseBytes ?? 0;
    rollup.requestBytes += requestBytes;
    rollup.responseBytes += responseBytes;
    rollup.units += event.units ?? 1;
    if (requestBytes + responseBytes > rollup.largestTransfer) {
      rollup.largestTransfer = requestBytes + responseBytes;
      rollup.largestTransferAt = event.occurredAt;
    }
  }
  return [...byEndpoint.values()];
}

/** Adds rollups of the same endpoints and Components together: minutes into an hour, hours into a day. */
export function mergeRollups(rollups: UsageRollup[]): UsageRollup[] {
  const byEndpoint = new Map<string, UsageRollup>();
  for (const rollup of rollups) {
    const key = keyOf(rollup);
    const into =
      byEndpoint.get(key) ??
      emptyRollup(rollup.endpoint, rollup.method, rollup.component);
    byEndpoint.set(key, into);
    into.calls += rollup.calls;
    into.failed += rollup.failed;
    for (const [type, count] of Object.entries(rollup.errors)) {
      into.errors[type] = (into.errors[type] ?? 0) + count;
    }
    into.durationSumMs += rollup.durationSumMs;
    into.durationMaxMs = Math.max(into.durationMaxMs, rollup.durationMaxMs);
    mergeHistograms(into.latency, rollup.latency);
    into.requestBytes += rollup.requestBytes;
    into.responseBytes += rollup.responseBytes;
    into.units += rollup.units;
    if (rollup.largestTransfer > into.largestTransfer) {
      into.largestTransfer = rollup.largestTransfer;
      into.largestTransferAt = rollup.largestTransferAt;
    }
  }
  return [...byEndpoint.values()];
}

/** Calls per hour of the day for each endpoint, method and Component of a day's hours. */
export function callsByHourOf(
  hours: Array<UsageRollup & { start: string }>,
): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const hour of hours) {
    const key = keyOf(hour);
    const calls = byKey.get(key) ?? Array.from({ length: 24 }, () => 0);
    calls[new Date(hour.start).getUTCHours()] += hour.calls;
    byKey.set(key, calls);
  }
  return byKey;
}

/** The endpoint of the row that stands for the whole integration. */
export const TOTAL_ENDPOINT = '*';

/** The row of the whole integration: every endpoint's rollup merged. */
export function totalOf(rollups: UsageRollup[]): UsageRollup {
  const [total] = mergeRollups(
    rollups.map(rollup => ({
      ...rollup,
      endpoint: TOTAL_ENDPOINT,
      method: TOTAL_ENDPOINT,
      component: undefined,
    })),
  );
  if (rollups.some(rollup => rollup.callsByHour)) {
    total.callsByHour = Array.from({ length: 24 }, (_, hour) =>
      rollups.reduce(
        (sum, rollup) => sum + (rollup.callsByHour?.[hour] ?? 0),
        0,
      ),
    );
  }
  return total;
}
