import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  responseError,
} from '../../../__testUtils__/fixtures';
import {
  healthStatus,
  testRunResult,
  unhealthyStatus,
} from '../../../__testUtils__/healthFixtures';
import {
  stripeImpact,
  unusedImpact,
} from '../../../__testUtils__/impactFixtures';
import { IntegrationStatusCard } from './IntegrationStatusCard';
import { rootRouteRef } from '../../../routes';

jest.setTimeout(30_000);

async function renderCard(
  api: IntegrationsApi,
  status = unhealthyStatus(),
  permissionApi = allowEverything(),
  onChanged = jest.fn(),
) {
  await renderInTestApp(
    <IntegrationStatusCard status={status} onChanged={onChanged} />,
    {
      apis: [[integrationsApiRef, api], permissionApi],
      mountedRoutes: {
        '/integrations': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { onChanged };
}

/** The button once the permission check settled; it is re-rendered when it does. */
const settledButton = (name: string, state: 'enabled' | 'disabled') =>
  waitFor(() => {
    const button = screen.getByRole('button', { name });
    if (state === 'enabled') {
      expect(button).toBeEnabled();
    } else {
      expect(button).toBeDisabled();
    }
    return button;
  });
const enabledButton = (name: string) => settledButton(name, 'enabled');

describe('IntegrationStatusCard', () => {
  it('warns about a credential that expires within a week', async () => {
    const inThreeDays = new Date(
      Date.now() + 3 * 24 * 60 * 60 * 1000 + 60_000,
    ).toISOString();
    await renderCard(
      fakeIntegrationsApi(),
      healthStatus({
        expiringCredentials: [
          { field: 'secretKey', label: 'Secret key', expiresAt: inThreeDays },
        ],
      }),
    );

    expect(
      await screen.findByText('Credentials expire soon'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-card-stripe')).toHaveTextContent(
      'Secret key expires in 3 days',
    );
  });

  it('says a credential expired when one has', async () => {
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    await renderCard(
      fakeIntegrationsApi(),
      healthStatus({
        expiringCredentials: [
          { field: 'secretKey', label: 'Secret key', expiresAt: yesterday },
        ],
      }),
    );

    expect(await screen.findByText('Credentials expired')).toBeInTheDocument();
    expect(screen.getByTestId('status-card-stripe')).toHaveTextContent(
      'Secret key expired 1 day ago',
    );
  });

  it('links to the editor of its configuration on the configuration page', async () => {
    await renderCard(fakeIntegrationsApi(), healthStatus());

    expect(screen.getByRole('link', { name: 'Configure' })).toHaveAttribute(
      'href',
      '/integrations/config?integration=stripe&environment=production',
    );
  });

  it('runs the quick test and shows its result', async () => {
    const api = fakeIntegrationsApi({
      testIntegration: async () => testRunResult(),
    });
    const { onChanged } = await renderCard(api);

    await userEvent.click(await enabledButton('Test now'));

    const dialog = await screen.findByRole('dialog', {
      name: 'Test of PayPal',
    });
    const steps = await within(dialog).findByRole('table', {
      name: 'Test steps',
    });
    expect(api.testIntegration).toHaveBeenCalledWith('paypal', 'production');
    expect(dialog).toHaveTextContent(
      'FailedQuick test of paypal in production',
    );
    expect(
      within(steps).getByRole('row', { name: /Get access token/ }),
    ).toHaveTextContent('The provider answered 401 invalid_client');
    expect(within(dialog).getByText('Credentials refused')).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('runs the test again from the checklist of the result', async () => {
    const api = fakeIntegrationsApi({
      testIntegration: async () => testRunResult(),
    });
    await renderCard(api);
    await userEvent.click(await enabledButton('Test now'));
    const dialog = await screen.findByRole('dialog', {
      name: 'Test of PayPal',
    });
    await within(dialog).findByText('Credentials refused');
    api.testIntegration.mockResolvedValue(
      testRunResult({
        id: 'run-2',
        status: 'passed',
        failure: undefined,
        steps: [],
      }),
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Re-run' }),
    );

    expect(await within(dialog).findByText('Passed')).toBeInTheDocument();
    expect(within(dialog).queryByText('Credentials refused')).toBeNull();
    expect(api.testIntegration).toHaveBeenCalledTimes(2);
  });

  it('says why a test failed to run', async () => {
    const api = fakeIntegrationsApi({
      testIntegration: async () => {
        throw await responseError(
          404,
          'NotFoundError',
          'No paypal in production',
        );
      },
    });
    await renderCard(api);

    await userEvent.click(await enabledButton('Test now'));

    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('The test could not be run'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('No paypal in production');
  });

  it('disables after confirmation, as a change of the version shown', async () => {
    const api = fakeIntegrationsApi({
      updateConfig: async () => ({
        dryRun: false,
        config: integrationConfig({ enabled: false }),
        changes: [],
      }),
    });
    const { onChanged } = await renderCard(api);

    await userEvent.click(await enabledButton('Disable'));
    const confirm = await screen.findByRole('dialog', {
      name: 'Disable PayPal in production?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Disable' }),
    );

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateConfig).toHaveBeenCalledWith('paypal', 'production', {
      version: 7,
      enabled: false,
      notes: 'Disabled from the health dashboard',
    });
  });

  it('enables a disabled integration and reports a refused change', async () => {
    const api = fakeIntegrationsApi({
      updateConfig: async () => {
        throw await responseError(
          409,
          'ConflictError',
          'Version 3 is not the latest; reload and try again',
        );
      },
    });
    await renderCard(
      api,
      healthStatus({ enabled: false, status: 'disabled', reasons: [] }),
    );

    await userEvent.click(await enabledButton('Enable'));

    expect(
      await screen.findByText('The change was not saved'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Version 3 is not the latest; reload and try again'),
    ).toBeInTheDocument();
  });

  it('lets the admin tick off repair steps', async () => {
    await renderCard(fakeIntegrationsApi());
    const checklist = screen.getByRole('group', { name: 'How to fix it' });
    expect(checklist).toHaveTextContent('0 of 3 steps done');

    await userEvent.click(
      within(checklist).getByRole('checkbox', {
        name: /1\. Create a new key or token/,
      }),
    );

    expect(checklist).toHaveTextContent('1 of 3 steps done');
  });

  it('counts what a failing integration affects, and lists it by team in a dialog', async () => {
    const api = fakeIntegrationsApi({
      getImpact: async () =>
        stripeImpact({ integration: 'paypal', summary: 'PayPal is down: …' }),
    });
    await renderCard(api);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Affects 3 components in 1 system',
      }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'What depends on PayPal',
    });
    expect(api.getImpact).toHaveBeenCalledTimes(1);
    expect(api.getImpact).toHaveBeenCalledWith('paypal', 'production');
    expect(within(dialog).getByText('PayPal is down: …')).toBeInTheDocument();
    const web = within(dialog).getByRole('listitem', { name: 'web-team' });
    expect(
      within(web).getByRole('link', { name: 'billing-portal' }),
    ).toHaveAttribute('href', '/catalog/default/component/billing-portal');
  });

  it('asks the catalog about a healthy integration only when asked', async () => {
    const api = fakeIntegrationsApi({
      getImpact: async () => unusedImpact('stripe'),
    });
    await renderCard(api, healthStatus());

    const button = screen.getByRole('button', { name: 'What depends on it' });
    expect(api.getImpact).not.toHaveBeenCalled();
    await userEvent.click(button);

    const dialog = await screen.findByRole('dialog', {
      name: 'What depends on Stripe',
    });
    expect(
      await within(dialog).findByText(
        'Nothing in the catalog depends on stripe.',
      ),
    ).toBeInTheDocument();
  });
});
