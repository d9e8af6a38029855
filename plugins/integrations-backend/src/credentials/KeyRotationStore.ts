import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';

/** One run of the key rotation. */
export interface KeyRotationRun {
  primaryKeyId: string;
  trigger: string;
  startedAt: string;
  finishedAt?: string;
  rewrapped: number;
  remaining?: number;
  error?: string;
}

type RunRow = {
  id: number | string;
  primary_key_id: string;
  trigger: string;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  rewrapped: number;
  remaining: number | null;
  error: string | null;
};

/** The record of key rotation runs, for the encryption status. */
export interface KeyRotationStore {
  start(run: {
    primaryKeyId: string;
    trigger: string;
    at: Date;
  }): Promise<number>;
  finish(
    id: number,
    result: { at: Date; rewrapped: number; remaining: number; error?: string },
  ): Promise<void>;
  last(): Promise<KeyRotationRun | undefined>;
}

/** Knex-backed {@link KeyRotationStore} for SQLite and PostgreSQL. */
export class DatabaseKeyRotationStore implements KeyRotationStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseKeyRotationStore> {
    return new DatabaseKeyRotationStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async start(run: {
    primaryKeyId: string;
    trigger: string;
    at: Date;
  }): Promise<number> {
    const [row] = await this.db('key_rotations')
      .insert({
        primary_key_id: run.primaryKeyId,
        trigger: run.trigger,
        started_at: run.at,
        rewrapped: 0,
      })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async finish(
    id: number,
    result: { at: Date; rewrapped: number; remaining: number; error?: string },
  ): Promise<void> {
    await this.db('key_rotations')
      .where({ id })
      .update({
        finished_at: result.at,
        rewrapped: result.rewrapped,
        remaining: result.remaining,
        error: result.error ?? null,
      });
  }

  async last(): Promise<KeyRotationRun | undefined> {
    const row: RunRow | undefined = await this.db('key_rotations')
      .orderBy('id', 'desc')
      .first();
    if (!row) {
      return undefined;
    }
    return {
      primaryKeyId: row.primary_key_id,
      trigger: row.trigger,
      startedAt: toIsoString(row.started_at),
      ...(row.finished_at ? { finishedAt: toIsoString(row.finished_at) } : {}),
      rewrapped: row.rewrapped,
      ...(row.remaining !== null ? { remaining: row.remaining } : {}),
      ...(row.error ? { error: row.error } : {}),
    };
  }
}
