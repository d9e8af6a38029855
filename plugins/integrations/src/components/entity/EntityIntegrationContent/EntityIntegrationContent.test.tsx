import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import { integrationResource } from '../../../__testUtils__/catalogFixtures';
import {
  fakeIntegrationsApi,
  integrationConfig,
} from '../../../__testUtils__/fixtures';
import { healthStatus, historyOf } from '../../../__testUtils__/healthFixtures';
import { rootRouteRef } from '../../../routes';
import { EntityIntegrationContent } from './EntityIntegrationContent';

jest.setTimeout(30_000);

describe('EntityIntegrationContent', () => {
  it('shows the status card and the health history of this integration, in the environment picked', async () => {
    const api = fakeIntegrationsApi({
      getConfig: async name => [
        integrationConfig({ name, environment: 'staging' }),
        integrationConfig({ name, environment: 'production' }),
      ],
      getHealth: async query => ({
        environment: query!.environment!,
        items: [healthStatus({ environment: query!.environment! })],
      }),
      getErrorSummary: async () => ({
        totalErrors: 0,
        uniqueErrors: 0,
        openErrors: 0,
        resolvedErrors: 0,
        criticalErrors: 0,
        errorTrends: [],
        errorsByIntegration: [],
      }),
      listAlerts: async () => ({ items: [], totalCount: 0 }),
      getHealthHistory: async () => historyOf({ stripe: [100, 90] }),
    });
    await renderInTestApp(
      <EntityProvider
        entity={integrationResource('stripe', { title: 'Stripe' })}
      >
        <EntityIntegrationContent />
      </EntityProvider>,
      {
        apis: [[integrationsApiRef, api]],
        mountedRoutes: { '/integrations': rootRouteRef },
      },
    );

    await screen.findByRole('region', { name: 'Integration status: Healthy' });
    expect(
      await screen.findByText('Average response time'),
    ).toBeInTheDocument();
    expect(api.getHealthHistory).toHaveBeenCalledWith({
      environment: 'production',
      range: '24h',
      integrations: ['stripe'],
    });

    await userEvent.click(screen.getByRole('button', { name: 'Staging' }));

    expect(api.getHealthHistory).toHaveBeenLastCalledWith({
      environment: 'staging',
      range: '24h',
      integrations: ['stripe'],
    });
  });
});
