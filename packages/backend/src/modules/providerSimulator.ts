import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/**
 * Starts the provider simulator next to the backend, so the demo
 * integrations have something that answers like Stripe, GitHub and the rest.
 * Only where app-config enables it (development, end-to-end tests): the
 * simulator is a development dependency, loaded only then, so a production
 * bundle neither contains nor loads it.
 */
export const providerSimulatorLoader = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  async *loader({ config }) {
    const settings = config.getOptionalConfig('providerSimulator');
    if (!settings?.getOptionalBoolean('enabled')) {
      return;
    }
    if (process.env.NODE_ENV === 'production') {
      throw new Error(
        'providerSimulator.enabled is set, but the provider simulator is for development and tests only and is not part of a production build',
      );
    }
    // A development dependency on purpose: production installs leave it out.
    // Required rather than imported: from TypeScript source in development an
    // import() hands its exports over as `default` alone.
    const {
      startProviderSimulator,
    }: typeof import('@internal/provider-simulator') =
      // eslint-disable-next-line @backstage/no-undeclared-imports
      require('@internal/provider-simulator');
    yield createBackendModule({
      pluginId: 'integrations',
      moduleId: 'provider-simulator',
      register(reg) {
        reg.registerInit({
          deps: {
            logger: coreServices.logger,
            lifecycle: coreServices.rootLifecycle,
          },
          async init({ logger, lifecycle }) {
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
  },
});
