import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
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

import { DemoDataSeeder } from './services/DemoDataSeeder';
import { HealthCheckTask } from './services/health/HealthCheckTask';
import { HealthHistoryRetentionTask } from './services/health/HealthHistoryRetentionTask';
import { HealthService } from './services/health/HealthService';
import { OAuthTokenService } from './services/oauth/OAuthTokenService';
import { TokenRefreshTask } from './services/oauth/TokenRefreshTask';
import { ConnectionTestService } from './services/testing/ConnectionTestService';
import { ProbeRunner } from './services/testing/ProbeRunner';
import { SafeHttpClient } from './network';
import { DatabaseTestHistoryStore } from './connectionTests/TestHistoryStore';
import { DatabaseHealthCheckPauseStore } from './health/HealthCheckPauseStore';
import { HealthScheduleService } from './health/HealthScheduleService';

const DEFAULT_HEALTH_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 5 },
};

const DEFAULT_TOKEN_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

function scheduleFromConfig(
  config: RootConfigService,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

const DEFAULT_ROTATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

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
        signals: signalsServiceRef,
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
        signals,
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
        const rotationSchedule = scheduleFromConfig(
          config,
          'integrations.encryption.rotationSchedule',
          DEFAULT_ROTATION_SCHEDULE,
        );
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

        const http = SafeHttpClient.fromConfig(config);
        const tokens = new OAuthTokenService({
          http,
          credentials: credentialService,
          leases: store.tokenLeases,
        });
        const health = new HealthService({ store, signals, logger });
        const tester = new ConnectionTestService({
          store,
          credentials: credentialService,
          runner: new ProbeRunner({ http, tokens }),
          health,
        });
        const pauses = await DatabaseHealthCheckPauseStore.create({ database });
        await new HealthCheckTask({
          store,
          pauses,
          tester,
          logger,
          concurrency:
            config.getOptionalNumber('integrations.health.concurrency') ?? 20,
        }).start(
          scheduler,
          scheduleFromConfig(
            config,
            'integrations.health.schedule',
            DEFAULT_HEALTH_SCHEDULE,
          ),
        );
        await new TokenRefreshTask({
          store,
          credentials: credentialService,
          tokens,
          health,
          logger,
        }).start(
          scheduler,
          scheduleFromConfig(
            config,
            'integrations.tokenRefresh.schedule',
            DEFAULT_TOKEN_REFRESH_SCHEDULE,
          ),
        );
        await new HealthHistoryRetentionTask({
          store,
          runRetentionDays:
            config.getOptionalNumber('integrations.health.runRetentionDays') ??
            14,
        }).start(scheduler);

        if (config.getOptionalBoolean('integrations.demo.seed')) {
          await new DemoDataSeeder({
            store,
            vault,
            logger,
            simulator: config.has('integrations.demo.simulator')
              ? {
                  url: config.getString('integrations.demo.simulator.url'),
                  httpsUrl: config.getOptionalString(
                    'integrations.demo.simulator.httpsUrl',
                  ),
                }
              : undefined,
          }).seedIfEmpty();
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
            tester,
            health,
            testHistory: await DatabaseTestHistoryStore.create({ database }),
            schedule: new HealthScheduleService({ store, health, pauses }),
          }),
        );
      },
    });
  },
});
