import {
  BulkUpdateRequest,
  ENVIRONMENTS,
  Environment,
  INTEGRATION_CATEGORY_LABELS,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { shortRef } from '../../../labels';

/** One integration's configuration in one environment. */
export interface ConfigurationRow {
  id: string;
  name: string;
  displayName: string;
  category: string;
  environment: Environment;
  version: number;
  enabled: boolean;
  owner: string;
  lastUpdated: string;
  updatedBy: string;
  deleted: boolean;
}

export function toRow(config: IntegrationConfig): ConfigurationRow {
  return {
    id: `${config.name}:${config.environment}`,
    name: config.name,
    displayName: config.displayName,
    category: INTEGRATION_CATEGORY_LABELS[config.category],
    environment: config.environment,
    version: config.metadata.version,
    enabled: config.enabled,
    owner: shortRef(config.owner),
    lastUpdated: config.metadata.lastUpdated,
    updatedBy: shortRef(config.metadata.updatedBy),
    deleted: Boolean(config.deleted),
  };
}

/**
 * The bulk-update request that switches the selected configurations on or off.
 * The request names each integration once, with one environment or none (all),
 * so a selection of some but not all environments of one integration cannot be
 * sent as one all-or-nothing update.
 */
export function bulkRequestFor(
  selected: ConfigurationRow[],
  rows: ConfigurationRow[],
  enabled: boolean,
): { request: BulkUpdateRequest } | { problem: string } {
  const byName = new Map<string, ConfigurationRow[]>();
  for (const row of selected) {
    byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  }
  const request: BulkUpdateRequest = {};
  const split: string[] = [];
  const deleted = selected.filter(row => row.deleted).map(row => row.name);
  if (deleted.length > 0) {
    return {
      problem: `Restore ${[...new Set(deleted)].join(', ')} before changing ${
        deleted.length === 1 ? 'it' : 'them'
      }`,
    };
  }
  for (const [name, picked] of byName) {
    const shown = rows.filter(row => row.name === name);
    if (picked.length === 1) {
      const [row] = picked;
      request[name] = {
        environment: row.environment,
        version: row.version,
        enabled,
      };
    } else if (picked.length === shown.length) {
      request[name] = { enabled };
    } else {
      split.push(name);
    }
  }
  if (split.length > 0) {
    return {
      problem: `Select one environment or all environments of ${split.join(
        ', ',
      )}: one bulk update changes one environment or every environment of an integration`,
    };
  }
  return { request };
}

/**
 * The configurations a bulk update touches, as the backend authorizes them:
 * an integration named without an environment counts in every environment.
 */
export function configurationsTouchedBy(request: BulkUpdateRequest) {
  return Object.entries(request).flatMap(([name, item]) =>
    (item.environment ? [item.environment] : ENVIRONMENTS).map(environment => ({
      name,
      environment,
    })),
  );
}
