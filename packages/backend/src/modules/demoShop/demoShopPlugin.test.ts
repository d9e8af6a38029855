import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import integrationsPlugin from '@internal/plugin-integrations-backend';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { demoShopPlugin } from './demoShopPlugin';

jest.setTimeout(60_000);

const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

const CALLED = ['stripe', 'github', 'brevo', 'telegram', 'google-analytics'];

function config(simulatorUrl: string, trafficEnabled: boolean) {
  return mockServices.rootConfig.factory({
    data: {
      integrations: {
        demo: {
          seed: true,
          simulator: { url: simulatorUrl },
          traffic: {
            enabled: trafficEnabled,
            peakRequestsPerSecond: 200,
            dayMinutes: 10,
          },
        },
        clients: {
          'demo-shop': { integrations: CALLED, environment: 'production' },
        },
        network: { allowedCidrs: ['127.0.0.0/8'] },
        encryption: {
          primaryKeyId: 'test-2026',
          keys: [
            {
              id: 'test-2026',
              secret: 'demo-shop-test-key-0123456789-abcdefghijk',
            },
          ],
        },
        health: { schedule: quietSchedule },
        tokenRefresh: { schedule: quietSchedule },
      },
    },
  });
}

describe('the demo shop', () => {
  let simulator: ProviderSimulator;

  beforeEach(async () => {
    simulator = await startProviderSimulator({ port: 0 });
  });

  afterEach(async () => {
    await simulator.close();
  });

  it('calls each of its integrations through the client, authenticated', async () => {
    const backend = await startTestBackend({
      features: [
        integrationsPlugin,
        demoShopPlugin,
        config(simulator.url, true),
      ],
    });
    try {
      const deadline = Date.now() + 20_000;
      const answered = () =>
        CALLED.filter(provider =>
          simulator.control
            .requests(provider)
            .some(request => request.status !== null && request.status < 300),
        );
      while (answered().length < CALLED.length && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(answered()).toEqual(CALLED);
      const refusedCredentials = CALLED.flatMap(provider =>
        simulator.control
          .requests(provider)
          .filter(request => request.status === 401),
      );
      expect(refusedCredentials).toEqual([]);
      expect(simulator.control.get('github').rateLimit).toEqual({
        limit: 40,
        windowSeconds: 60,
      });
    } finally {
      await backend.stop();
    }
  });

  it('calls nothing unless the config enables demo traffic', async () => {
    const backend = await startTestBackend({
      features: [
        integrationsPlugin,
        demoShopPlugin,
        config(simulator.url, false),
      ],
    });
    await new Promise(resolve => setTimeout(resolve, 1_000));
    await backend.stop();
    for (const provider of CALLED) {
      expect(simulator.control.requests(provider)).toEqual([]);
    }
  });
});
