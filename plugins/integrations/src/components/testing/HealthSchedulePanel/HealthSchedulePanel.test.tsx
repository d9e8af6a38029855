import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  HealthCheckSchedule,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import { HealthSchedulePanel } from './HealthSchedulePanel';

jest.setTimeout(30_000);

function scheduleItem(
  overrides: Partial<HealthCheckSchedule> = {},
): HealthCheckSchedule {
  return {
    integration: 'stripe',
    environment: 'production',
    displayName: 'Stripe',
    provider: 'stripe',
    category: 'payment',
    owner: 'group:default/payments-team',
    enabled: true,
    status: 'healthy',
    paused: false,
    intervalSeconds: 60,
    lastCheckedAt: new Date(Date.now() - 20_000).toISOString(),
    nextCheckAt: new Date(Date.now() + 40_500).toISOString(),
    ...overrides,
  };
}

const row = (key: string) => screen.getByTestId(`schedule-${key}`);

describe('HealthSchedulePanel', () => {
  it('shows the interval, the last and the next check, and pauses and resumes', async () => {
    let stripe = scheduleItem();
    const api = fakeIntegrationsApi({
      getHealthSchedule: async () => ({
        items: [
          stripe,
          scheduleItem({
            integration: 'paypal',
            displayName: 'PayPal',
            enabled: false,
            status: 'disabled',
            nextCheckAt: undefined,
          }),
        ],
      }),
      pauseHealthChecks: async () => {
        stripe = scheduleItem({
          paused: true,
          pausedBy: 'user:default/ada',
          pausedAt: new Date().toISOString(),
          nextCheckAt: undefined,
        });
        return stripe;
      },
      resumeHealthChecks: async () => {
        stripe = scheduleItem();
        return stripe;
      },
    });
    await renderInTestApp(<HealthSchedulePanel />, {
      apis: [[integrationsApiRef, api], permissions(() => true)],
    });

    await screen.findByText('Stripe');
    expect(row('stripe:production')).toHaveTextContent('every 1 min');
    expect(row('stripe:production')).toHaveTextContent('20 s ago');
    expect(row('stripe:production')).toHaveTextContent(/in (40|39) s/);
    expect(row('paypal:production')).toHaveTextContent('Not checked: disabled');

    const pause = within(row('stripe:production')).getByRole('button', {
      name: 'Pause checks of stripe (Production)',
    });
    await waitFor(() => expect(pause).toBeEnabled());
    await userEvent.click(pause);

    expect(api.pauseHealthChecks).toHaveBeenCalledWith('stripe', 'production');
    await waitFor(() =>
      expect(row('stripe:production')).toHaveTextContent('Paused by ada'),
    );
    expect(row('stripe:production')).toHaveTextContent('Not checked: paused');

    await userEvent.click(
      within(row('stripe:production')).getByRole('button', {
        name: 'Resume checks of stripe (Production)',
      }),
    );
    expect(api.resumeHealthChecks).toHaveBeenCalledWith('stripe', 'production');
    await waitFor(() =>
      expect(row('stripe:production')).toHaveTextContent(/in \d+ s/),
    );
  });

  it('keeps Pause visible but disabled, with the reason, without the update permission', async () => {
    const api = fakeIntegrationsApi({
      getHealthSchedule: async () => ({ items: [scheduleItem()] }),
    });
    await renderInTestApp(<HealthSchedulePanel />, {
      apis: [
        [integrationsApiRef, api],
        permissions(
          permission => permission !== integrationUpdatePermission.name,
        ),
      ],
    });

    await screen.findByText('Stripe');
    const pause = screen.getByRole('button', {
      name: 'Pause checks of stripe (Production)',
    });
    await waitFor(() =>
      expect(screen.queryByText('Checking your permissions…')).toBeNull(),
    );
    expect(pause).toBeDisabled();
    await userEvent.hover(pause.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not change production settings of integrations you do not administer',
    );
    expect(api.pauseHealthChecks).not.toHaveBeenCalled();
  });
});
