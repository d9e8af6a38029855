import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The test runs the real backend this library calls.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import integrationsPlugin from '@internal/plugin-integrations-backend';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { IntegrationsClientService } from './IntegrationsClient';
import { integrationsClientServiceRef } from './integrationsClientServiceRef';

jest.setTimeout(60_000);

const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

/** A plugin of the company that calls integrations, as any backend plugin would. */
function callingPlugin(
  pluginId: string,
  found: (client: IntegrationsClientService) => void,
) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          integrations: integrationsClientServiceRef,
          logger: coreServices.logger,
        },
        async init({ integrations }) {
          found(integrations);
        },
      });
    },
  });
}

describe('integrationsClientServiceRef', () => {
  let simulator: ProviderSimulator;
  let shop: IntegrationsClientService;
  let search: IntegrationsClientService;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
    backend = await startTestBackend({
      features: [
        integrationsPlugin,
        callingPlugin('demo-shop', client => (shop = client)),
        callingPlugin('search', client => (search = client)),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              demo: { seed: true, simulator: { url: simulator.url } },
              network: { allowedCidrs: ['127.0.0.0/8'] },
              encryption: {
                primaryKeyId: 'test-2026',
                keys: [
                  {
                    id: 'test-2026',
                    secret: 'node-client-test-key-0123456789-abcdefghij',
                  },
                ],
              },
              health: { schedule: quietSchedule },
              tokenRefresh: { schedule: quietSchedule },
              clients: {
                'demo-shop': {
                  integrations: ['stripe', 'telegram'],
                  environment: 'development',
                },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.close();
  });

  it("calls an integration with the plugin's own identity and gets the provider's answer", async () => {
    const response = await shop.fetch('stripe', '/v1/customers?limit=1', {
      component: 'component:default/checkout',
      endpoint: '/v1/customers',
    });
    expect(response.status).toBe(200);
    expect((await response.json()).object).toBe('list');
    expect(response.headers.get('x-integrations-attempts')).toBe('1');
    expect(response.headers.get('x-integrations-breaker')).toBe('closed');
    expect(simulator.control.requests('stripe')).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1/customers' }),
    ]);
  });

  it('sends a body and takes the credential placeholders of providers that want the token in the path', async () => {
    const response = await shop.fetch(
      'telegram',
      '/bot{credentials.botToken}/getMe',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(response.status).toBe(200);
    expect((await response.json()).ok).toBe(true);
  });

  it('is refused for a plugin the config does not list', async () => {
    const response = await search.fetch('stripe', '/v1/customers');
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(
      /search may not call stripe/,
    );
  });

  it('refuses a path that does not start with /', async () => {
    await expect(shop.fetch('stripe', 'v1/customers')).rejects.toThrow(
      /must start with \//,
    );
  });
});
