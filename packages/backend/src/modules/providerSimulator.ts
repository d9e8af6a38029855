import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startProviderSimulator } from '@internal/provider-simulator';

/**
 * Starts the provider simulator next to the backend, so the demo
 * integrations have something that answers like Stripe, GitHub and the rest.
 * Only where app-config enables it (development, end-to-end tests); it
 * refuses to run in production.
 */
export const integrationsModuleProviderSimulator = createBackendModule({
  pluginId: 'integrations',
  moduleId: 'provider-simulator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const settings = config.getOptionalConfig('providerSimulator');
        if (!settings?.getOptionalBoolean('enabled')) {
          return;
        }
        if (process.env.NODE_ENV === 'production') {
          throw new Error(
            'providerSimulator.enabled is set, but the provider simulator is for development and tests only',
          );
        }
        const simulator = await startProviderSimulator({
          port: settings.getOptionalNumber('port') ?? 7071,
          httpsPort: settings.getOptionalNumber('httpsPort'),
        });
        logger.info(
          `Provider simulator listening on ${simulator.url}${
            simulator.httpsUrl ? ` and ${simulator.httpsUrl}` : ''
          }; control API at ${simulator.url}/_control`,
        );
        lifecycle.addShutdownHook(() => simulator.close());
      },
    });
  },
});
