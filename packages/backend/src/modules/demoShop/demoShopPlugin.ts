import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { demoWebhookSenders } from '@internal/plugin-integrations-backend';
import { integrationsClientServiceRef } from '@internal/plugin-integrations-node';
import { DemoWebhooks } from './DemoWebhooks';
import { TrafficGenerator } from './TrafficGenerator';

/**
 * Pressure the demo puts on the simulated providers, in their own formats.
 * At the busiest hour the shop makes about 40 GitHub calls a minute and 5
 * Brevo calls in 10 seconds: GitHub's limit, shrunk to a minute, makes the
 * client refuse calls it would hold too long, Brevo's makes it hold calls a
 * few seconds; and a few Stripe calls fail.
 */
const SIMULATOR_PRESSURE: Record<string, unknown> = {
  github: { rateLimit: { limit: 40, windowSeconds: 60 } },
  brevo: { rateLimit: { limit: 6, windowSeconds: 10 } },
  stripe: { failureRate: 0.03 },
};

async function putSimulatorUnderPressure(
  simulatorUrl: string,
  logger: LoggerService,
): Promise<void> {
  try {
    for (const [provider, behaviour] of Object.entries(SIMULATOR_PRESSURE)) {
      const response = await fetch(`${simulatorUrl}/_control/${provider}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(behaviour),
      });
      if (!response.ok) {
        throw new Error(`${provider}: ${response.status}`);
      }
    }
  } catch (error) {
    logger.warn(
      `The demo shop could not set rate-limit pressure on the provider simulator at ${simulatorUrl}: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * A small web shop's backend, for the demo: it calls Stripe, GitHub, Brevo,
 * Telegram and Google Analytics through `@internal/plugin-integrations-node`
 * like any of the company's plugins would, so usage analytics show live
 * traffic, and has the provider simulator send Stripe and GitHub webhooks to
 * the portal every minute, so the inbound log does too. It only calls
 * anything where `integrations.demo.traffic.enabled` is set (development).
 */
export const demoShopPlugin = createBackendPlugin({
  pluginId: 'demo-shop',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        // Calls start once the whole backend, integrations included, is up.
        lifecycle: coreServices.rootLifecycle,
        integrations: integrationsClientServiceRef,
      },
      async init({ config, discovery, logger, lifecycle, integrations }) {
        const traffic = config.getOptionalConfig('integrations.demo.traffic');
        if (!traffic?.getOptionalBoolean('enabled')) {
          return;
        }
        const generator = new TrafficGenerator({
          integrations,
          logger,
          settings: {
            peakRequestsPerSecond:
              traffic.getOptionalNumber('peakRequestsPerSecond') ?? 4,
            dayMinutes: traffic.getOptionalNumber('dayMinutes') ?? 10,
            environment: traffic.getOptionalString('environment'),
          },
        });
        const simulatorUrl = config.getOptionalString(
          'integrations.demo.simulator.url',
        );
        const environment =
          traffic.getOptionalString('environment') ?? 'production';
        const webhooks = simulatorUrl
          ? new DemoWebhooks({
              simulatorUrl,
              inboundUrl: `${await discovery.getBaseUrl(
                'integrations',
              )}/webhooks/inbound`,
              environment,
              senders: demoWebhookSenders(),
              logger,
            })
          : undefined;
        lifecycle.addStartupHook(async () => {
          if (simulatorUrl) {
            await putSimulatorUnderPressure(simulatorUrl, logger);
          }
          webhooks?.start();
          generator.start();
          logger.info(
            'Demo traffic: the demo shop calls its integrations through the integrations client',
          );
        });
        lifecycle.addShutdownHook(() => {
          generator.stop();
          webhooks?.stop();
        });
      },
    });
  },
});
