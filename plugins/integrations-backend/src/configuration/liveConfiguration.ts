import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from './ConfigStore';

/**
 * The configuration of `name` in `environment` for work on it (credentials,
 * tests): it must exist and must not be deleted.
 */
export async function liveConfiguration(
  store: ConfigStore,
  name: string,
  environment: Environment,
): Promise<IntegrationConfig> {
  const [config] = await store.getConfigs(name, environment);
  if (!config) {
    throw new NotFoundError(`${name} has no ${environment} configuration`);
  }
  if (config.deleted) {
    throw new ConflictError(`${name} is deleted; restore it first`);
  }
  return config;
}
