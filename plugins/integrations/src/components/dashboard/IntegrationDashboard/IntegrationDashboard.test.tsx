import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  IntegrationActivity,
  Environment,
  IntegrationDashboard as Dashboard,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  permissions,
  fakeIntegrationsApi,
  integrationConfig,
} from '../../../__testUtils__/fixtures';
import {
  dashboardOf,
  fakeSignalApi,
  healthStatus,
  historyOf,
  testRunResult,
  unhealthyStatus,
} from '../../../__testUtils__/healthFixtures';
import { IntegrationDashboard } from './IntegrationDashboard';
import { rootRouteRef } from '../../../routes';

jest.setTimeout(30_000);

const stripe = healthStatus();
const paypal = unhealthyStatus();
const checkout = healthStatus({
  integration: 'checkout',
  displayName: 'Checkout',
  status: 'degraded',
  reasons: ['A dependency is unhealthy.'],
  dependencyStatus: [
    { name: 'stripe', status: 'healthy' },
    { name: 'paypal', status: 'unhealthy' },
  ],
  likelyCause: { dependency: 'paypal', status: 'unhealthy' },
  rateLimit: { limit: 5000, remaining: 4200 },
});

function apiReturning(...dashboards: Dashboard[]) {
  let call = 0;
  return fakeIntegrationsApi({
    getDashboard: async (environment: Environment) => ({
      ...dashboards[Math.min(call++, dashboards.length - 1)],
      environment,
    }),
    listAlerts: async () => ({ items: [], totalCount: 0 }),
    getHealthHistory: async () =>
      historyOf({ stripe: [100, 100], paypal: [90, 100] }),
    listConfigs: async () => ({
      items: [integrationConfig()],
      totalCount: 1,
    }),
  });
}

async function renderDashboard(
  api = apiReturning(dashboardOf([stripe, paypal, checkout])),
  onEnvironmentChange = jest.fn(),
  permissionApi = allowEverything(),
) {
  const signals = fakeSignalApi();
  await renderInTestApp(
    <IntegrationDashboard
      environment="production"
      onEnvironmentChange={onEnvironmentChange}
    />,
    {
      apis: [
        [integrationsApiRef, api],
        [signalApiRef, signals.api],
        permissionApi,
      ],
      mountedRoutes: { '/integrations': rootRouteRef },
    },
  );
  await screen.findAllByTestId(/^status-card-/);
  return { api, signals };
}

const metric = (label: string) => screen.getByRole('group', { name: label });

describe('IntegrationDashboard', () => {
  it('shows the overview figures and a card per integration', async () => {
    await renderDashboard();

    expect(metric('Integrations')).toHaveTextContent('3');
    expect(metric('Healthy')).toHaveTextContent('1');
    expect(metric('Degraded')).toHaveTextContent('1');
    expect(metric('Unhealthy')).toHaveTextContent('1');
    expect(metric('Disabled')).toHaveTextContent('0');
    expect(metric('Last health check')).toHaveTextContent('5 minutes ago');
    expect(metric('API calls today')).toHaveTextContent('1,234');
    expect(metric('Errors today')).toHaveTextContent('8');
    expect(metric('Average response time')).toHaveTextContent('320 ms');

    const card = screen.getByTestId('status-card-stripe');
    expect(within(card).getByText('Stripe')).toBeInTheDocument();
    expect(within(card).getByText('Healthy')).toBeInTheDocument();
    expect(card).toHaveTextContent('100 % · 99.95 % · 99.5 %');
    expect(card).toHaveTextContent('230 ms');
    expect(card).toHaveTextContent('48 passed · 0 failed');
    expect(card).toHaveTextContent('1 minute ago (every 60 s)');
    expect(card).toHaveTextContent('version 3');
  });

  it('puts cards needing attention first', async () => {
    await renderDashboard();

    const cards = screen
      .getAllByTestId(/^status-card-/)
      .map(card => card.getAttribute('data-testid'));
    expect(cards).toEqual([
      'status-card-paypal',
      'status-card-checkout',
      'status-card-stripe',
    ]);
  });

  it('shows the first cards of a large company, worst first, and the rest on request', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      healthStatus({
        integration: `service-${String(i).padStart(2, '0')}`,
        displayName: `Service ${i}`,
      }),
    );
    const broken = unhealthyStatus({
      integration: 'service-29',
      displayName: 'Service 29',
    });
    const api = apiReturning(dashboardOf([...many.slice(0, 29), broken]));
    await renderDashboard(api);

    const shownCards = () => screen.getAllByTestId(/^status-card-/);
    expect(shownCards()).toHaveLength(24);
    expect(shownCards()[0]).toHaveAttribute(
      'data-testid',
      'status-card-service-29',
    );
    expect(
      screen.getByText(/Showing 24 of 30, those needing attention first/),
    ).toBeInTheDocument();
    // The charts follow the cards shown, not all thirty.
    await waitFor(() =>
      expect(api.getHealthHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({
          integrations: expect.arrayContaining(['service-29']),
        }),
      ),
    );
    const charted = (api.getHealthHistory as jest.Mock).mock.lastCall[0];
    expect(charted.integrations).toHaveLength(24);

    await userEvent.click(screen.getByRole('button', { name: 'Show 6 more' }));
    expect(shownCards()).toHaveLength(30);
    expect(screen.queryByText(/Showing 24 of 30/)).not.toBeInTheDocument();
  });

  it('explains an unhealthy integration and lists the steps that fix it', async () => {
    await renderDashboard();

    const card = screen.getByTestId('status-card-paypal');
    expect(within(card).getByText('Unhealthy')).toBeInTheDocument();
    expect(within(card).getByText('Credentials refused')).toBeInTheDocument();
    expect(within(card).getByText('auth_invalid')).toBeInTheDocument();
    expect(card).toHaveTextContent('PayPal refused the client id and secret.');
    expect(card).toHaveTextContent('The provider said: “invalid_client”');
    const steps = within(card).getAllByRole('checkbox');
    expect(steps).toHaveLength(3);
    expect(card).toHaveTextContent(
      '1. Create a new key or token in the provider’s console.',
    );
    expect(card).toHaveTextContent(
      '2. Replace it in the Credentials section of this integration.',
    );
    expect(card).toHaveTextContent('3. Run the test again.');
    expect(
      within(card).getByRole('button', { name: 'Re-run' }),
    ).toBeInTheDocument();
  });

  it('shows dependencies, the likely cause and the rate limit', async () => {
    await renderDashboard();

    const card = screen.getByTestId('status-card-checkout');
    expect(
      within(card).getByText('Likely cause: paypal is unhealthy'),
    ).toBeInTheDocument();
    const dependencies = within(card).getByRole('list', {
      name: 'Dependencies',
    });
    expect(dependencies).toHaveTextContent('stripe: Healthy');
    expect(dependencies).toHaveTextContent('paypal: Unhealthy');
    expect(card).toHaveTextContent('Rate limit: 4,200 of 5,000 requests left');
    expect(
      within(card).getByRole('progressbar', { name: /Rate limit/ }),
    ).toHaveAttribute('aria-valuenow', '84');
  });

  it('shows one integration only when opened for it, until Show all', async () => {
    const onShowAll = jest.fn();
    await renderInTestApp(
      <IntegrationDashboard
        environment="production"
        onEnvironmentChange={jest.fn()}
        integration="paypal"
        onShowAll={onShowAll}
      />,
      {
        apis: [
          [integrationsApiRef, apiReturning(dashboardOf([stripe, paypal]))],
          allowEverything(),
        ],
        mountedRoutes: { '/integrations': rootRouteRef },
      },
    );

    await screen.findByTestId('status-card-paypal');
    expect(screen.queryByTestId('status-card-stripe')).toBeNull();
    expect(screen.getByText('Showing PayPal only')).toBeInTheDocument();
    // The figures above the cards stay those of the whole environment.
    expect(metric('Integrations')).toHaveTextContent('2');
    const sla = await screen.findByRole('table', {
      name: 'Uptime against target',
    });
    expect(within(sla).queryByRole('row', { name: /Stripe/ })).toBeNull();
    expect(
      within(sla).getByRole('row', { name: /PayPal/ }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(onShowAll).toHaveBeenCalled();
  });

  it('reloads when a status change is signalled, without a page reload', async () => {
    const api = apiReturning(
      dashboardOf([stripe]),
      dashboardOf([
        healthStatus({
          status: 'unhealthy',
          reasons: ['The latest check failed: timed out.'],
        }),
      ]),
    );
    const { signals } = await renderDashboard(api);
    const card = screen.getByTestId('status-card-stripe');
    expect(within(card).getByText('Healthy')).toBeInTheDocument();

    signals.publishHealth({
      integration: 'stripe',
      environment: 'production',
      status: 'unhealthy',
      previousStatus: 'healthy',
      checkedAt: new Date().toISOString(),
    });

    expect(
      await within(screen.getByTestId('status-card-stripe')).findByText(
        'Unhealthy',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The latest check failed: timed out.'),
    ).toBeInTheDocument();
    expect(api.getDashboard).toHaveBeenCalledTimes(2);
  });

  it('ignores status changes of other environments', async () => {
    const api = apiReturning(dashboardOf([stripe]));
    const { signals } = await renderDashboard(api);

    signals.publishHealth({
      integration: 'stripe',
      environment: 'staging',
      status: 'unhealthy',
      previousStatus: 'healthy',
      checkedAt: new Date().toISOString(),
    });

    await new Promise(resolve => setTimeout(resolve, 50));
    expect(api.getDashboard).toHaveBeenCalledTimes(1);
  });

  it('switches the environment', async () => {
    const onEnvironmentChange = jest.fn();
    await renderDashboard(undefined, onEnvironmentChange);

    await userEvent.click(screen.getByLabelText('Environment'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Staging',
      }),
    );

    expect(onEnvironmentChange).toHaveBeenCalledWith('staging');
  });

  it('tests every enabled integration and lists each outcome', async () => {
    const api = apiReturning(
      dashboardOf([
        stripe,
        paypal,
        healthStatus({
          integration: 'brevo',
          displayName: 'Brevo',
          enabled: false,
          status: 'disabled',
        }),
      ]),
    );
    api.bulkTest.mockResolvedValue({
      results: [
        {
          integration: 'stripe',
          environment: 'production',
          result: testRunResult({
            integration: 'stripe',
            status: 'passed',
            failure: undefined,
            durationMs: 800,
          }),
        },
        {
          integration: 'paypal',
          environment: 'production',
          error: 'You lack the permission integrations.test.run on paypal',
        },
      ],
    });
    await renderDashboard(api);

    const testAll = screen.getByRole('button', { name: 'Test all' });
    await waitFor(() => expect(testAll).toBeEnabled());
    await userEvent.click(testAll);

    const dialog = await screen.findByRole('dialog', {
      name: 'Test of 2 enabled integrations in production',
    });
    const results = await within(dialog).findByRole('list', {
      name: 'Test results',
    });
    expect(api.bulkTest).toHaveBeenCalledWith({
      integrations: ['paypal', 'stripe'],
      environment: 'production',
      testSuite: 'quick',
    });
    const [stripeItem, paypalItem] = within(results).getAllByRole('listitem');
    expect(paypalItem).toHaveTextContent(
      'PayPalNot tested: You lack the permission integrations.test.run on paypal',
    );
    expect(stripeItem).toHaveTextContent('StripePassed800 ms');
    expect(within(dialog).getByText('1 of 2 passed.')).toBeInTheDocument();
  });

  it('tests only the integrations the user may test', async () => {
    const api = apiReturning(dashboardOf([stripe, paypal]));
    await renderDashboard(
      api,
      jest.fn(),
      permissions(
        (permission, resourceRef) =>
          permission !== 'integrations.test.run' ||
          resourceRef === 'stripe:production',
      ),
    );
    const testAll = screen.getByRole('button', { name: 'Test all' });
    await waitFor(() => expect(testAll).toBeEnabled());
    await userEvent.click(testAll);
    await waitFor(() =>
      expect(api.bulkTest).toHaveBeenCalledWith({
        integrations: ['stripe'],
        environment: 'production',
        testSuite: 'quick',
      }),
    );
  });

  it('filters the recent activity by kind', async () => {
    const activity: IntegrationActivity[] = [
      {
        id: '1',
        timestamp: new Date().toISOString(),
        operation: 'test',
        integration: 'stripe',
        details: 'Quick test passed',
        userId: 'user:default/ada',
        status: 'success',
        duration: 0,
        metadata: { environment: 'production', resultStatus: 'passed' },
      },
      {
        id: '2',
        timestamp: new Date().toISOString(),
        operation: 'health_change',
        integration: 'paypal',
        details: 'Became unhealthy',
        status: 'error',
        duration: 0,
        metadata: { environment: 'production', resultStatus: 'unhealthy' },
      },
    ];
    await renderDashboard(
      apiReturning(
        dashboardOf([stripe], {
          recentActivity: {
            activities: activity,
            errors: [],
            configurations: [],
          },
        }),
      ),
    );
    const feed = screen.getByRole('list', { name: 'Recent activity' });
    expect(within(feed).getAllByRole('listitem')).toHaveLength(2);

    await userEvent.click(screen.getByLabelText('Show'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Health changes',
      }),
    );

    await waitFor(() =>
      expect(
        within(
          screen.getByRole('list', { name: 'Recent activity' }),
        ).getAllByRole('listitem'),
      ).toHaveLength(1),
    );
    expect(screen.getByText('Became unhealthy')).toBeInTheDocument();
    expect(screen.queryByText('Quick test passed')).not.toBeInTheDocument();
  });

  it('compares uptime with each integration’s target', async () => {
    await renderDashboard(apiReturning(dashboardOf([stripe, paypal])));

    const table = await screen.findByRole('table', {
      name: 'Uptime against target',
    });
    const paypalRow = within(table).getByRole('row', { name: /PayPal/ });
    expect(paypalRow).toHaveTextContent('99.9 %');
    expect(paypalRow).toHaveTextContent('90 % (below target)');
  });
});
