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
  });
}

async function renderPage(url = '/integrations') {
  const result = await renderInTestApp(<IntegrationsContent />, {
    apis: [[integrationsApiRef, api()], allowEverything()],
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
  it('opens on the overview', async () => {
    await renderPage();

    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByText('Integrations (1)')).toBeInTheDocument();
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

    await userEvent.click(
      within(editor).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(page.location()).toBe('/integrations?tab=configuration');
  });
});
