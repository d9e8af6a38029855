import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { IntegrationAlert } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
} from '../../../__testUtils__/fixtures';
import {
  fakeSignalApi,
  integrationAlert,
} from '../../../__testUtils__/healthFixtures';
import { AlertsPanel } from './AlertsPanel';

jest.setTimeout(30_000);

const errorRate = integrationAlert();
const connectDown = integrationAlert({
  id: '0a5e8c1d-7b2f-4e3a-8c9d-1e2f3a4b5c6d',
  integration: 'stripe-connect',
  type: 'health',
  severity: 'critical',
  title: 'Stripe Connect (production) is unhealthy',
  message: 'Latest check failed: Connection refused',
  suppressedBy: 'stripe',
  notified: false,
});
const acknowledged = integrationAlert({
  id: '9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  integration: 'brevo',
  title: 'Response time of Brevo (production) is 2300 ms at p95',
  status: 'acknowledged',
  acknowledged: true,
  acknowledgedBy: 'user:default/ada.admin',
  acknowledgedAt: new Date().toISOString(),
  escalationLevel: 2,
});

async function renderPanel(alerts: IntegrationAlert[]) {
  let current = alerts;
  const api = fakeIntegrationsApi({
    listAlerts: async () => ({ items: current, totalCount: current.length }),
    acknowledgeAlert: async id => {
      const alert = current.find(a => a.id === id)!;
      const done: IntegrationAlert = {
        ...alert,
        status: 'acknowledged',
        acknowledged: true,
        acknowledgedBy: 'user:default/ada.admin',
        acknowledgedAt: new Date().toISOString(),
      };
      current = current.map(a => (a.id === id ? done : a));
      return done;
    },
  });
  const signals = fakeSignalApi();
  await renderInTestApp(
    <AlertsPanel
      environment="production"
      displayNames={new Map([['stripe-connect', 'Stripe Connect']])}
    />,
    {
      apis: [
        [integrationsApiRef, api],
        [signalApiRef, signals.api],
        allowEverything(),
      ],
    },
  );
  return { api, signals };
}

describe('AlertsPanel', () => {
  it('lists the active alerts of the environment: how bad, what, where, since when and why it is quiet', async () => {
    const { api } = await renderPanel([errorRate, connectDown, acknowledged]);

    const down = await screen.findByTestId(`alert-${connectDown.id}`);
    expect(api.listAlerts).toHaveBeenCalledWith({
      environment: 'production',
      status: 'active',
      limit: 50,
    });
    expect(screen.getByText('Alerts (3)')).toBeInTheDocument();
    expect(down).toHaveTextContent('Critical');
    expect(down).toHaveTextContent('Stripe Connect (production) is unhealthy');
    expect(down).toHaveTextContent('Latest check failed: Connection refused');
    expect(down).toHaveTextContent('Stripe Connect · raised 5 minutes ago');
    expect(down).toHaveTextContent('Suppressed by stripe');

    const slow = screen.getByTestId(`alert-${acknowledged.id}`);
    expect(slow).toHaveTextContent('Warning');
    expect(slow).toHaveTextContent('Acknowledged by ada.admin');
    expect(slow).toHaveTextContent('reminded 2 times');
    expect(
      within(slow).queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
  });

  it('acknowledges an alert and shows who did', async () => {
    const { api } = await renderPanel([errorRate]);
    const row = await screen.findByTestId(`alert-${errorRate.id}`);
    const button = await waitFor(() => {
      const found = within(row).getByRole('button', { name: 'Acknowledge' });
      expect(found).toBeEnabled();
      return found;
    });

    await userEvent.click(button);

    expect(api.acknowledgeAlert).toHaveBeenCalledWith(errorRate.id);
    await waitFor(() =>
      expect(screen.getByTestId(`alert-${errorRate.id}`)).toHaveTextContent(
        'Acknowledged by ada.admin',
      ),
    );
    expect(
      within(screen.getByTestId(`alert-${errorRate.id}`)).queryByRole(
        'button',
        { name: 'Acknowledge' },
      ),
    ).not.toBeInTheDocument();
  });

  it('says why an acknowledgement failed', async () => {
    const { api } = await renderPanel([errorRate]);
    api.acknowledgeAlert.mockRejectedValue(
      new Error('The alert resolved meanwhile'),
    );
    const row = await screen.findByTestId(`alert-${errorRate.id}`);
    await userEvent.click(
      await within(row).findByRole('button', { name: 'Acknowledge' }),
    );
    expect(
      await screen.findByText(`Could not acknowledge "${errorRate.title}"`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The alert resolved meanwhile/),
    ).toBeInTheDocument();
  });

  it('reloads when an alert of its environment changes, not of another', async () => {
    const { api, signals } = await renderPanel([]);
    expect(
      await screen.findByText('No open alerts in production.'),
    ).toBeInTheDocument();
    expect(api.listAlerts).toHaveBeenCalledTimes(1);

    signals.publishAlert({
      alertId: errorRate.id,
      integration: 'stripe',
      environment: 'staging',
      status: 'open',
    });
    api.listAlerts.mockResolvedValue({ items: [errorRate], totalCount: 1 });
    signals.publishAlert({
      alertId: errorRate.id,
      integration: 'stripe',
      environment: 'production',
      status: 'open',
    });

    expect(
      await screen.findByTestId(`alert-${errorRate.id}`),
    ).toBeInTheDocument();
    expect(api.listAlerts).toHaveBeenCalledTimes(2);
  });
});
