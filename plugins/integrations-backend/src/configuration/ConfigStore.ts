import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ConfigVersion,
  ConfigVersionSummary,
  Environment,
  IntegrationCategory,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { AuditRecord, AuditStore } from '../audit/AuditStore';
import { EventOutbox, noEventOutbox, OutboxEvent } from '../outbox/EventOutbox';
import { toIsoString } from '../database/timestamps';
import { ConfigPropertyFilter } from '../permissions/rules';
import {
  CONFIG_COLUMNS,
  ConfigRow,
  VersionRow,
  applyPermissionFilter,
  byNameThenEnvironment,
  toIntegrationConfig,
  toVersionSummary,
} from './configRows';
import {
  ConfigWrite,
  IntegrationRecord,
  insertIntegration,
  saveConfig,
  setDeleted,
} from './configWrites';

export type { ConfigWrite, IntegrationRecord } from './configWrites';

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

/** Persistence of integrations, their configurations and versions. */
export interface ConfigStore {
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

/** Knex-backed {@link ConfigStore} for SQLite and PostgreSQL. */
export class DatabaseConfigStore implements ConfigStore {
  static async create(options: {
    database: DatabaseService;
    audit: AuditStore;
    /** Where each saved version is announced, in the same transaction. */
    outbox?: EventOutbox;
    /**
     * Told the integrations a change touched once it has committed, so that
     * whoever mirrors configurations (the software catalog) never hears of a
     * change that was rolled back. It must not throw: the change stands.
     */
    onApplied?: (integrations: string[]) => Promise<void>;
  }): Promise<DatabaseConfigStore> {
    return new DatabaseConfigStore(
      await options.database.getClient(),
      options.audit,
      options.outbox ?? noEventOutbox,
      options.onApplied,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly audit: AuditStore,
    private readonly outbox: EventOutbox,
    private readonly onApplied?: (integrations: string[]) => Promise<void>,
  ) {}

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
            await insertIntegration(tx, write, actor, at);
            break;
          case 'save':
            await saveConfig(tx, write, actor, at);
            break;
          case 'delete':
          case 'restore':
            await setDeleted(tx, write.name, write.kind, actor, at);
            break;
          default:
            throw new Error(`Unknown write ${JSON.stringify(write)}`);
        }
      }
      await this.audit.append(options.audit, tx);
      await this.outbox.publish(tx, configurationChanges(writes, actor, at));
    });
    await this.onApplied?.(integrationsOf(writes));
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

function integrationsOf(writes: ConfigWrite[]): string[] {
  return [
    ...new Set(
      writes.map(write =>
        write.kind === 'create' ? write.integration.name : write.name,
      ),
    ),
  ];
}

/** A saved configuration, as the webhook event catalog announces it. */
function configurationChanges(
  writes: ConfigWrite[],
  actor: string,
  at: Date,
): OutboxEvent[] {
  return writes.flatMap(write =>
    write.kind === 'save'
      ? [
          {
            type: 'integration.configuration_changed',
            integration: write.name,
            environment: write.environment,
            occurredAt: at,
            data: {
              integration: write.name,
              environment: write.environment,
              version: write.expectedVersion + 1,
              changedBy: actor,
              changedAt: at.toISOString(),
              ...(write.notes ? { summary: write.notes } : {}),
              changedFields: write.changedFields,
            },
          },
        ]
      : [],
  );
}
