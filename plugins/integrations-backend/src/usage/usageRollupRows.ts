import { Environment } from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';
import { Granularity, UsageRollup } from './usageRollup';

/** One configuration's minute, hour or day. */
export interface RollupBucket {
  integration: string;
  environment: Environment;
  start: Date;
}

/** A rollup row as the table holds it. */
export type RollupRow = {
  granularity: string;
  bucket_start: Date | string | number;
  integration_name: string;
  environment: string;
  endpoint: string;
  method: string;
  component: string;
  calls: number;
  failed: number;
  errors: string;
  duration_sum: number;
  duration_max: number;
  latency: string;
  request_bytes: number | string;
  response_bytes: number | string;
  units: number | string;
  largest_transfer: number | string;
  largest_transfer_at: Date | string | number | null;
  calls_by_hour: string | null;
};

/** Rows of one bucket share its start: each is converted once. */
export function isoStartsOnce(): (value: Date | string | number) => string {
  const starts = new Map<unknown, string>();
  return value => {
    const key = value instanceof Date ? value.getTime() : value;
    let iso = starts.get(key);
    if (iso === undefined) {
      iso = toIsoString(value);
      starts.set(key, iso);
    }
    return iso;
  };
}

/** A rollup as the table stores it. */
export function toRow(
  rollup: UsageRollup,
  granularity: Granularity,
  bucket: RollupBucket,
  start: Date,
): RollupRow {
  return {
    granularity,
    bucket_start: start,
    integration_name: bucket.integration,
    environment: bucket.environment,
    endpoint: rollup.endpoint,
    method: rollup.method,
    component: rollup.component ?? '',
    calls: rollup.calls,
    failed: rollup.failed,
    errors: JSON.stringify(rollup.errors),
    duration_sum: rollup.durationSumMs,
    duration_max: rollup.durationMaxMs,
    latency: JSON.stringify(rollup.latency),
    request_bytes: rollup.requestBytes,
    response_bytes: rollup.responseBytes,
    units: rollup.units,
    largest_transfer: rollup.largestTransfer,
    largest_transfer_at: rollup.largestTransferAt
      ? new Date(rollup.largestTransferAt)
      : null,
    calls_by_hour: rollup.callsByHour
      ? JSON.stringify(rollup.callsByHour)
      : null,
  };
}

export function fromRow(row: RollupRow): UsageRollup {
  // Rows read for sums only come without these columns.
  return {
    endpoint: row.endpoint,
    method: row.method,
    ...(row.component ? { component: row.component } : {}),
    calls: Number(row.calls),
    failed: Number(row.failed),
    errors: row.errors ? JSON.parse(row.errors) : {},
    durationSumMs: Number(row.duration_sum),
    durationMaxMs: Number(row.duration_max),
    latency: row.latency ? JSON.parse(row.latency) : {},
    requestBytes: Number(row.request_bytes),
    responseBytes: Number(row.response_bytes),
    units: Number(row.units),
    largestTransfer: Number(row.largest_transfer),
    ...(row.largest_transfer_at === null
      ? {}
      : { largestTransferAt: toIsoString(row.largest_transfer_at) }),
    ...(row.calls_by_hour
      ? { callsByHour: JSON.parse(row.calls_by_hour) }
      : {}),
  };
}
