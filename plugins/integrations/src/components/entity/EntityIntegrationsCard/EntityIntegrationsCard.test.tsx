import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen, within } from '@testing-library/react';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  consumer,
  integrationResource,
  ordersDatabase,
} from '../../../__testUtils__/catalogFixtures';
import { fakeIntegrationsApi } from '../../../__testUtils__/fixtures';
import {
  dashboardOf,
  fakeSignalApi,
  healthStatus,
  unhealthyStatus,
} from '../../../__testUtils__/healthFixtures';
import { rootRouteRef } from '../../../routes';
import { EntityIntegrationsCard } from './EntityIntegrationsCard';

jest.setTimeout(30_000);

const catalog = [
  integrationResource('stripe', { title: 'Stripe' }),
  integrationResource('paypal', { title: 'PayPal' }),
  integrationResource('brevo', { title: 'Brevo' }),
  ordersDatabase,
];

const production = dashboardOf([
  healthStatus(),
  unhealthyStatus(),
  healthStatus({
    integration: 'brevo',
    displayName: 'Brevo',
    status: 'degraded',
    reasons: ['Slow answers: 2.4 s.'],
  }),
  healthStatus({ integration: 'telegram', displayName: 'Telegram' }),
]);

function apiReturning(dashboard = production) {
  return fakeIntegrationsApi({ getDashboard: async () => dashboard });
}

async function renderCard(
  entity: Entity,
  api: IntegrationsApi = apiReturning(),
  entities: Entity[] = catalog,
) {
  const signals = fakeSignalApi();
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityIntegrationsCard />
    </EntityProvider>,
    {
      apis: [
        [integrationsApiRef, api],
        [signalApiRef, signals.api],
        [catalogApiRef, catalogApiMock({ entities })],
      ],
      mountedRoutes: {
        '/integrations': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { signals };
}

const rows = () =>
  within(
    screen.getByRole('list', { name: 'Integrations it depends on' }),
  ).getAllByRole('listitem');

describe('EntityIntegrationsCard', () => {
  it('lists the integrations a Component depends on, worst first, with their status', async () => {
    await renderCard(
      consumer('Component', 'checkout-service', {
        dependsOn: [
          'resource:default/stripe',
          'resource:default/brevo',
          'resource:default/paypal',
          'resource:default/orders-db',
        ],
      }),
    );

    await screen.findByTestId('integration-row-paypal');
    expect(rows().map(row => row.getAttribute('data-testid'))).toEqual([
      'integration-row-paypal',
      'integration-row-brevo',
      'integration-row-stripe',
    ]);
    const paypal = screen.getByTestId('integration-row-paypal');
    expect(within(paypal).getByText('Unhealthy')).toBeInTheDocument();
    expect(paypal).toHaveTextContent(
      'The latest check failed: credentials refused.',
    );
    expect(
      within(screen.getByTestId('integration-row-stripe')).getByText('Healthy'),
    ).toBeInTheDocument();
  });

  it('links each integration to its catalog page and to the dashboard', async () => {
    await renderCard(
      consumer('Component', 'checkout-service', {
        dependsOn: ['resource:default/stripe'],
      }),
    );

    const stripe = await screen.findByTestId('integration-row-stripe');
    expect(
      within(stripe).getByRole('link', { name: 'Stripe' }),
    ).toHaveAttribute('href', '/catalog/default/resource/stripe');
    expect(
      within(stripe).getByRole('link', { name: 'Stripe on the dashboard' }),
    ).toHaveAttribute('href', '/integrations/dashboard?integration=stripe');
  });

  it('shows an integration the catalog holds no Resource for yet, without a catalog link', async () => {
    await renderCard(
      consumer('Component', 'notification-service', {
        dependsOn: ['resource:default/telegram', 'resource:default/unknown'],
      }),
    );

    const telegram = await screen.findByTestId('integration-row-telegram');
    expect(
      within(telegram).queryByRole('link', { name: 'Telegram' }),
    ).toBeNull();
    expect(within(telegram).getByText('Healthy')).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
  });

  it('lists for a System the integrations of its Components too, saying through which', async () => {
    const checkout = consumer('Component', 'checkout-service', {
      dependsOn: [
        'resource:default/stripe',
        'resource:default/paypal',
        'resource:default/brevo',
      ],
    });
    await renderCard(
      consumer('System', 'web-shop', {
        dependsOn: ['resource:default/brevo'],
        hasPart: ['component:default/checkout-service'],
      }),
      apiReturning(),
      [...catalog, checkout],
    );

    await screen.findByTestId('integration-row-paypal');
    expect(rows()).toHaveLength(3);
    expect(screen.getByTestId('integration-row-stripe')).toHaveTextContent(
      'via checkout-service',
    );
    expect(screen.getByTestId('integration-row-brevo')).not.toHaveTextContent(
      'via',
    );
  });

  it('says so when the entity depends on no integration', async () => {
    await renderCard(
      consumer('Component', 'invoicing', {
        dependsOn: ['resource:default/orders-db'],
      }),
    );

    expect(
      await screen.findByText(/invoicing depends on no integration/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says so when Integration Manager cannot be reached, and still names the integrations', async () => {
    await renderCard(
      consumer('Component', 'checkout-service', {
        dependsOn: ['resource:default/stripe'],
      }),
      fakeIntegrationsApi({
        getDashboard: async () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    );

    expect(
      await screen.findByText('Integration Manager could not be reached'),
    ).toBeInTheDocument();
    const stripe = await screen.findByTestId('integration-row-stripe');
    expect(stripe).toHaveTextContent('No status');
    expect(
      within(stripe).getByRole('link', { name: 'Stripe' }),
    ).toBeInTheDocument();
  });

  it('turns a row unhealthy when the backend signals a failed check', async () => {
    let dashboard = production;
    const { signals } = await renderCard(
      consumer('Component', 'checkout-service', {
        dependsOn: ['resource:default/stripe'],
      }),
      fakeIntegrationsApi({ getDashboard: async () => dashboard }),
    );
    await screen.findByTestId('integration-row-stripe');

    dashboard = dashboardOf([
      healthStatus({
        status: 'unhealthy',
        reasons: ['The latest check failed: timed out.'],
      }),
    ]);
    signals.publishHealth({
      integration: 'stripe',
      environment: 'production',
      status: 'unhealthy',
      previousStatus: 'healthy',
      checkedAt: new Date().toISOString(),
    });

    expect(
      await within(screen.getByTestId('integration-row-stripe')).findByText(
        'Unhealthy',
      ),
    ).toBeInTheDocument();
  });
});
