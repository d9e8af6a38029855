import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  DEFAULT_REFRESH_SCHEDULE,
  IntegrationEntityProvider,
} from './IntegrationEntityProvider';
import { IntegrationsBackendClient } from './IntegrationsBackendClient';
import { IntegrationsUsedProcessor } from './IntegrationsUsedProcessor';

/**
 * Integrations in the software catalog: a Resource per integration, kept up
 * to date on a schedule and on every configuration change, and the
 * `integration-manager/uses` annotation of Components and Systems read as
 * dependencies on them.
 *
 * @public
 */
export const catalogModuleIntegrations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'integrations',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        logger: coreServices.logger,
      },
      async init({
        catalog,
        config,
        discovery,
        auth,
        scheduler,
        events,
        logger,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.integrations.schedule',
        );
        catalog.addEntityProvider(
          new IntegrationEntityProvider({
            source: new IntegrationsBackendClient({ discovery, auth }),
            urls: {
              appBaseUrl: config.getString('app.baseUrl'),
              integrationsApiUrl: await discovery.getExternalBaseUrl(
                'integrations',
              ),
            },
            scheduler,
            schedule: scheduleConfig
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  scheduleConfig,
                )
              : DEFAULT_REFRESH_SCHEDULE,
            events,
            logger,
          }),
        );
        catalog.addProcessor(new IntegrationsUsedProcessor());
      },
    });
  },
});
