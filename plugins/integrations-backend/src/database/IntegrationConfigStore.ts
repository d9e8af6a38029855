import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ConfigChangeType,
  ConfigVersion,
  ConfigVersionSummary,
  ENVIRONMENTS,
  Environment,
  IntegrationCategory,
  IntegrationConfig,
  IntegrationSettings,
} from '@internal/plugin-integrations-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { AuditRecord, AuditStore } from './AuditStore';
import { CredentialStore } from './CredentialStore';
import { KeyRotationStore } from './KeyRotationStore';
import { AlertStore } from './AlertStore';
import { HealthStore } from './HealthStore';
import { TokenRefreshLeaseStore } from './TokenRefreshLeaseStore';
import { toIsoString } from './timestamps';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** A condition a permission policy puts on which configurations one may see. */
export interface ConfigPropertyFilter {
  property: 'owner' | 'environment';
  values: string[];
}

/** Narrows the configurations returned by a listing. */
export interface ConfigFilter {
  environment?: Environment;
  category?: IntegrationCategory;
  enabled?: boolean;
  owner?: string;
  /** Matches name, display name, description or provider. */
  text?: string;
  includeDeleted?: boolean;
  /** From a conditional permission decision. */
  permission?: PermissionCriteria<ConfigPropertyFilter>;
}

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

/** Persistence of integrations, their configurations and versions. */
export interface IntegrationConfigStore {
  /** The audit log, in the same database so changes and their records commit together. */
  readonly audit: AuditStore;
  readonly credentials: CredentialStore;
  readonly keyRotations: KeyRotationStore;
  readonly alerts: AlertStore;
  readonly health: HealthStore;
  readonly tokenLeases: TokenRefreshLeaseStore;
  listConfigs(
    filter?: ConfigFilter,
    page?: { offset?: number; limit?: number },
  ): Promise<{ items: IntegrationConfig[]; totalCount: number }>;
  getIntegration(name: string): Promise<IntegrationRecord | undefined>;
  /** The integration's configurations, in environment order. */
  getConfigs(
    name: string,
    environment?: Environment,
  ): Promise<IntegrationConfig[]>;
  /** Every live integration's dependencies in one environment. */
  getDependencyGraph(environment: Environment): Promise<Map<string, string[]>>;
  /** Number of integrations ever created, deleted ones included. */
  countIntegrations(): Promise<number>;
  listVersions(
    name: string,
    environment: Environment,
  ): Promise<ConfigVersionSummary[]>;
  getVersion(
    name: string,
    environment: Environment,
    version: number,
  ): Promise<ConfigVersion | undefined>;
  /**
   * Writes the changes, a version row for each configuration written and the
   * audit records in one transaction: all of it or none.
   */
  apply(
    writes: ConfigWrite[],
    options: { actor: string; at: Date; audit: AuditRecord[] },
  ): Promise<void>;
}

type ConfigRow = {
  integration_name: string;
  provider: string;
  category: string;
  deleted_at: Date | string | number | null;
  environment: string;
  display_name: string;
  description: string | null;
  enabled: boolean | number;
  owner: string;
  dependencies: string;
  connection_config: string;
  auth_config: string;
  feature_config: string;
  monitoring_config: string;
  compliance_config: string;
  version: number;
  notes: string | null;
  created_at: Date | string | number;
  created_by: string;
  updated_at: Date | string | number;
  updated_by: string;
};

type VersionRow = {
  integration_name: string;
  environment: string;
  version: number;
  change_type: string;
  snapshot: string;
  changed_fields: string;
  author: string;
  created_at: Date | string | number;
  notes: string | null;
};

const environmentOrder = new Map<string, number>(
  ENVIRONMENTS.map((environment, index) => [environment, index]),
);

function byNameThenEnvironment(a: IntegrationConfig, b: IntegrationConfig) {
  return (
    a.name.localeCompare(b.name) ||
    environmentOrder.get(a.environment)! - environmentOrder.get(b.environment)!
  );
}

const CONFIG_COLUMNS = [
  'c.*',
  'i.provider',
  'i.category',
  'i.deleted_at',
] as const;

function settingsColumns(settings: IntegrationSettings) {
  return {
    display_name: settings.displayName,
    description: settings.description ?? null,
    enabled: settings.enabled,
    owner: settings.owner,
    dependencies: JSON.stringify(settings.dependencies),
    connection_config: JSON.stringify(settings.connectionConfig),
    auth_config: JSON.stringify(settings.authConfig),
    feature_config: JSON.stringify(settings.featureConfig),
    monitoring_config: JSON.stringify(settings.monitoringConfig),
    compliance_config: JSON.stringify(settings.complianceConfig),
  };
}

function applyPermissionFilter(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<ConfigPropertyFilter>,
): void {
  if ('allOf' in criteria) {
    query.where(q =>
      criteria.allOf.forEach(c =>
        q.andWhere(inner => applyPermissionFilter(inner, c)),
      ),
    );
  } else if ('anyOf' in criteria) {
    query.where(q =>
      criteria.anyOf.forEach(c =>
        q.orWhere(inner => applyPermissionFilter(inner, c)),
      ),
    );
  } else if ('not' in criteria) {
    query.whereNot(q => applyPermissionFilter(q, criteria.not));
  } else {
    const column = criteria.property === 'owner' ? 'c.owner' : 'c.environment';
    query.whereIn(column, criteria.values);
  }
}

/** Knex-backed {@link IntegrationConfigStore} for SQLite and PostgreSQL. */
export class DatabaseIntegrationConfigStore implements IntegrationConfigStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseIntegrationConfigStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseIntegrationConfigStore(client);
  }

  private readonly auditStore: AuditStore;
  private readonly credentialStore: CredentialStore;
  private readonly keyRotationStore: KeyRotationStore;
  private readonly alertStore: AlertStore;
  private readonly healthStore: HealthStore;
  private readonly tokenLeaseStore: TokenRefreshLeaseStore;

  private constructor(private readonly db: Knex) {
    this.healthStore = new HealthStore(db);
    this.tokenLeaseStore = new TokenRefreshLeaseStore(db);
    this.auditStore = new AuditStore(db);
    this.credentialStore = new CredentialStore(db, this.auditStore);
    this.keyRotationStore = new KeyRotationStore(db);
    this.alertStore = new AlertStore(db);
  }

  /** Leases that keep OAuth token refreshes one at a time across replicas. */
  get tokenLeases(): TokenRefreshLeaseStore {
    return this.tokenLeaseStore;
  }

  /** Test runs and health of the configurations. */
  get health(): HealthStore {
    return this.healthStore;
  }

  /** Alerts raised by the backend's checks. */
  get alerts(): AlertStore {
    return this.alertStore;
  }

  /** The runs of the key rotation. */
  get keyRotations(): KeyRotationStore {
    return this.keyRotationStore;
  }

  /** The audit log, which lives in the same database. */
  get audit(): AuditStore {
    return this.auditStore;
  }

  /** The encrypted credentials of the integrations. */
  get credentials(): CredentialStore {
    return this.credentialStore;
  }

  async listConfigs(
    filter: ConfigFilter = {},
    page: { offset?: number; limit?: number } = {},
  ): Promise<{ items: IntegrationConfig[]; totalCount: number }> {
    const query = this.db('integration_configs as c').join(
      'integrations as i',
      'i.name',
      'c.integration_name',
    );
    if (!filter.includeDeleted) {
      query.whereNull('i.deleted_at');
    }
    if (filter.environment) {
      query.where('c.environment', filter.environment);
    }
    if (filter.category) {
      query.where('i.category', filter.category);
    }
    if (filter.enabled !== undefined) {
      query.where('c.enabled', filter.enabled);
    }
    if (filter.owner) {
      query.where('c.owner', filter.owner);
    }
    if (filter.text) {
      const pattern = `%${filter.text
        .toLowerCase()
        .replace(/[\\%_]/g, m => `\\${m}`)}%`;
      query.where(q =>
        [
          'c.integration_name',
          'c.display_name',
          'c.description',
          'i.provider',
        ].forEach(column =>
          q.orWhereRaw(`LOWER(${column}) LIKE ? ESCAPE '\\'`, [pattern]),
        ),
      );
    }
    if (filter.permission) {
      applyPermissionFilter(query, filter.permission);
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: ConfigRow[] = await query
      .select(...CONFIG_COLUMNS)
      .orderBy('c.integration_name')
      .orderByRaw(
        `CASE c.environment WHEN 'development' THEN 0 WHEN 'staging' THEN 1 ELSE 2 END`,
      )
      .offset(page.offset ?? 0)
      .limit(page.limit ?? 500);
    const items = await this.withDependents(rows.map(toIntegrationConfig));
    return { items, totalCount: Number(count) };
  }

  async getIntegration(name: string): Promise<IntegrationRecord | undefined> {
    const row = await this.db('integrations').where({ name }).first();
    if (!row) {
      return undefined;
    }
    return {
      name: row.name,
      provider: row.provider,
      category: row.category,
      createdAt: toIsoString(row.created_at),
      createdBy: row.created_by,
      ...(row.deleted_at
        ? { deletedAt: toIsoString(row.deleted_at), deletedBy: row.deleted_by }
        : {}),
    };
  }

  async getConfigs(
    name: string,
    environment?: Environment,
  ): Promise<IntegrationConfig[]> {
    const query = this.db('integration_configs as c')
      .join('integrations as i', 'i.name', 'c.integration_name')
      .where('c.integration_name', name)
      .select(...CONFIG_COLUMNS);
    if (environment) {
      query.where('c.environment', environment);
    }
    const rows: ConfigRow[] = await query;
    const configs = await this.withDependents(rows.map(toIntegrationConfig));
    return configs.sort(byNameThenEnvironment);
  }

  async getDependencyGraph(
    environment: Environment,
  ): Promise<Map<string, string[]>> {
    const rows: Array<{ integration_name: string; dependencies: string }> =
      await this.db('integration_configs as c')
        .join('integrations as i', 'i.name', 'c.integration_name')
        .whereNull('i.deleted_at')
        .where('c.environment', environment)
        .select('c.integration_name', 'c.dependencies');
    return new Map(
      rows.map(row => [row.integration_name, JSON.parse(row.dependencies)]),
    );
  }

  async countIntegrations(): Promise<number> {
    const [{ count }] = await this.db('integrations').count({ count: '*' });
    return Number(count);
  }

  async listVersions(
    name: string,
    environment: Environment,
  ): Promise<ConfigVersionSummary[]> {
    const rows: VersionRow[] = await this.db('config_versions')
      .where({ integration_name: name, environment })
      .orderBy('version', 'desc')
      .select(
        'integration_name',
        'environment',
        'version',
        'change_type',
        'changed_fields',
        'author',
        'created_at',
        'notes',
      );
    return rows.map(toVersionSummary);
  }

  async getVersion(
    name: string,
    environment: Environment,
    version: number,
  ): Promise<ConfigVersion | undefined> {
    const row: VersionRow | undefined = await this.db('config_versions')
      .where({ integration_name: name, environment, version })
      .first();
    if (!row) {
      return undefined;
    }
    return { ...toVersionSummary(row), snapshot: JSON.parse(row.snapshot) };
  }

  async apply(
    writes: ConfigWrite[],
    options: { actor: string; at: Date; audit: AuditRecord[] },
  ): Promise<void> {
    const { actor, at } = options;
    await this.db.transaction(async tx => {
      for (const write of writes) {
        switch (write.kind) {
          case 'create':
            await this.insertIntegration(tx, write, actor, at);
            break;
          case 'save':
            await this.saveConfig(tx, write, actor, at);
            break;
          case 'delete':
          case 'restore':
            await this.setDeleted(tx, write.name, write.kind, actor, at);
            break;
          default:
            throw new Error(`Unknown write ${JSON.stringify(write)}`);
        }
      }
      await this.auditStore.append(options.audit, tx);
    });
  }

  private async insertIntegration(
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
      await this.insertVersion(tx, integration.name, environment, {
        version: 1,
        changeType: 'create',
        changedFields: [],
        actor,
        at,
        notes: write.notes,
      });
    }
  }

  private async saveConfig(
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
    await this.insertVersion(tx, name, environment, {
      version,
      changeType: write.changeType,
      changedFields: write.changedFields,
      actor,
      at,
      notes: write.notes,
    });
  }

  private async setDeleted(
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
      await this.insertVersion(tx, name, environment, {
        version,
        changeType: kind,
        changedFields: [],
        actor,
        at,
      });
    }
  }

  /** Records the configuration as it now is in the transaction as a new version. */
  private async insertVersion(
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

  /** Fills in which live integrations depend on each configuration, per environment. */
  private async withDependents(
    configs: IntegrationConfig[],
  ): Promise<IntegrationConfig[]> {
    if (configs.length === 0) {
      return configs;
    }
    const environments = [...new Set(configs.map(c => c.environment))];
    const dependents = new Map<string, string[]>();
    for (const environment of environments) {
      const graph = await this.getDependencyGraph(environment);
      for (const [dependent, dependencies] of graph) {
        for (const dependency of dependencies) {
          const key = `${dependency}:${environment}`;
          dependents.set(key, [...(dependents.get(key) ?? []), dependent]);
        }
      }
    }
    return configs.map(config => ({
      ...config,
      dependents: (
        dependents.get(`${config.name}:${config.environment}`) ?? []
      ).sort(),
    }));
  }
}

function toIntegrationConfig(row: ConfigRow): IntegrationConfig {
  return {
    name: row.integration_name,
    provider: row.provider,
    category: row.category as IntegrationCategory,
    environment: row.environment as Environment,
    displayName: row.display_name,
    ...(row.description ? { description: row.description } : {}),
    enabled: Boolean(row.enabled),
    owner: row.owner,
    dependencies: JSON.parse(row.dependencies),
    dependents: [],
    connectionConfig: JSON.parse(row.connection_config),
    authConfig: JSON.parse(row.auth_config),
    featureConfig: JSON.parse(row.feature_config),
    monitoringConfig: JSON.parse(row.monitoring_config),
    complianceConfig: JSON.parse(row.compliance_config),
    metadata: {
      version: row.version,
      createdAt: toIsoString(row.created_at),
      createdBy: row.created_by,
      lastUpdated: toIsoString(row.updated_at),
      updatedBy: row.updated_by,
      ...(row.notes ? { notes: row.notes } : {}),
    },
    ...(row.deleted_at ? { deleted: true } : {}),
  };
}

function toVersionSummary(row: VersionRow): ConfigVersionSummary {
  return {
    name: row.integration_name,
    environment: row.environment as Environment,
    version: row.version,
    changeType: row.change_type as ConfigChangeType,
    author: row.author,
    createdAt: toIsoString(row.created_at),
    ...(row.notes ? { notes: row.notes } : {}),
    changedFields: JSON.parse(row.changed_fields),
  };
}
