import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Environment,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import {
  RollupRow,
  StateRow,
  TestRunRow,
  toRunRow,
  toState,
} from './healthRows';
import {
  CheckSample,
  HealthEvent,
  HealthRollup,
  HealthState,
  hourBucket,
} from './healthTypes';

export type {
  CheckSample,
  HealthEvent,
  HealthRollup,
  HealthState,
} from './healthTypes';
export { hourBucket } from './healthTypes';

/**
 * Test runs, health states and their hourly rollups. A check's run, rollup,
 * state and status change are written in one transaction.
 */
export interface HealthStore {
  /**
   * Stores a health check: its run, its place in the hourly rollup, the new
   * state and, when the status changed, the event.
   */
  recordCheck(options: {
    run: TestRunResult;
    sample: CheckSample;
    /** The new state from the current one, read in the same transaction. */
    nextState(previous: HealthState | undefined): {
      state: HealthState;
      event?: HealthEvent;
    };
  }): Promise<{
    previous?: HealthState;
    state: HealthState;
    event?: HealthEvent;
  }>;
  getState(
    integration: string,
    environment: Environment,
  ): Promise<HealthState | undefined>;
  listStates(environment?: Environment): Promise<HealthState[]>;
  listRuns(
    integration: string,
    environment: Environment,
    page: { offset: number; limit: number },
  ): Promise<{ items: TestRunResult[]; totalCount: number }>;
  /** The newest runs in one environment, for the activity feed. */
  listRecentRuns(
    environment: Environment,
    limit: number,
  ): Promise<TestRunResult[]>;
  listEvents(environment: Environment, limit: number): Promise<HealthEvent[]>;
  /** Hourly rollups of one environment from `since` on, oldest first. */
  listRollups(environment: Environment, since: Date): Promise<HealthRollup[]>;
  /** Deletes runs and rollups older than their retention. */
  deleteOlderThan(options: {
    runsBefore: Date;
    rollupsBefore: Date;
    eventsBefore: Date;
  }): Promise<void>;
}

/** Knex-backed {@link HealthStore} for SQLite and PostgreSQL. */
export class DatabaseHealthStore implements HealthStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthStore> {
    return new DatabaseHealthStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Stores a health check: its run, its place in the hourly rollup, the new
   * state and, when the status changed, the event.
   */
  async recordCheck(options: {
    run: TestRunResult;
    sample: CheckSample;
    /** The new state from the current one, read in the same transaction. */
    nextState(previous: HealthState | undefined): {
      state: HealthState;
      event?: HealthEvent;
    };
  }): Promise<{
    previous?: HealthState;
    state: HealthState;
    event?: HealthEvent;
  }> {
    const { run, sample } = options;
    return this.db.transaction(async tx => {
      // Checks of one configuration can finish together (a scheduled check
      // and a manual test); each must see the other's sample.
      const current = tx('health_states')
        .where({
          integration_name: run.integration,
          environment: run.environment,
        })
        .first();
      const row: StateRow | undefined =
        tx.client.config.client === 'pg'
          ? await current.forUpdate()
          : await current;
      const previous = row ? toState(row) : undefined;
      const { state, event } = options.nextState(previous);
      await tx('test_runs').insert(toRunRow(run));
      const response = sample.responseTimeMs;
      await tx('health_rollups')
        .insert({
          integration_name: run.integration,
          environment: run.environment,
          bucket_start: hourBucket(new Date(sample.at)),
          checks: 1,
          failures: sample.passed ? 0 : 1,
          response_ms_sum: response ?? 0,
          response_ms_count: response === undefined ? 0 : 1,
          response_ms_max: response ?? null,
        })
        .onConflict(['integration_name', 'environment', 'bucket_start'])
        .merge({
          checks: tx.raw('health_rollups.checks + 1'),
          failures: tx.raw('health_rollups.failures + ?', [
            sample.passed ? 0 : 1,
          ]),
          response_ms_sum: tx.raw('health_rollups.response_ms_sum + ?', [
            response ?? 0,
          ]),
          response_ms_count: tx.raw('health_rollups.response_ms_count + ?', [
            response === undefined ? 0 : 1,
          ]),
          response_ms_max:
            response === undefined
              ? tx.raw('health_rollups.response_ms_max')
              : tx.raw(
                  'CASE WHEN health_rollups.response_ms_max IS NULL OR health_rollups.response_ms_max < ? THEN ? ELSE health_rollups.response_ms_max END',
                  [response, response],
                ),
        });
      await this.writeState(tx, state);
      if (event) {
        await this.insertEvent(tx, event);
      }
      return { previous, state, event };
    });
  }

  async getState(
    integration: string,
    environment: Environment,
  ): Promise<HealthState | undefined> {
    const row: StateRow | undefined = await this.db('health_states')
      .where({ integration_name: integration, environment })
      .first();
    return row ? toState(row) : undefined;
  }

  async listStates(environment?: Environment): Promise<HealthState[]> {
    const rows: StateRow[] = await this.db('health_states').modify(query => {
      if (environment) {
        query.where({ environment });
      }
    });
    return rows.map(toState);
  }

  async listRuns(
    integration: string,
    environment: Environment,
    page: { offset: number; limit: number },
  ): Promise<{ items: TestRunResult[]; totalCount: number }> {
    const where = { integration_name: integration, environment };
    const [{ count }] = await this.db('test_runs')
      .where(where)
      .count({ count: '*' });
    const rows: TestRunRow[] = await this.db('test_runs')
      .where(where)
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit);
    return {
      items: rows.map(row => JSON.parse(row.result)),
      totalCount: Number(count),
    };
  }

  /** The newest runs in one environment, for the activity feed. */
  async listRecentRuns(
    environment: Environment,
    limit: number,
  ): Promise<TestRunResult[]> {
    const rows: TestRunRow[] = await this.db('test_runs')
      .where({ environment })
      .whereNot({ trigger: 'scheduled' })
      .orderBy('started_at', 'desc')
      .limit(limit);
    return rows.map(row => JSON.parse(row.result));
  }

  async listEvents(
    environment: Environment,
    limit: number,
  ): Promise<HealthEvent[]> {
    const rows = await this.db('health_events')
      .where({ environment })
      .orderBy('occurred_at', 'desc')
      .limit(limit);
    return rows.map(row => ({
      id: row.id,
      integration: row.integration_name,
      environment: row.environment,
      occurredAt: toIsoString(row.occurred_at),
      previousStatus: row.previous_status,
      status: row.status,
      summary: row.summary,
    }));
  }

  /** Hourly rollups of one environment from `since` on, oldest first. */
  async listRollups(
    environment: Environment,
    since: Date,
  ): Promise<HealthRollup[]> {
    const rows: RollupRow[] = await this.db('health_rollups')
      .where({ environment })
      .where('bucket_start', '>=', since)
      .orderBy('bucket_start');
    return rows.map(row => ({
      integration: row.integration_name,
      bucketStart: toIsoString(row.bucket_start),
      checks: Number(row.checks),
      failures: Number(row.failures),
      responseMsSum: Number(row.response_ms_sum),
      responseMsCount: Number(row.response_ms_count),
      responseMsMax:
        row.response_ms_max === null ? null : Number(row.response_ms_max),
    }));
  }

  /** Deletes runs and rollups older than their retention. */
  async deleteOlderThan(options: {
    runsBefore: Date;
    rollupsBefore: Date;
    eventsBefore: Date;
  }): Promise<void> {
    await this.db('test_runs')
      .where('started_at', '<', options.runsBefore)
      .delete();
    await this.db('health_rollups')
      .where('bucket_start', '<', options.rollupsBefore)
      .delete();
    await this.db('health_events')
      .where('occurred_at', '<', options.eventsBefore)
      .delete();
  }

  private async insertEvent(tx: Knex.Transaction, event: HealthEvent) {
    await tx('health_events').insert({
      id: event.id,
      integration_name: event.integration,
      environment: event.environment,
      occurred_at: new Date(event.occurredAt),
      previous_status: event.previousStatus,
      status: event.status,
      summary: event.summary,
    });
  }

  private async writeState(tx: Knex.Transaction, state: HealthState) {
    const columns = {
      status: state.status,
      reasons: JSON.stringify(state.reasons),
      recent: JSON.stringify(state.recent),
      last_checked_at: state.lastCheckedAt
        ? new Date(state.lastCheckedAt)
        : null,
      last_success_at: state.lastSuccessAt
        ? new Date(state.lastSuccessAt)
        : null,
      status_changed_at: state.statusChangedAt
        ? new Date(state.statusChangedAt)
        : null,
      last_run_id: state.lastRunId ?? null,
      failure: state.failure ? JSON.stringify(state.failure) : null,
      response_time_ms: state.responseTimeMs ?? null,
      rate_limit: state.rateLimit ? JSON.stringify(state.rateLimit) : null,
    };
    await tx('health_states')
      .insert({
        integration_name: state.integration,
        environment: state.environment,
        ...columns,
      })
      .onConflict(['integration_name', 'environment'])
      .merge(columns);
  }
}
