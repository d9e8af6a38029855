import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AuthConfig,
  ConnectionConfig,
  ENVIRONMENTS,
  Environment,
  IntegrationCategory,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** Narrows the configurations returned by a listing. */
export interface ConfigFilter {
  environment?: Environment;
  category?: IntegrationCategory;
  enabled?: boolean;
}

/** An integration to create, with its configuration per environment. */
export interface NewIntegration {
  name: string;
  displayName: string;
  provider: string;
  category: IntegrationCategory;
  owner: string;
  description?: string;
  configs: Array<{
    environment: Environment;
    enabled: boolean;
    connectionConfig: ConnectionConfig;
    authConfig: AuthConfig;
    notes?: string;
  }>;
}

/** Persistence of integrations and their per-environment configurations. */
export interface IntegrationConfigStore {
  listConfigs(filter?: ConfigFilter): Promise<IntegrationConfig[]>;
  /** Number of integrations ever created. */
  countIntegrations(): Promise<number>;
  createIntegration(
    integration: NewIntegration,
    options: { actor: string; at: Date },
  ): Promise<void>;
}

type ConfigRow = {
  name: string;
  display_name: string;
  provider: string;
  category: string;
  owner: string;
  description: string | null;
  environment: string;
  enabled: boolean | number;
  connection_config: string;
  auth_config: string;
  version: number;
  notes: string | null;
  created_at: Date | string | number;
  created_by: string;
  updated_at: Date | string | number;
  updated_by: string;
};

// PostgreSQL returns Date objects, SQLite the epoch milliseconds it was given.
function toIsoString(value: Date | string | number): string {
  return new Date(value).toISOString();
}

const environmentOrder = new Map<string, number>(
  ENVIRONMENTS.map((environment, index) => [environment, index]),
);

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

  private constructor(private readonly db: Knex) {}

  async listConfigs(filter: ConfigFilter = {}): Promise<IntegrationConfig[]> {
    const query = this.db<ConfigRow>('integration_configs as c')
      .join('integrations as i', 'i.name', 'c.integration_name')
      .select(
        'i.name',
        'i.display_name',
        'i.provider',
        'i.category',
        'i.owner',
        'i.description',
        'c.environment',
        'c.enabled',
        'c.connection_config',
        'c.auth_config',
        'c.version',
        'c.notes',
        'c.created_at',
        'c.created_by',
        'c.updated_at',
        'c.updated_by',
      )
      .orderBy('i.name');
    if (filter.environment) {
      query.where('c.environment', filter.environment);
    }
    if (filter.category) {
      query.where('i.category', filter.category);
    }
    if (filter.enabled !== undefined) {
      query.where('c.enabled', filter.enabled);
    }
    const rows: ConfigRow[] = await query;
    return rows
      .map(toIntegrationConfig)
      .sort(
        (a, b) =>
          a.name.localeCompare(b.name) ||
          environmentOrder.get(a.environment)! -
            environmentOrder.get(b.environment)!,
      );
  }

  async countIntegrations(): Promise<number> {
    const [{ count }] = await this.db('integrations').count({ count: '*' });
    return Number(count);
  }

  async createIntegration(
    integration: NewIntegration,
    options: { actor: string; at: Date },
  ): Promise<void> {
    const { actor, at } = options;
    await this.db.transaction(async tx => {
      await tx('integrations').insert({
        name: integration.name,
        display_name: integration.displayName,
        provider: integration.provider,
        category: integration.category,
        owner: integration.owner,
        description: integration.description ?? null,
        created_at: at,
        created_by: actor,
      });
      await tx('integration_configs').insert(
        integration.configs.map(config => ({
          integration_name: integration.name,
          environment: config.environment,
          enabled: config.enabled,
          connection_config: JSON.stringify(config.connectionConfig),
          auth_config: JSON.stringify(config.authConfig),
          version: 1,
          notes: config.notes ?? null,
          created_at: at,
          created_by: actor,
          updated_at: at,
          updated_by: actor,
        })),
      );
    });
  }
}

function toIntegrationConfig(row: ConfigRow): IntegrationConfig {
  return {
    name: row.name,
    displayName: row.display_name,
    provider: row.provider,
    category: row.category as IntegrationCategory,
    environment: row.environment as Environment,
    enabled: Boolean(row.enabled),
    owner: row.owner,
    ...(row.description ? { description: row.description } : {}),
    connectionConfig: JSON.parse(row.connection_config),
    authConfig: JSON.parse(row.auth_config),
    metadata: {
      version: row.version,
      createdAt: toIsoString(row.created_at),
      createdBy: row.created_by,
      lastUpdated: toIsoString(row.updated_at),
      updatedBy: row.updated_by,
      ...(row.notes ? { notes: row.notes } : {}),
    },
  };
}
