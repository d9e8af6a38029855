import { createApp } from '@backstage/app-defaults';
import { Entity } from '@backstage/catalog-model';
import { FlatRoutes } from '@backstage/core-app-api';
import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  useRouteRefParams,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { render, screen, within } from '@testing-library/react';
import { Route } from 'react-router-dom';
import {
  EntityIntegrationStatusCard,
  EntityIntegrationsCard,
  IntegrationsPage,
  integrationsApiRef,
  integrationsPlugin,
  isIntegrationEntity,
} from '../index';
import {
  consumer,
  integrationResource,
} from '../__testUtils__/catalogFixtures';
import {
  fakeIntegrationsApi,
  integrationConfig,
} from '../__testUtils__/fixtures';
import { NO_ERRORS } from '../__testUtils__/errorFixtures';
import {
  dashboardOf,
  healthStatus,
  historyOf,
  unhealthyStatus,
} from '../__testUtils__/healthFixtures';

jest.setTimeout(60_000);

// The legacy frontend system, as an app that has not moved to the new one
// mounts the plugin: createApp, FlatRoutes, the page and the entity cards.

const entities: Entity[] = [
  integrationResource('stripe', { title: 'Stripe' }),
  integrationResource('paypal', { title: 'PayPal' }),
  consumer('Component', 'checkout-service', {
    dependsOn: ['resource:default/stripe', 'resource:default/paypal'],
  }),
];

/** The catalog's entity page, reduced to what an app's EntitySwitch does with the cards. */
function EntityPage() {
  const { namespace, kind, name } = useRouteRefParams(entityRouteRef);
  const entity = entities.find(
    candidate =>
      candidate.kind.toLocaleLowerCase('en-US') === kind &&
      candidate.metadata.namespace === namespace &&
      candidate.metadata.name === name,
  );
  if (!entity) {
    return <p>No such entity</p>;
  }
  return (
    <EntityProvider entity={entity}>
      <h1>{entity.metadata.title ?? entity.metadata.name}</h1>
      {isIntegrationEntity(entity) ? (
        <EntityIntegrationStatusCard />
      ) : (
        <EntityIntegrationsCard />
      )}
    </EntityProvider>
  );
}

const catalogPlugin = createPlugin({
  id: 'catalog',
  routes: { catalogEntity: entityRouteRef },
});

const CatalogEntityPage = catalogPlugin.provide(
  createRoutableExtension({
    name: 'CatalogEntityPage',
    component: async () => EntityPage,
    mountPoint: entityRouteRef,
  }),
);

const stripe = healthStatus();
const paypal = unhealthyStatus();

const integrationsApi = fakeIntegrationsApi({
  getDashboard: async environment => ({
    ...dashboardOf([stripe, paypal]),
    environment,
  }),
  listAlerts: async () => ({ items: [], totalCount: 0 }),
  getHealthHistory: async () => historyOf({ stripe: [100], paypal: [90] }),
  listConfigs: async () => ({ items: [integrationConfig()], totalCount: 1 }),
  getConfig: async name => [integrationConfig({ name })],
  getHealth: async () => ({ environment: 'production', items: [stripe] }),
  getErrorSummary: async () => NO_ERRORS,
});

function renderLegacyApp(path: string) {
  window.history.pushState({}, '', path);
  const app = createApp({
    apis: [
      createApiFactory(integrationsApiRef, integrationsApi),
      createApiFactory(permissionApiRef, mockApis.permission()),
      createApiFactory(catalogApiRef, catalogApiMock({ entities })),
    ],
    plugins: [integrationsPlugin, catalogPlugin],
    configLoader: async () => [
      {
        context: 'test',
        data: {
          app: { title: 'Test', baseUrl: 'http://localhost' },
          backend: { baseUrl: 'http://localhost:7007' },
        },
      },
    ],
  });
  const AppProvider = app.getProvider();
  const AppRouter = app.getRouter();
  return render(
    <AppProvider>
      <AppRouter>
        <FlatRoutes>
          <Route path="/integrations" element={<IntegrationsPage />} />
          <Route
            path="/catalog/:namespace/:kind/:name"
            element={<CatalogEntityPage />}
          />
        </FlatRoutes>
      </AppRouter>
    </AppProvider>,
  );
}

// A whole app starts in each test; on a busy machine that takes longer than a component test.
jest.setTimeout(30_000);

describe('the plugin in a legacy app', () => {
  it('mounts the Integrations page with its header, tabs and dashboard', async () => {
    renderLegacyApp('/integrations/dashboard');

    // The app loads the plugin's page lazily, as a portal does: slow on a busy machine.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Integrations', level: 1 },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Configuration' })).toHaveAttribute(
      'href',
      '/integrations/config',
    );
    const card = await screen.findByTestId('status-card-paypal', undefined, {
      timeout: 10_000,
    });
    expect(within(card).getByText('Unhealthy')).toBeInTheDocument();
    // The catalog's entity route is bound by default: the card links to the Resource.
    expect(
      within(card).getByRole('link', { name: 'PayPal in the catalog' }),
    ).toHaveAttribute('href', '/catalog/default/resource/paypal');
  });

  it('shows an integration’s status card on its Resource page', async () => {
    renderLegacyApp('/catalog/default/resource/stripe');

    const card = await screen.findByRole(
      'region',
      { name: 'Integration status: Healthy' },
      { timeout: 10_000 },
    );
    expect(card).toHaveTextContent('Stripe in production');
    expect(
      within(card).getByRole('link', { name: 'Dashboard' }),
    ).toHaveAttribute('href', '/integrations/dashboard?integration=stripe');
  });

  it('lists a Component’s integrations on its page, worst first', async () => {
    renderLegacyApp('/catalog/default/component/checkout-service');

    const row = await screen.findByTestId('integration-row-paypal', undefined, {
      timeout: 10_000,
    });
    expect(within(row).getByText('Unhealthy')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'PayPal' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/paypal',
    );
    expect(
      screen
        .getAllByTestId(/^integration-row-/)
        .map(item => item.getAttribute('data-testid')),
    ).toEqual(['integration-row-paypal', 'integration-row-stripe']);
  });
});
