import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { EventParams } from '@backstage/plugin-events-node';
import {
  CatalogIntegration,
  INTEGRATION_CONFIGURATION_TOPIC,
} from '@internal/plugin-integrations-common';
import {
  DEFAULT_REFRESH_SCHEDULE,
  IntegrationEntityProvider,
} from './IntegrationEntityProvider';
import { IntegrationSource } from './IntegrationsBackendClient';
import { eventually } from './__testUtils__/eventually';

function integration(name: string, owner: string): CatalogIntegration {
  return {
    name,
    provider: name,
    category: 'payment',
    configurations: [
      {
        environment: 'production',
        displayName: name.toUpperCase(),
        owner,
        dependencies: [],
      },
    ],
  };
}

/** The integrations backend, as the provider reads it; `down` makes every read fail. */
function fakeBackend(initial: CatalogIntegration[]) {
  const state = { integrations: initial, down: false };
  const source: IntegrationSource = {
    async listIntegrations() {
      if (state.down) {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
      }
      return state.integrations;
    },
    async getIntegration(name) {
      if (state.down) {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
      }
      return state.integrations.find(i => i.name === name);
    },
  };
  return { state, source };
}

async function connectedProvider(initial: CatalogIntegration[]) {
  const backend = fakeBackend(initial);
  const scheduler = mockServices.scheduler.mock();
  const events = mockServices.events.mock();
  const logger = mockServices.logger.mock();
  const provider = new IntegrationEntityProvider({
    source: backend.source,
    urls: {
      appBaseUrl: 'https://portal.acme.example',
      integrationsApiUrl: 'https://portal.acme.example/api/integrations',
    },
    scheduler,
    schedule: DEFAULT_REFRESH_SCHEDULE,
    events,
    logger,
  });
  const connection = {
    applyMutation: jest.fn(async (_mutation: EntityProviderMutation) => {}),
    refresh: jest.fn(async () => {}),
  } satisfies EntityProviderConnection;
  await provider.connect(connection);
  const [{ onEvent }] = events.subscribe.mock.calls[0];
  return {
    provider,
    backend,
    connection,
    scheduler,
    events,
    logger,
    /** What the integrations backend publishes after a committed change. */
    announce: (payload: unknown) =>
      onEvent({
        topic: INTEGRATION_CONFIGURATION_TOPIC,
        eventPayload: payload,
      } as EventParams),
  };
}

const payments = 'group:default/payments-team';
const growth = 'group:default/growth-team';

describe('IntegrationEntityProvider', () => {
  it('refreshes every integration on a global schedule, and subscribes to changes', async () => {
    const { scheduler, events } = await connectedProvider([]);

    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'integrations:refresh',
        scope: 'global',
        frequency: { minutes: 30 },
        initialDelay: { seconds: 15 },
      }),
    );
    expect(events.subscribe).toHaveBeenCalledWith(
      expect.objectContaining({ topics: [INTEGRATION_CONFIGURATION_TOPIC] }),
    );
  });

  it('replaces the catalog with a Resource per integration on each scheduled run', async () => {
    const { scheduler, connection } = await connectedProvider([
      integration('stripe', payments),
      integration('brevo', growth),
    ]);

    await scheduler.scheduleTask.mock.calls[0][0].fn(
      new AbortController().signal,
    );

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          locationKey: 'integrations',
          entity: expect.objectContaining({
            kind: 'Resource',
            metadata: expect.objectContaining({ name: 'stripe' }),
            spec: expect.objectContaining({ owner: payments }),
          }),
        }),
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'brevo' }),
          }),
        }),
      ],
    });
  });

  it('updates only the announced integration', async () => {
    const { backend, connection, announce } = await connectedProvider([
      integration('stripe', payments),
      integration('brevo', growth),
    ]);
    backend.state.integrations = [
      integration('stripe', growth),
      integration('brevo', growth),
    ];

    await announce({ integration: 'stripe' });

    await eventually(() =>
      expect(connection.applyMutation).toHaveBeenCalledWith({
        type: 'delta',
        added: [
          expect.objectContaining({
            entity: expect.objectContaining({
              metadata: expect.objectContaining({ name: 'stripe' }),
              spec: expect.objectContaining({ owner: growth }),
            }),
          }),
        ],
        removed: [],
      }),
    );
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });

  it('hands an event back at once, and applies the reads of one integration in order', async () => {
    const { backend, connection, announce } = await connectedProvider([
      integration('stripe', payments),
    ]);
    // The first read answers only after the second was asked for.
    const answers: Array<(value: CatalogIntegration | undefined) => void> = [];
    backend.source.getIntegration = () =>
      new Promise(resolve => answers.push(resolve));

    await announce({ integration: 'stripe' });
    await announce({ integration: 'stripe' });
    expect(answers).toHaveLength(1);
    answers[0](integration('stripe', payments));
    await eventually(() => expect(answers).toHaveLength(2));
    answers[1](undefined);

    await eventually(() =>
      expect(connection.applyMutation).toHaveBeenCalledTimes(2),
    );
    // Added by the first answer, then removed by the newer second one.
    expect(
      connection.applyMutation.mock.calls.map(([mutation]) =>
        mutation.type === 'delta'
          ? [mutation.added.length, mutation.removed.length]
          : mutation.type,
      ),
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('removes the entity of an integration that was deleted', async () => {
    const { backend, connection, announce } = await connectedProvider([
      integration('stripe', payments),
      integration('paypal', payments),
    ]);
    backend.state.integrations = [integration('stripe', payments)];

    await announce({ integration: 'paypal' });

    await eventually(() =>
      expect(connection.applyMutation).toHaveBeenCalledWith({
        type: 'delta',
        added: [],
        removed: [
          { entityRef: 'resource:default/paypal', locationKey: 'integrations' },
        ],
      }),
    );
  });

  it('keeps the catalog as it was while the integrations backend is down', async () => {
    const { provider, backend, connection, announce, logger } =
      await connectedProvider([integration('stripe', payments)]);
    backend.state.down = true;

    await provider.refresh();
    await announce({ integration: 'stripe' });

    await eventually(() =>
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Could not read the integration stripe'),
        expect.any(Error),
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('keeps their entities as they were'),
      expect.any(Error),
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('empties the catalog only when the backend answers that there are no integrations', async () => {
    const { provider, backend, connection } = await connectedProvider([
      integration('stripe', payments),
    ]);
    backend.state.integrations = [];

    await provider.refresh();

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('ignores an event that names no integration', async () => {
    const { connection, announce, logger } = await connectedProvider([]);

    await announce({ integration: '../stripe' });
    await announce(undefined);

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});
