import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
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
import { CredentialExpiryTask } from './services/CredentialExpiryTask';
import { CredentialService } from './services/CredentialService';
import { assertKeyRingCoversCredentials } from './services/vault/assertKeyRingCoversCredentials';
import { CredentialVault } from './services/vault/CredentialVault';
import { KeyRing } from './services/vault/KeyRing';
import { KeyRotationService } from './services/vault/KeyRotationService';
import { KeyRotationTask } from './services/vault/KeyRotationTask';

const DEFAULT_ROTATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};
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
        scheduler: coreServices.scheduler,
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
        scheduler,
      }) {
        const store = await DatabaseIntegrationConfigStore.create({ database });
        const keyRing = KeyRing.fromConfig(config);
        await assertKeyRingCoversCredentials(keyRing, store.credentials);
        const vault = new CredentialVault(keyRing);
        const configurations = new ConfigurationService({ store });
        const credentialService = new CredentialService({
          configs: store,
          vault,
        });
        const rotationSchedule = config.has(
          'integrations.encryption.rotationSchedule',
        )
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('integrations.encryption.rotationSchedule'),
            )
          : DEFAULT_ROTATION_SCHEDULE;
        const keyRotation = new KeyRotationService({
          store,
          vault,
          keyRing,
          schedule: rotationSchedule,
        });
        await new CredentialExpiryTask({ store, logger }).start(scheduler, {
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
        });
        await new KeyRotationTask({
          scheduler,
          schedule: rotationSchedule,
          rotation: keyRotation,
          logger,
        }).start();

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
            keyRotation,
          }),
        );
      },
    });
  },
});
