import { DatabaseService } from '@backstage/backend-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { SealedCredential } from './sealedCredential';
import { AuditRecord, AuditStore, CredentialUse } from '../audit/AuditStore';
import { toIsoString } from '../database/timestamps';

/** One stored credential field: its sealed value and who set it when. */
export interface StoredCredential extends SealedCredential {
  integration: string;
  environment: Environment;
  field: string;
  updatedAt: string;
  updatedBy: string;
  expiresAt?: string;
}

/** A stored field that expires, without its sealed value. */
export interface ExpiringField {
  integration: string;
  field: string;
  expiresAt: string;
}

/** One change to a field; a batch of them is written all-or-nothing. */
export type CredentialChange =
  | {
      kind: 'set';
      field: string;
      sealed: SealedCredential;
      expiresAt?: string | null;
    }
  | { kind: 'clear'; field: string }
  | { kind: 'expiry'; field: string; expiresAt: string | null };

type CredentialRow = {
  integration_name: string;
  environment: string;
  field: string;
  algorithm: string;
  key_id: string;
  wrapped_key: string;
  nonce: string;
  tag: string;
  ciphertext: string;
  fingerprint: string;
  last4: string;
  updated_at: Date | string | number;
  updated_by: string;
  expires_at: Date | string | number | null;
};

/** Envelope-encrypted credential fields; the store never sees a plaintext. */
export interface CredentialStore {
  list(
    integration: string,
    environment: Environment,
  ): Promise<StoredCredential[]>;
  /** The stored fields of many configurations in one query, by `<integration>:<environment>`. */
  listMany(
    targets: Array<{ integration: string; environment: Environment }>,
  ): Promise<Map<string, StoredCredential[]>>;
  /** The names of the stored fields, by `<integration>:<environment>`. */
  listStoredFields(environment?: Environment): Promise<Map<string, string[]>>;
  /**
   * The fields of one environment that expire before the given time (already
   * expired ones included), without their sealed values.
   */
  listExpiringFields(
    environment: Environment,
    before: Date,
  ): Promise<ExpiringField[]>;
  /** How many fields each key id still protects. */
  countByKeyId(): Promise<Map<string, number>>;
  /** Fields that expire before the given time (already expired ones included). */
  listExpiringBefore(before: Date): Promise<StoredCredential[]>;
  /** A batch of fields whose data keys are wrapped by another key than the primary one. */
  listNotWrappedBy(keyId: string, limit: number): Promise<StoredCredential[]>;
  /**
   * Replaces a field's wrapped data key, only if nobody changed the field
   * since it was read (a concurrent write wins; the next batch picks it up).
   */
  replaceWrappedKey(
    credential: StoredCredential,
    rewrapped: { keyId: string; wrappedKey: string },
  ): Promise<boolean>;
  /** Records that a person's action decrypted credentials for a call to the provider. */
  recordUse(record: AuditRecord): Promise<void>;
  /** Counts a task's uses of credentials into their hour's audit row. */
  countUses(uses: CredentialUse[]): Promise<void>;
  /** Writes the changes and their audit records in one transaction. */
  apply(
    target: { integration: string; environment: Environment },
    changes: CredentialChange[],
    options: { actor: string; at: Date; audit: AuditRecord[] },
  ): Promise<void>;
}

/** Knex-backed {@link CredentialStore} for SQLite and PostgreSQL. */
export class DatabaseCredentialStore implements CredentialStore {
  static async create(options: {
    database: DatabaseService;
    audit: AuditStore;
  }): Promise<DatabaseCredentialStore> {
    return new DatabaseCredentialStore(
      await options.database.getClient(),
      options.audit,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly audit: AuditStore,
  ) {}

  async list(
    integration: string,
    environment: Environment,
  ): Promise<StoredCredential[]> {
    const rows: CredentialRow[] = await this.db('credentials')
      .where({ integration_name: integration, environment })
      .orderBy('field');
    return rows.map(toStoredCredential);
  }

  async listMany(
    targets: Array<{ integration: string; environment: Environment }>,
  ): Promise<Map<string, StoredCredential[]>> {
    const byConfiguration = new Map<string, StoredCredential[]>(
      targets.map(t => [`${t.integration}:${t.environment}`, []]),
    );
    if (targets.length === 0) {
      return byConfiguration;
    }
    const rows: CredentialRow[] = await this.db('credentials')
      .whereIn('integration_name', [
        ...new Set(targets.map(t => t.integration)),
      ])
      .whereIn('environment', [...new Set(targets.map(t => t.environment))])
      .orderBy('field');
    for (const row of rows) {
      byConfiguration
        .get(`${row.integration_name}:${row.environment}`)
        ?.push(toStoredCredential(row));
    }
    return byConfiguration;
  }

  async listStoredFields(
    environment?: Environment,
  ): Promise<Map<string, string[]>> {
    const query = this.db('credentials').select(
      'integration_name',
      'environment',
      'field',
    );
    if (environment) {
      query.where({ environment });
    }
    const rows: Array<{
      integration_name: string;
      environment: string;
      field: string;
    }> = await query;
    const fields = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.integration_name}:${row.environment}`;
      fields.set(key, [...(fields.get(key) ?? []), row.field]);
    }
    return fields;
  }

  /**
   * The fields of one environment that expire before the given time (already
   * expired ones included), without their sealed values.
   */
  async listExpiringFields(
    environment: Environment,
    before: Date,
  ): Promise<ExpiringField[]> {
    const rows: Array<{
      integration_name: string;
      field: string;
      expires_at: Date | string;
    }> = await this.db('credentials')
      .select('integration_name', 'field', 'expires_at')
      .where({ environment })
      .whereNotNull('expires_at')
      .where('expires_at', '<', before)
      .orderBy('expires_at');
    return rows.map(row => ({
      integration: row.integration_name,
      field: row.field,
      expiresAt: toIsoString(row.expires_at),
    }));
  }

  /** How many fields each key id still protects. */
  async countByKeyId(): Promise<Map<string, number>> {
    const rows: Array<{ key_id: string; count: string | number }> =
      await this.db('credentials')
        .select('key_id')
        .count({ count: '*' })
        .groupBy('key_id');
    return new Map(rows.map(row => [row.key_id, Number(row.count)]));
  }

  /** Fields that expire before the given time (already expired ones included). */
  async listExpiringBefore(before: Date): Promise<StoredCredential[]> {
    const rows: CredentialRow[] = await this.db('credentials')
      .whereNotNull('expires_at')
      .where('expires_at', '<', before)
      .orderBy('expires_at');
    return rows.map(toStoredCredential);
  }

  /** A batch of fields whose data keys are wrapped by another key than the primary one. */
  async listNotWrappedBy(
    keyId: string,
    limit: number,
  ): Promise<StoredCredential[]> {
    const rows: CredentialRow[] = await this.db('credentials')
      .whereNot('key_id', keyId)
      .orderBy(['integration_name', 'environment', 'field'])
      .limit(limit);
    return rows.map(toStoredCredential);
  }

  /**
   * Replaces a field's wrapped data key, only if nobody changed the field
   * since it was read (a concurrent write wins; the next batch picks it up).
   */
  async replaceWrappedKey(
    credential: StoredCredential,
    rewrapped: { keyId: string; wrappedKey: string },
  ): Promise<boolean> {
    const updated = await this.db('credentials')
      .where({
        integration_name: credential.integration,
        environment: credential.environment,
        field: credential.field,
        key_id: credential.keyId,
        wrapped_key: credential.wrappedKey,
      })
      .update({ key_id: rewrapped.keyId, wrapped_key: rewrapped.wrappedKey });
    return updated === 1;
  }

  async recordUse(record: AuditRecord): Promise<void> {
    await this.audit.append([record]);
  }

  async countUses(uses: CredentialUse[]): Promise<void> {
    await this.audit.countUses(uses);
  }

  /** Writes the changes and their audit records in one transaction. */
  async apply(
    target: { integration: string; environment: Environment },
    changes: CredentialChange[],
    options: { actor: string; at: Date; audit: AuditRecord[] },
  ): Promise<void> {
    const key = {
      integration_name: target.integration,
      environment: target.environment,
    };
    await this.db.transaction(async tx => {
      for (const change of changes) {
        const where = { ...key, field: change.field };
        if (change.kind === 'clear') {
          await tx('credentials').where(where).delete();
          continue;
        }
        if (change.kind === 'expiry') {
          await tx('credentials')
            .where(where)
            .update({
              expires_at: change.expiresAt ? new Date(change.expiresAt) : null,
              updated_at: options.at,
              updated_by: options.actor,
            });
          continue;
        }
        const { sealed } = change;
        const columns = {
          algorithm: sealed.algorithm,
          key_id: sealed.keyId,
          wrapped_key: sealed.wrappedKey,
          nonce: sealed.nonce,
          tag: sealed.tag,
          ciphertext: sealed.ciphertext,
          fingerprint: sealed.fingerprint,
          last4: sealed.last4,
          updated_at: options.at,
          updated_by: options.actor,
          ...(change.expiresAt !== undefined
            ? {
                expires_at: change.expiresAt
                  ? new Date(change.expiresAt)
                  : null,
              }
            : {}),
        };
        await tx('credentials')
          .insert({ ...where, expires_at: null, ...columns })
          .onConflict(['integration_name', 'environment', 'field'])
          .merge(columns);
      }
      await this.audit.append(options.audit, tx);
    });
  }
}

function toStoredCredential(row: CredentialRow): StoredCredential {
  return {
    integration: row.integration_name,
    environment: row.environment as Environment,
    field: row.field,
    algorithm: row.algorithm as SealedCredential['algorithm'],
    keyId: row.key_id,
    wrappedKey: row.wrapped_key,
    nonce: row.nonce,
    tag: row.tag,
    ciphertext: row.ciphertext,
    fingerprint: row.fingerprint,
    last4: row.last4,
    updatedAt: toIsoString(row.updated_at),
    updatedBy: row.updated_by,
    ...(row.expires_at ? { expiresAt: toIsoString(row.expires_at) } : {}),
  };
}
