import { ApiHolder } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp, renderTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import integrationsPlugin from '../../alpha';
import { integrationsApiRef } from '../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  templateOf,
} from '../../__testUtils__/fixtures';
import {
  NO_ERRORS,
  errorPatternDetail,
} from '../../__testUtils__/errorFixtures';
import {
  dashboardOf,
  healthStatus,
  historyOf,
} from '../../__testUtils__/healthFixtures';
import { rootRouteRef } from '../../routes';
import { IntegrationsPage } from './IntegrationsPage';

jest.setTimeout(30_000);

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
    listAlerts: async () => ({ items: [], totalCount: 0 }),
    getHealthHistory: async () => historyOf({ stripe: [100] }),
    listTestRuns: async () => ({ items: [], totalCount: 0 }),
    getErrorSummary: async () => NO_ERRORS,
    listErrorPatterns: async () => ({ items: [], totalCount: 0 }),
    getErrorPattern: async patternId => errorPatternDetail({ patternId }),
    listWebhookEndpoints: async () => ({ items: [] }),
    listWebhookEventTypes: async () => ({ items: [] }),
  });
}

function locationOf(result: { apis: ApiHolder }) {
  const history = result.apis.get(coreApis.appHistory)!;
  return () => {
    const { pathname, search } = history.getSnapshot().location;
    return `${pathname}${search}`;
  };
}

/** The plugin as the new frontend system mounts it: a page with a sub-page per tab. */
async function renderPlugin(url: string, fake = api()) {
  const result = renderTestApp({
    features: [integrationsPlugin],
    apis: [[integrationsApiRef, fake], allowEverything()],
    initialRouteEntries: [url],
  });
  return { location: locationOf(result), fake };
}

/** The legacy page, mounted the way the legacy app's routes mount it. */
async function renderLegacyPage(url: string) {
  const result = await renderInTestApp(
    <Routes>
      <Route path="/integrations/*" element={<IntegrationsPage />} />
    </Routes>,
    {
      apis: [[integrationsApiRef, api()], allowEverything()],
      mountedRoutes: { '/integrations': rootRouteRef },
      initialRouteEntries: [url],
    },
  );
  return { location: locationOf(result) };
}

describe('the Integrations page in the new frontend system', () => {
  it('opens on the production dashboard', async () => {
    const page = await renderPlugin('/integrations');

    expect(await screen.findByTestId('status-card-stripe')).toBeInTheDocument();
    expect(page.location()).toBe('/integrations/dashboard');
    expect(page.fake.getDashboard).toHaveBeenCalledWith('production');
  });

  it.each([
    ['/integrations/dashboard', 'Recent activity'],
    ['/integrations/config', 'Configurations (1)'],
    ['/integrations/testing', 'Run tests'],
    ['/integrations/errors', 'No errors in this period'],
    ['/integrations/errors/p-stripe-auth', 'Stripe rejects the API key'],
    ['/integrations/webhooks', 'Documentation'],
    ['/integrations/audit', 'Audit log (0)'],
  ])('shows %s at its own URL', async (url, content) => {
    const page = await renderPlugin(url);

    expect(await screen.findByText(content)).toBeInTheDocument();
    expect(page.location()).toBe(url);
  });

  it('keeps the dashboard environment in the URL', async () => {
    const page = await renderPlugin('/integrations/dashboard');
    await screen.findByTestId('status-card-stripe');

    await userEvent.click(screen.getByLabelText('Environment'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Staging',
      }),
    );

    await waitFor(() =>
      expect(page.fake.getDashboard).toHaveBeenLastCalledWith('staging'),
    );
    expect(page.location()).toBe('/integrations/dashboard?environment=staging');
  });

  it.each([
    ['/integrations?tab=overview', '/integrations/dashboard'],
    [
      '/integrations?tab=dashboard&environment=development',
      '/integrations/dashboard?environment=development',
    ],
    ['/integrations?tab=audit', '/integrations/audit'],
    [
      '/integrations?tab=configuration&integration=stripe&environment=production&section=tests',
      '/integrations/config?integration=stripe&environment=production&section=tests',
    ],
  ])('sends the former link %s to %s', async (from, to) => {
    const page = await renderPlugin(from);

    await waitFor(() => expect(page.location()).toBe(to));
  });

  it('opens the editor section named in a former link, and keeps its state in the URL', async () => {
    const page = await renderPlugin(
      '/integrations?tab=configuration&integration=stripe&environment=production&section=tests',
    );

    const editor = await screen.findByRole('dialog', {
      name: /Stripe \(stripe\)/,
    });
    expect(
      await within(editor).findByText('Test runs (0)'),
    ).toBeInTheDocument();

    await userEvent.click(within(editor).getByRole('tab', { name: 'History' }));
    expect(page.location()).toBe(
      '/integrations/config?integration=stripe&environment=production&section=history',
    );

    await userEvent.click(
      within(editor).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(page.location()).toBe('/integrations/config');
  });
});

describe('the Integrations page in the legacy frontend system', () => {
  it('opens on the dashboard, with a tab linking to each sub-page', async () => {
    const page = await renderLegacyPage('/integrations');

    expect(await screen.findByTestId('status-card-stripe')).toBeInTheDocument();
    expect(page.location()).toBe('/integrations/dashboard');
    const tabs = screen.getByRole('tablist', { name: 'Integrations' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(tab => [tab.textContent, tab.getAttribute('href')]),
    ).toEqual([
      ['Dashboard', '/integrations/dashboard'],
      ['Configuration', '/integrations/config'],
      ['Testing', '/integrations/testing'],
      ['Analytics', '/integrations/analytics'],
      ['Errors', '/integrations/errors'],
      ['Webhooks', '/integrations/webhooks'],
      ['Audit', '/integrations/audit'],
    ]);
    expect(
      within(tabs).getByRole('tab', { name: 'Dashboard' }),
    ).toHaveAttribute('aria-selected', 'true');
  });

  it('shows the sub-page a tab links to', async () => {
    const page = await renderLegacyPage('/integrations/dashboard');
    await screen.findByTestId('status-card-stripe');

    await userEvent.click(screen.getByRole('tab', { name: 'Audit' }));

    expect(await screen.findByText('Audit log (0)')).toBeInTheDocument();
    expect(page.location()).toBe('/integrations/audit');
  });

  it('shows an error group at its own URL under the Errors tab, with a way back to the list', async () => {
    const page = await renderLegacyPage(
      '/integrations/errors/p-stripe-auth?severity=high',
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Stripe rejects the API key',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Errors' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(screen.getByRole('link', { name: 'All errors' }));

    expect(
      await screen.findByText(/No error groups match these filters/),
    ).toBeInTheDocument();
    expect(page.location()).toBe('/integrations/errors?severity=high');
  });

  it('sends a former link to the editor on to the configuration page', async () => {
    const page = await renderLegacyPage(
      '/integrations?tab=configuration&integration=stripe&environment=production&section=tests',
    );

    const editor = await screen.findByRole('dialog', {
      name: /Stripe \(stripe\)/,
    });
    expect(
      await within(editor).findByText('Test runs (0)'),
    ).toBeInTheDocument();
    expect(page.location()).toBe(
      '/integrations/config?integration=stripe&environment=production&section=tests',
    );
  });
});
