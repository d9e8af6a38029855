import {
  Environment,
  HealthStatus,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';
import { HealthState } from './healthTypes';

// How test runs and health states are laid out in rows.

export type TestRunRow = {
  id: string;
  integration_name: string;
  environment: string;
  suite: string;
  status: string;
  trigger: string;
  triggered_by: string;
  started_at: Date | string | number;
  duration_ms: number;
  failure_class: string | null;
  result: string;
};

export type StateRow = {
  integration_name: string;
  environment: string;
  status: string;
  reasons: string;
  recent: string;
  last_checked_at: Date | string | number | null;
  last_success_at: Date | string | number | null;
  status_changed_at: Date | string | number | null;
  last_run_id: string | null;
  failure: string | null;
  response_time_ms: number | null;
  rate_limit: string | null;
};

export type RollupRow = {
  integration_name: string;
  bucket_start: Date | string | number;
  checks: number | string;
  failures: number | string;
  response_ms_sum: number | string;
  response_ms_count: number | string;
  response_ms_max: number | string | null;
};

export function toRunRow(run: TestRunResult): TestRunRow {
  return {
    id: run.id,
    integration_name: run.integration,
    environment: run.environment,
    suite: run.suite,
    status: run.status,
    trigger: run.trigger,
    triggered_by: run.triggeredBy,
    started_at: new Date(run.startedAt),
    duration_ms: Math.round(run.durationMs),
    failure_class: run.failure?.class ?? null,
    result: JSON.stringify(run),
  };
}

export function toStateRow(state: HealthState): StateRow {
  const time = (value: string | undefined) => (value ? new Date(value) : null);
  return {
    integration_name: state.integration,
    environment: state.environment,
    status: state.status,
    reasons: JSON.stringify(state.reasons),
    recent: JSON.stringify(state.recent),
    last_checked_at: time(state.lastCheckedAt),
    last_success_at: time(state.lastSuccessAt),
    status_changed_at: time(state.statusChangedAt),
    last_run_id: state.lastRunId ?? null,
    failure: state.failure ? JSON.stringify(state.failure) : null,
    response_time_ms: state.responseTimeMs ?? null,
    rate_limit: state.rateLimit ? JSON.stringify(state.rateLimit) : null,
  };
}

export function toState(row: StateRow): HealthState {
  const optionalTime = (value: Date | string | number | null) =>
    value === null ? undefined : toIsoString(value);
  return {
    integration: row.integration_name,
    environment: row.environment as Environment,
    status: row.status as HealthStatus,
    reasons: JSON.parse(row.reasons),
    recent: JSON.parse(row.recent),
    lastCheckedAt: optionalTime(row.last_checked_at),
    lastSuccessAt: optionalTime(row.last_success_at),
    statusChangedAt: optionalTime(row.status_changed_at),
    lastRunId: row.last_run_id ?? undefined,
    failure: row.failure ? JSON.parse(row.failure) : undefined,
    responseTimeMs: row.response_time_ms ?? undefined,
    rateLimit: row.rate_limit ? JSON.parse(row.rate_limit) : undefined,
  };
}
