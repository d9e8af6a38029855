import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  DefaultIntegrationsClient,
  IntegrationsClientService,
} from './IntegrationsClient';

/**
 * The integrations client of the plugin that depends on it: its calls carry
 * that plugin's identity, which `integrations.clients.<pluginId>` in the app
 * config allows or refuses per integration.
 *
 * @public
 */
export const integrationsClientServiceRef =
  createServiceRef<IntegrationsClientService>({
    id: 'integrations.client',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          auth: coreServices.auth,
          discovery: coreServices.discovery,
        },
        factory: ({ auth, discovery }) =>
          new DefaultIntegrationsClient({ auth, discovery }),
      }),
  });
