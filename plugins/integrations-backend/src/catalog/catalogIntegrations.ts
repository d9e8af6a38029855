import {
  CatalogIntegration,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';

/** Configurations read per query while listing them all. */
const PAGE_SIZE = 500;

/**
 * The integrations as the software catalog shows them: only who owns each,
 * what it depends on and where it belongs, never its connection settings,
 * which the catalog has no use for.
 */
export function toCatalogIntegrations(
  configs: IntegrationConfig[],
): CatalogIntegration[] {
  const byName = new Map<string, CatalogIntegration>();
  for (const config of configs) {
    const integration = byName.get(config.name) ?? {
      name: config.name,
      provider: config.provider,
      category: config.category,
      configurations: [],
    };
    integration.configurations.push({
      environment: config.environment,
      displayName: config.displayName,
      ...(config.description ? { description: config.description } : {}),
      owner: config.owner,
      dependencies: config.dependencies,
      ...(config.system ? { system: config.system } : {}),
    });
    byName.set(config.name, integration);
  }
  return [...byName.values()];
}

/** Every integration that is not deleted, or only the named one when it is not. */
export async function readCatalogIntegrations(
  configs: ConfigStore,
  name?: string,
): Promise<CatalogIntegration[]> {
  if (name) {
    const found = await configs.getConfigs(name);
    return toCatalogIntegrations(found.filter(config => !config.deleted));
  }
  const all: IntegrationConfig[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const { items, totalCount } = await configs.listConfigs(
      {},
      { offset, limit: PAGE_SIZE },
    );
    all.push(...items);
    if (items.length === 0 || offset + items.length >= totalCount) {
      break;
    }
  }
  return toCatalogIntegrations(all);
}
