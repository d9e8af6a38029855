import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import { fakeIntegrationsApi } from '../../../__testUtils__/fixtures';
import { historyOf } from '../../../__testUtils__/healthFixtures';
import { HealthCharts } from './HealthCharts';
import { chartRows, errorRateOf, seriesColours } from './chartData';

describe('HealthCharts', () => {
  it('loads the range the admin picks', async () => {
    const api = fakeIntegrationsApi({
      getHealthHistory: async () => historyOf({ stripe: [100, 90] }),
    });
    await renderInTestApp(
      <HealthCharts
        environment="staging"
        displayNames={new Map([['stripe', 'Stripe']])}
      />,
      { apis: [[integrationsApiRef, api]] },
    );

    expect(
      await screen.findByRole('figure', { name: 'Average response time' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Error rate (failed checks)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Uptime heatmap')).toBeInTheDocument();
    expect(api.getHealthHistory).toHaveBeenCalledWith({
      environment: 'staging',
      range: '24h',
    });

    await userEvent.click(screen.getByRole('button', { name: '7 days' }));

    await waitFor(() =>
      expect(api.getHealthHistory).toHaveBeenLastCalledWith({
        environment: 'staging',
        range: '7d',
      }),
    );
    expect(screen.getByRole('button', { name: '7 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('says so when no check ran in the range', async () => {
    const api = fakeIntegrationsApi({
      getHealthHistory: async () => historyOf({ stripe: [null, null] }),
    });
    await renderInTestApp(
      <HealthCharts environment="production" displayNames={new Map()} />,
      { apis: [[integrationsApiRef, api]] },
    );

    expect(
      await screen.findByText(
        'No health checks ran in this range, so there is nothing to chart yet.',
      ),
    ).toBeInTheDocument();
  });

  it('charts the error rate as the share of failed checks per bucket', () => {
    const rows = chartRows(
      historyOf({ stripe: [100, 90, null], paypal: [95, 100, 100] }),
      errorRateOf,
    );

    expect(rows.map(({ stripe, paypal }) => ({ stripe, paypal }))).toEqual([
      { stripe: 0, paypal: 5 },
      { stripe: 10, paypal: 0 },
      { stripe: null, paypal: 0 },
    ]);
  });
});

describe('seriesColours', () => {
  it('gives each of 14 integrations a colour of its own', () => {
    const colours = seriesColours(14);

    expect(colours).toHaveLength(14);
    expect(new Set(colours).size).toBe(14);
  });
});
