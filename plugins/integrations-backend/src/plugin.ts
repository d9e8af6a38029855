import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { integrationsPermissions } from '@internal/plugin-integrations-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { DatabaseIntegrationConfigStore } from './database/IntegrationConfigStore';
import {
  integrationPermissionResourceRef,
  integrationPermissionRules,
  parseIntegrationResourceRef,
} from './permissions/rules';
import { createRouter } from './service/router';
import { ConfigurationService } from './services/ConfigurationService';
import { CredentialService } from './services/CredentialService';
import { assertKeyRingCoversCredentials } from './services/vault/assertKeyRingCoversCredentials';
import { CredentialVault } from './services/vault/CredentialVault';
import { KeyRing } from './services/vault/KeyRing';
import { DemoDataSeeder } from './services/DemoDataSeeder';

/**
 * The integrations backend plugin: configuration, health and credentials of
 * the company's external services.
 *
 * @public
 */
export const integrationsPlugin = createBackendPlugin({
  pluginId: 'integrations',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        auditor,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        const store = await DatabaseIntegrationConfigStore.create({ database });
        const keyRing = KeyRing.fromConfig(config);
        await assertKeyRingCoversCredentials(keyRing, store.credentials);
        const configurations = new ConfigurationService({ store });
        const credentialService = new CredentialService({
          configs: store,
          vault: new CredentialVault(keyRing),
        });

        if (config.getOptionalBoolean('integrations.demo.seed')) {
          await new DemoDataSeeder({ store, logger }).seedIfEmpty();
        }

        permissionsRegistry.addResourceType({
          resourceRef: integrationPermissionResourceRef,
          permissions: integrationsPermissions.filter(
            p => p.type === 'resource',
          ),
          rules: integrationPermissionRules,
          getResources: async resourceRefs =>
            Promise.all(
              resourceRefs.map(async ref => {
                const parsed = parseIntegrationResourceRef(ref);
                if (!parsed) {
                  return undefined;
                }
                const [found] = await store.getConfigs(
                  parsed.name,
                  parsed.environment,
                );
                return found;
              }),
            ),
        });
        permissionsRegistry.addPermissions(
          integrationsPermissions.filter(p => p.type !== 'resource'),
        );

        httpRouter.use(
          await createRouter({
            transformConditions: createConditionTransformer(
              permissionsRegistry.getPermissionRuleset(
                integrationPermissionResourceRef,
              ),
            ),
            httpAuth,
            permissions,
            auditor,
            store,
            configurations,
            credentialService,
          }),
        );
      },
    });
  },
});
