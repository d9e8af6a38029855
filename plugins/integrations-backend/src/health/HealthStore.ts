import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Environment,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { AuditStore, CredentialUse } from '../audit/AuditStore';
import { EventOutbox, noEventOutbox, OutboxEvent } from '../outbox/EventOutbox';
import { toIsoString } from '../database/timestamps';
import {
  RollupRow,
  StateRow,
  TestRunRow,
  toRunRow,
  toState,
  toStateRow,
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

/** A check to store, and how it changes its configuration's state. */
export interface CheckToRecord {
  run: TestRunResult;
  sample: CheckSample;
  /** The new state from the current one, read in the same transaction. */
  nextState(previous: HealthState | undefined): {
    state: HealthState;
    event?: HealthEvent;
  };
}

/** What recording a check did to its configuration's state. */
export interface RecordedCheck {
  previous?: HealthState;
  state: HealthState;
  event?: HealthEvent;
}

/**
 * Test runs, health states and their hourly rollups. A batch of checks (one,
 * or a sweep's finished ones) is written in one transaction: their runs,
 * rollups, states, status changes and counted credential uses.
 */
export interface HealthStore {
  /**
   * Stores checks, in order: each run, its place in the hourly rollup, the
   * new state and, when the status changed, the event; and the credential
   * uses that go with them.
   */
  recordChecks(
    checks: CheckToRecord[],
    uses?: CredentialUse[],
  ): Promise<RecordedCheck[]>;
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
    /** Where the credential uses of recorded checks are counted. */
    audit: AuditStore;
    /** Where status changes are announced, in the same transaction. */
    outbox?: EventOutbox;
  }): Promise<DatabaseHealthStore> {
    return new DatabaseHealthStore(
      await options.database.getClient(),
      options.audit,
      options.outbox ?? noEventOutbox,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly audit: AuditStore,
    private readonly outbox: EventOutbox,
  ) {}

  async recordChecks(
    checks: CheckToRecord[],
    uses: CredentialUse[] = [],
  ): Promise<RecordedCheck[]> {
    if (checks.length === 0 && uses.length === 0) {
      return [];
    }
    return this.db.transaction(async tx => {
      const states = await this.lockStates(
        tx,
        checks.map(check => check.run),
      );
      const recorded: RecordedCheck[] = [];
      const rollups = new Map<string, NewRollupRow>();
      for (const { run, sample, nextState } of checks) {
        const key = `${run.integration}:${run.environment}`;
        // Checks of one configuration can be in one batch (a scheduled check
        // and a manual test): each must see the other's sample.
        const previous = states.get(key);
        const { state, event } = nextState(previous);
        states.set(key, state);
        recorded.push({ previous, state, event });
        addToRollup(rollups, run, sample);
      }
      if (checks.length > 0) {
        await tx('test_runs').insert(checks.map(check => toRunRow(check.run)));
        await this.addRollups(tx, [...rollups.values()]);
        await this.writeStates(tx, [
          ...new Map(
            recorded.map(r => [
              `${r.state.integration}:${r.state.environment}`,
              r.state,
            ]),
          ).values(),
        ]);
        const events = recorded.flatMap(r => (r.event ? [r.event] : []));
        if (events.length > 0) {
          await tx('health_events').insert(events.map(toEventRow));
          await this.outbox.publish(tx, events.map(healthChanged));
        }
      }
      await this.audit.countUses(uses, tx);
      return recorded;
    });
  }

  /** The current states of the runs' configurations, locked on PostgreSQL until commit. */
  private async lockStates(
    tx: Knex.Transaction,
    runs: TestRunResult[],
  ): Promise<Map<string, HealthState>> {
    const keys = [
      ...new Map(
        runs.map(run => [
          `${run.integration}:${run.environment}`,
          [run.integration, run.environment],
        ]),
      ).values(),
    ];
    const states = new Map<string, HealthState>();
    if (keys.length === 0) {
      return states;
    }
    const query = tx('health_states')
      .whereIn(['integration_name', 'environment'], keys)
      // One order for every batch, so two batches never wait on each other in a circle.
      .orderBy(['integration_name', 'environment']);
    const rows: StateRow[] =
      tx.client.config.client === 'pg' ? await query.forUpdate() : await query;
    for (const row of rows) {
      states.set(`${row.integration_name}:${row.environment}`, toState(row));
    }
    return states;
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

  private async addRollups(tx: Knex.Transaction, rows: NewRollupRow[]) {
    const sum = (column: string) =>
      tx.raw(`health_rollups.${column} + excluded.${column}`);
    await tx('health_rollups')
      .insert(rows)
      .onConflict(['integration_name', 'environment', 'bucket_start'])
      .merge({
        checks: sum('checks'),
        failures: sum('failures'),
        response_ms_sum: sum('response_ms_sum'),
        response_ms_count: sum('response_ms_count'),
        response_ms_max: tx.raw(
          `CASE WHEN health_rollups.response_ms_max IS NULL
             OR health_rollups.response_ms_max < excluded.response_ms_max
           THEN excluded.response_ms_max ELSE health_rollups.response_ms_max END`,
        ),
      });
  }

  private async writeStates(tx: Knex.Transaction, states: HealthState[]) {
    const rows = states.map(toStateRow);
    await tx('health_states')
      .insert(rows)
      .onConflict(['integration_name', 'environment'])
      .merge(
        Object.keys(rows[0]).filter(
          column => column !== 'integration_name' && column !== 'environment',
        ),
      );
  }
}

type NewRollupRow = RollupRow & { environment: string; bucket_start: Date };

/** Adds a check to its configuration's rollup of the hour, within a batch. */
function addToRollup(
  rollups: Map<string, NewRollupRow>,
  run: TestRunResult,
  sample: CheckSample,
) {
  const bucketStart = hourBucket(new Date(sample.at));
  const key = `${run.integration}:${run.environment}:${bucketStart.getTime()}`;
  const response = sample.responseTimeMs;
  const rollup: NewRollupRow = rollups.get(key) ?? {
    integration_name: run.integration,
    environment: run.environment,
    bucket_start: bucketStart,
    checks: 0,
    failures: 0,
    response_ms_sum: 0,
    response_ms_count: 0,
    response_ms_max: null,
  };
  rollup.checks = Number(rollup.checks) + 1;
  rollup.failures = Number(rollup.failures) + (sample.passed ? 0 : 1);
  if (response !== undefined) {
    rollup.response_ms_sum = Number(rollup.response_ms_sum) + response;
    rollup.response_ms_count = Number(rollup.response_ms_count) + 1;
    rollup.response_ms_max =
      rollup.response_ms_max === null
        ? response
        : Math.max(Number(rollup.response_ms_max), response);
  }
  rollups.set(key, rollup);
}

function toEventRow(event: HealthEvent) {
  return {
    id: event.id,
    integration_name: event.integration,
    environment: event.environment,
    occurred_at: new Date(event.occurredAt),
    previous_status: event.previousStatus,
    status: event.status,
    summary: event.summary,
  };
}

function healthChanged(event: HealthEvent): OutboxEvent {
  return {
    type: 'integration.health_changed',
    integration: event.integration,
    environment: event.environment,
    occurredAt: new Date(event.occurredAt),
    data: {
      integration: event.integration,
      environment: event.environment,
      previousStatus: event.previousStatus,
      status: event.status,
      reason: event.summary,
      changedAt: event.occurredAt,
    },
  };
}
