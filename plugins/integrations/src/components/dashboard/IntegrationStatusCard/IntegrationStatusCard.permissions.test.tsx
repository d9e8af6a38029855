import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  IntegrationHealthStatus,
  integrationTestRunPermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import { unhealthyStatus } from '../../../__testUtils__/healthFixtures';
import { IntegrationStatusCard } from './IntegrationStatusCard';
import { rootRouteRef } from '../../../routes';

jest.setTimeout(30_000);

// A file of its own: permission answers are cached per permission and
// resource for the whole file, so each test uses another integration.

/** The button once the permission check settled; it is re-rendered when it does. */
const settledButton = (name: string, enabled: boolean) =>
  waitFor(() => {
    const button = screen.getByRole('button', { name });
    expect(button.hasAttribute('disabled')).toBe(!enabled);
    return button;
  });

async function renderCard(
  status: IntegrationHealthStatus,
  denied: string,
  api = fakeIntegrationsApi(),
) {
  await renderInTestApp(
    <IntegrationStatusCard status={status} onChanged={jest.fn()} />,
    {
      apis: [
        [integrationsApiRef, api],
        permissions(permission => permission !== denied),
      ],
      mountedRoutes: { '/integrations': rootRouteRef },
    },
  );
  return api;
}

describe('IntegrationStatusCard without permissions', () => {
  it('keeps Test now and Re-run visible but disabled, with the reason, without the test permission', async () => {
    const api = await renderCard(
      unhealthyStatus({ integration: 'paypal-eu' }),
      integrationTestRunPermission.name,
    );

    await settledButton('Disable', true);
    const button = await settledButton('Test now', false);
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not run tests of paypal-eu in production: tests use its credentials and call the provider',
    );
    const card = screen.getByTestId('status-card-paypal-eu');
    expect(within(card).getByRole('button', { name: 'Re-run' })).toBeDisabled();
    expect(api.testIntegration).not.toHaveBeenCalled();
  });

  it('keeps Disable visible but disabled, with the reason, without the update permission', async () => {
    await renderCard(
      unhealthyStatus({ integration: 'paypal-us' }),
      integrationUpdatePermission.name,
    );

    await settledButton('Test now', true);
    const button = await settledButton('Disable', false);
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not change production settings of integrations you do not administer',
    );
  });
});
