import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { Environment } from '@internal/plugin-integrations-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import { integrationResource } from '../../../__testUtils__/catalogFixtures';
import {
  fakeIntegrationsApi,
  integrationConfig,
  responseError,
} from '../../../__testUtils__/fixtures';
import {
  fakeSignalApi,
  healthStatus,
} from '../../../__testUtils__/healthFixtures';
import { rootRouteRef } from '../../../routes';
import { EntityIntegrationStatusCard } from './EntityIntegrationStatusCard';

jest.setTimeout(30_000);

const stripe = integrationResource('stripe', { title: 'Stripe' });

/** Stripe configured in the given environments, healthy in each unless `health` says otherwise. */
function apiFor(
  environments: Environment[],
  overrides: Partial<IntegrationsApi> = {},
) {
  return fakeIntegrationsApi({
    getConfig: async name =>
      environments.map(environment => integrationConfig({ name, environment })),
    getHealth: async query => ({
      environment: query?.environment ?? 'production',
      items: [
        healthStatus({
          environment: query?.environment ?? 'production',
          rateLimit: { limit: 5000, remaining: 4200 },
          configVersion: 7,
        }),
      ],
    }),
    getErrorSummary: async () => ({
      totalErrors: 12,
      uniqueErrors: 3,
      openErrors: 2,
      resolvedErrors: 1,
      criticalErrors: 0,
      errorTrends: [],
      errorsByIntegration: [],
    }),
    listAlerts: async () => ({ items: [], totalCount: 1 }),
    ...overrides,
  });
}

async function renderCard(api: IntegrationsApi, entity: Entity = stripe) {
  const signals = fakeSignalApi();
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityIntegrationStatusCard />
    </EntityProvider>,
    {
      apis: [
        [integrationsApiRef, api],
        [signalApiRef, signals.api],
      ],
      mountedRoutes: { '/integrations': rootRouteRef },
    },
  );
  return { signals };
}

const card = () => screen.getByTestId('entity-integration-status');
const fact = (label: string) =>
  within(card()).getByText(label).nextElementSibling;

describe('EntityIntegrationStatusCard', () => {
  it('shows the live status, figures and last configuration change in production', async () => {
    await renderCard(apiFor(['production']));

    expect(
      await screen.findByRole('region', {
        name: 'Integration status: Healthy',
      }),
    ).toBeInTheDocument();
    expect(card()).toHaveTextContent('Stripe in production');
    expect(fact('Uptime 24 h · 7 d · 30 d')).toHaveTextContent(
      '100 % · 99.95 % · 99.5 %',
    );
    expect(fact('Response time')).toHaveTextContent('230 ms');
    expect(fact('Rate-limit headroom')).toHaveTextContent(
      '84 % left (4,200 of 5,000 requests)',
    );
    expect(fact('Open errors (24 h)')).toHaveTextContent('2');
    expect(fact('Active alerts')).toHaveTextContent('1');
    expect(fact('Last configuration change')).toHaveTextContent(
      'version 7 by ada.admin,',
    );
    // Configured in one environment only: nothing to switch.
    expect(screen.queryByRole('group', { name: 'Environment' })).toBeNull();
  });

  it('links to the integration on the dashboard, its configuration, errors and analytics', async () => {
    await renderCard(apiFor(['production']));

    const links = await screen.findByRole('navigation', {
      name: 'stripe in Integration Manager',
    });
    const href = (name: string) =>
      within(links).getByRole('link', { name }).getAttribute('href');
    expect(href('Dashboard')).toBe(
      '/integrations/dashboard?integration=stripe',
    );
    expect(href('Configuration')).toBe(
      '/integrations/config?integration=stripe&environment=production',
    );
    expect(href('Errors')).toBe('/integrations/errors?integration=stripe');
    expect(href('Analytics')).toBe(
      '/integrations/analytics?integration=stripe',
    );
  });

  it('switches to another environment the integration is configured in', async () => {
    const api = apiFor(['development', 'production'], {
      getHealth: async query => ({
        environment: query!.environment!,
        items: [
          query?.environment === 'development'
            ? healthStatus({
                environment: 'development',
                status: 'degraded',
                reasons: ['Slow answers: 2.4 s.'],
              })
            : healthStatus(),
        ],
      }),
    });
    await renderCard(api);
    await screen.findByRole('region', { name: 'Integration status: Healthy' });

    await userEvent.click(screen.getByRole('button', { name: 'Development' }));

    expect(
      await screen.findByRole('region', {
        name: 'Integration status: Degraded',
      }),
    ).toHaveTextContent('Slow answers: 2.4 s.');
    expect(card()).toHaveTextContent('Stripe in development');
    expect(api.getErrorSummary).toHaveBeenLastCalledWith({
      environment: 'development',
      integration: 'stripe',
    });
    expect(
      screen.getByRole('link', { name: 'Errors' }).getAttribute('href'),
    ).toBe('/integrations/errors?integration=stripe&environment=development');
  });

  it('reads the integration from the annotation when the Resource is named otherwise', async () => {
    const api = apiFor(['production']);
    await renderCard(
      api,
      integrationResource('payments-stripe', { annotation: 'stripe' }),
    );

    await screen.findByRole('region', { name: 'Integration status: Healthy' });
    expect(api.getConfig).toHaveBeenCalledWith('stripe');
  });

  it('turns unhealthy when the backend signals a failed check', async () => {
    let status = healthStatus();
    const api = apiFor(['production'], {
      getHealth: async () => ({ environment: 'production', items: [status] }),
    });
    const { signals } = await renderCard(api);
    await screen.findByRole('region', { name: 'Integration status: Healthy' });

    status = healthStatus({
      status: 'unhealthy',
      reasons: ['The latest check failed: timed out.'],
    });
    signals.publishHealth({
      integration: 'stripe',
      environment: 'production',
      status: 'unhealthy',
      previousStatus: 'healthy',
      checkedAt: new Date().toISOString(),
    });

    expect(
      await screen.findByRole('region', {
        name: 'Integration status: Unhealthy',
      }),
    ).toHaveTextContent('The latest check failed: timed out.');
  });

  it('says so when Integration Manager cannot be reached', async () => {
    await renderCard(
      apiFor([], {
        getConfig: async () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    );

    expect(
      await screen.findByText('Integration Manager could not be reached'),
    ).toBeInTheDocument();
    expect(card()).toHaveTextContent('Failed to fetch');
  });

  it('says so when the integration is unknown or not readable', async () => {
    await renderCard(
      apiFor([], {
        getConfig: async () => {
          throw await responseError(
            403,
            'NotAllowedError',
            'You lack the permission integrations.integration.read on stripe',
          );
        },
      }),
    );

    expect(await screen.findByText('No status for stripe')).toBeInTheDocument();
    expect(card()).toHaveTextContent(
      'You lack the permission integrations.integration.read on stripe',
    );
  });
});
