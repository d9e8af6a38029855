import {
  ConfigChangeType,
  ConfigVersionSummary,
  ENVIRONMENTS,
  Environment,
  IntegrationCategory,
  IntegrationConfig,
  IntegrationSettings,
} from '@internal/plugin-integrations-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { ConfigPropertyFilter } from '../permissions/rules';

// How configurations and their versions are laid out in rows, both ways.

export type ConfigRow = {
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
  catalog_system: string | null;
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

export type VersionRow = {
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

export function byNameThenEnvironment(
  a: IntegrationConfig,
  b: IntegrationConfig,
) {
  return (
    a.name.localeCompare(b.name) ||
    environmentOrder.get(a.environment)! - environmentOrder.get(b.environment)!
  );
}

export const CONFIG_COLUMNS = [
  'c.*',
  'i.provider',
  'i.category',
  'i.deleted_at',
] as const;

export function settingsColumns(settings: IntegrationSettings) {
  return {
    display_name: settings.displayName,
    description: settings.description ?? null,
    enabled: settings.enabled,
    owner: settings.owner,
    dependencies: JSON.stringify(settings.dependencies),
    catalog_system: settings.system ?? null,
    connection_config: JSON.stringify(settings.connectionConfig),
    auth_config: JSON.stringify(settings.authConfig),
    feature_config: JSON.stringify(settings.featureConfig),
    monitoring_config: JSON.stringify(settings.monitoringConfig),
    compliance_config: JSON.stringify(settings.complianceConfig),
  };
}

export function applyPermissionFilter(
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

export function toIntegrationConfig(row: ConfigRow): IntegrationConfig {
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
    ...(row.catalog_system ? { system: row.catalog_system } : {}),
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

export function toVersionSummary(row: VersionRow): ConfigVersionSummary {
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
