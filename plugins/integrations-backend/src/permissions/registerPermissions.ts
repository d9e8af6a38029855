import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { integrationsPermissions } from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import {
  integrationPermissionResourceRef,
  integrationPermissionRules,
  parseIntegrationResourceRef,
} from './rules';

/**
 * Tells the permission framework about the plugin's permissions, and how to
 * load the configuration a resource ref (`<name>:<environment>`) names so a
 * policy's conditions can be checked against it.
 */
export function registerPermissions(
  registry: PermissionsRegistryService,
  configs: ConfigStore,
) {
  registry.addResourceType({
    resourceRef: integrationPermissionResourceRef,
    permissions: integrationsPermissions.filter(p => p.type === 'resource'),
    rules: integrationPermissionRules,
    getResources: async resourceRefs =>
      Promise.all(
        resourceRefs.map(async ref => {
          const parsed = parseIntegrationResourceRef(ref);
          if (!parsed) {
            return undefined;
          }
          const [found] = await configs.getConfigs(
            parsed.name,
            parsed.environment,
          );
          return found;
        }),
      ),
  });
  registry.addPermissions(
    integrationsPermissions.filter(p => p.type !== 'resource'),
  );
}
