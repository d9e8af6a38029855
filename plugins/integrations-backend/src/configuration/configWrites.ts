import { ConflictError } from '@backstage/errors';
import {
  ConfigChangeType,
  Environment,
  IntegrationCategory,
  IntegrationSettings,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import {
  CONFIG_COLUMNS,
  ConfigRow,
  settingsColumns,
  toIntegrationConfig,
} from './configRows';

/** An integration's identity, which never changes after creation. */
export interface IntegrationRecord {
  name: string;
  provider: string;
  category: IntegrationCategory;
  createdAt: string;
  createdBy: string;
  deletedAt?: string;
  deletedBy?: string;
}

/** One change to write; a batch of them is written all-or-nothing. */
export type ConfigWrite =
  | {
      kind: 'create';
      integration: Pick<IntegrationRecord, 'name' | 'provider' | 'category'>;
      configs: Array<{
        environment: Environment;
        settings: IntegrationSettings;
      }>;
      notes?: string;
    }
  | {
      kind: 'save';
      name: string;
      environment: Environment;
      /** The version the change was made on; a different current version is a conflict. */
      expectedVersion: number;
      settings: IntegrationSettings;
      changeType: ConfigChangeType;
      changedFields: string[];
      notes?: string;
    }
  | { kind: 'delete' | 'restore'; name: string };

// The writes of a configuration change, each inside the caller's transaction
// and each recording a new version of every configuration it touches.

export async function insertIntegration(
  tx: Knex.Transaction,
  write: Extract<ConfigWrite, { kind: 'create' }>,
  actor: string,
  at: Date,
) {
  const { integration } = write;
  await tx('integrations').insert({
    name: integration.name,
    provider: integration.provider,
    category: integration.category,
    created_at: at,
    created_by: actor,
  });
  for (const { environment, settings } of write.configs) {
    await tx('integration_configs').insert({
      integration_name: integration.name,
      environment,
      ...settingsColumns(settings),
      version: 1,
      notes: write.notes ?? null,
      created_at: at,
      created_by: actor,
      updated_at: at,
      updated_by: actor,
    });
    await insertVersion(tx, integration.name, environment, {
      version: 1,
      changeType: 'create',
      changedFields: [],
      actor,
      at,
      notes: write.notes,
    });
  }
}

export async function saveConfig(
  tx: Knex.Transaction,
  write: Extract<ConfigWrite, { kind: 'save' }>,
  actor: string,
  at: Date,
) {
  const { name, environment, expectedVersion } = write;
  const version = expectedVersion + 1;
  const updated = await tx('integration_configs')
    .where({ integration_name: name, environment, version: expectedVersion })
    .update({
      ...settingsColumns(write.settings),
      version,
      notes: write.notes ?? null,
      updated_at: at,
      updated_by: actor,
    });
  if (updated !== 1) {
    const current = await tx('integration_configs')
      .where({ integration_name: name, environment })
      .first('version', 'updated_by', 'updated_at');
    throw new ConflictError(
      current
        ? `${name} (${environment}) was changed while you edited version ${expectedVersion}: the current version is ${
            current.version
          }, saved by ${current.updated_by} at ${toIsoString(
            current.updated_at,
          )}`
        : `${name} has no ${environment} configuration`,
    );
  }
  await insertVersion(tx, name, environment, {
    version,
    changeType: write.changeType,
    changedFields: write.changedFields,
    actor,
    at,
    notes: write.notes,
  });
}

export async function setDeleted(
  tx: Knex.Transaction,
  name: string,
  kind: 'delete' | 'restore',
  actor: string,
  at: Date,
) {
  const updated = await tx('integrations')
    .where({ name })
    .modify(q =>
      kind === 'delete'
        ? q.whereNull('deleted_at')
        : q.whereNotNull('deleted_at'),
    )
    .update(
      kind === 'delete'
        ? { deleted_at: at, deleted_by: actor }
        : { deleted_at: null, deleted_by: null },
    );
  if (updated !== 1) {
    throw new ConflictError(
      kind === 'delete'
        ? `${name} is already deleted`
        : `${name} is not deleted`,
    );
  }
  const environments: Array<{ environment: Environment }> = await tx(
    'integration_configs',
  )
    .where({ integration_name: name })
    .select('environment');
  for (const { environment } of environments) {
    const where = { integration_name: name, environment };
    // Incremented in the database, so a save in between cannot reuse a number.
    await tx('integration_configs')
      .where(where)
      .update({
        version: tx.raw('?? + 1', ['version']),
        updated_at: at,
        updated_by: actor,
      });
    const { version } = await tx('integration_configs')
      .where(where)
      .first('version');
    await insertVersion(tx, name, environment, {
      version,
      changeType: kind,
      changedFields: [],
      actor,
      at,
    });
  }
}

/** Records the configuration as it now is in the transaction as a new version. */
export async function insertVersion(
  tx: Knex.Transaction,
  name: string,
  environment: Environment,
  entry: {
    version: number;
    changeType: ConfigChangeType;
    changedFields: string[];
    actor: string;
    at: Date;
    notes?: string;
  },
) {
  const row: ConfigRow = await tx('integration_configs as c')
    .join('integrations as i', 'i.name', 'c.integration_name')
    .where({ 'c.integration_name': name, 'c.environment': environment })
    .first(...CONFIG_COLUMNS);
  const { dependents: _derived, ...snapshot } = toIntegrationConfig(row);
  await tx('config_versions').insert({
    integration_name: name,
    environment,
    version: entry.version,
    change_type: entry.changeType,
    snapshot: JSON.stringify(snapshot),
    changed_fields: JSON.stringify(entry.changedFields),
    author: entry.actor,
    created_at: entry.at,
    notes: entry.notes ?? null,
  });
}
