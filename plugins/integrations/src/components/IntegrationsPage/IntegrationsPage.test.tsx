import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  templateOf,
} from '../../__testUtils__/fixtures';
import {
  dashboardOf,
  healthStatus,
  historyOf,
} from '../../__testUtils__/healthFixtures';
import { IntegrationsContent } from './IntegrationsPage';

jest.setTimeout(20_000);

function api() {
  const configs = [integrationConfig()];
  return fakeIntegrationsApi({
    listConfigs: async () => ({ items: configs, totalCount: configs.length }),
    getConfig: async () => configs,
    listTemplates: async () => [templateOf('stripe')],
    listAudit: async () => ({ items: [], totalCount: 0 }),
    listVersions: async () => ({ items: [] }),
    getDashboard: async environment => ({
      ...dashboardOf([healthStatus({ environment })]),
      environment,
    }),
    getHealthHistory: async () => historyOf({ stripe: [100] }),
    listTestRuns: async () => ({ items: [], totalCount: 0 }),
  });
}

async function renderPage(url = '/integrations', fake = api()) {
  const result = await renderInTestApp(<IntegrationsContent />, {
    apis: [[integrationsApiRef, fake], allowEverything()],
    mountPath: '/integrations',
    initialRouteEntries: [url],
  });
  const history = result.apis.get(coreApis.appHistory)!;
  return {
    location: () => {
      const { pathname, search } = history.getSnapshot().location;
      return `${pathname}${search}`;
    },
  };
}

describe('IntegrationsContent', () => {
  it('opens on the production dashboard', async () => {
    const fake = api();
    await renderPage('/integrations', fake);

    expect(screen.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByTestId('status-card-stripe')).toBeInTheDocument();
    expect(fake.getDashboard).toHaveBeenCalledWith('production');
  });

  it('keeps links to the former overview working', async () => {
    await renderPage('/integrations?tab=overview');

    expect(screen.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByTestId('status-card-stripe')).toBeInTheDocument();
  });

  it('keeps the dashboard environment in the URL', async () => {
    const fake = api();
    const page = await renderPage('/integrations', fake);
    await screen.findByTestId('status-card-stripe');

    await userEvent.click(screen.getByLabelText('Environment'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Staging',
      }),
    );

    await waitFor(() =>
      expect(fake.getDashboard).toHaveBeenLastCalledWith('staging'),
    );
    expect(page.location()).toBe('/integrations?environment=staging');
  });

  it('opens the dashboard of the environment in the URL', async () => {
    const fake = api();
    await renderPage('/integrations?environment=development', fake);

    await screen.findByTestId('status-card-stripe');
    expect(fake.getDashboard).toHaveBeenCalledWith('development');
    expect(fake.getDashboard).not.toHaveBeenCalledWith('production');
  });

  it('keeps the tab in the URL', async () => {
    const page = await renderPage();

    await userEvent.click(screen.getByRole('tab', { name: 'Configuration' }));
    expect(await screen.findByText('Configurations (1)')).toBeInTheDocument();
    expect(page.location()).toBe('/integrations?tab=configuration');

    await userEvent.click(screen.getByRole('tab', { name: 'Audit' }));
    expect(await screen.findByText('Audit log (0)')).toBeInTheDocument();
    expect(page.location()).toBe('/integrations?tab=audit');
  });

  it('reopens the tab named in the URL', async () => {
    await renderPage('/integrations?tab=audit');

    expect(screen.getByRole('tab', { name: 'Audit' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByText('Audit log (0)')).toBeInTheDocument();
  });

  it('opens the editor named in the URL and keeps its state there', async () => {
    const page = await renderPage(
      '/integrations?tab=configuration&integration=stripe&environment=production',
    );

    const editor = await screen.findByRole('dialog', {
      name: /Stripe \(stripe\)/,
    });
    await userEvent.click(
      await within(editor).findByRole('tab', { name: 'History' }),
    );
    expect(page.location()).toBe(
      '/integrations?tab=configuration&integration=stripe&environment=production&section=history',
    );

    await userEvent.click(within(editor).getByRole('tab', { name: 'Tests' }));
    expect(
      await within(editor).findByText('Test runs (0)'),
    ).toBeInTheDocument();
    expect(page.location()).toBe(
      '/integrations?tab=configuration&integration=stripe&environment=production&section=tests',
    );

    await userEvent.click(
      within(editor).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(page.location()).toBe('/integrations?tab=configuration');
  });
});
