import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { integrationsPermissions } from '@internal/plugin-integrations-common';
import { DatabaseIntegrationConfigStore } from './database/IntegrationConfigStore';
import { createRouter } from './service/router';
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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        const store = await DatabaseIntegrationConfigStore.create({ database });

        if (config.getOptionalBoolean('integrations.demo.seed')) {
          await new DemoDataSeeder({ store, logger }).seedIfEmpty();
        }

        permissionsRegistry.addPermissions(integrationsPermissions);
        httpRouter.use(await createRouter({ httpAuth, permissions, store }));
      },
    });
  },
});
