import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  IntegrationConfig,
  integrationDeletePermission,
  integrationUpdatePermission,
  keysRotatePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  permissions,
  responseError,
  templateOf,
} from '../../../__testUtils__/fixtures';
import {
  ConfigurationEditor,
  ConfigurationEditorProps,
} from './ConfigurationEditor';

jest.setTimeout(20_000);

function apiFor(configs: IntegrationConfig[]) {
  return fakeIntegrationsApi({
    getConfig: async (_name, environment) =>
      configs.filter(c => !environment || c.environment === environment),
    listConfigs: async () => ({ items: configs, totalCount: configs.length }),
    listTemplates: async () => [templateOf('stripe'), templateOf('paypal')],
  });
}

async function renderEditor(
  api: IntegrationsApi,
  props: Partial<ConfigurationEditorProps> & { name: string },
  permissionApi = allowEverything(),
) {
  const handlers = {
    onNavigate: jest.fn(),
    onClose: jest.fn(),
    onChanged: jest.fn(),
  };
  await renderInTestApp(
    <ConfigurationEditor section="settings" {...handlers} {...props} />,
    { apis: [[integrationsApiRef, api], permissionApi] },
  );
  return handlers;
}

describe('ConfigurationEditor', () => {
  it('disables every control the user may not use and says why', async () => {
    const production = integrationConfig({
      name: 'stripe-restricted',
      environment: 'production',
    });
    const api = apiFor([production]);
    await renderEditor(
      api,
      { name: 'stripe-restricted', environment: 'production' },
      permissions(
        name =>
          name !== integrationUpdatePermission.name &&
          name !== integrationDeletePermission.name,
      ),
    );

    const preview = await screen.findByRole('button', { name: 'Preview' });
    await waitFor(() =>
      expect(
        screen.getByText(
          'Read only: You may not change production settings of integrations you do not administer.',
        ),
      ).toBeInTheDocument(),
    );
    expect(preview).toBeDisabled();
    expect(screen.getByLabelText('Timeout (ms)')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Copy from…' })).toBeDisabled();

    await userEvent.hover(preview.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not change production settings of integrations you do not administer',
    );

    const remove = screen.getByRole('button', { name: 'Delete integration' });
    expect(remove).toBeDisabled();
    await userEvent.unhover(preview.parentElement!);
    await userEvent.hover(remove.parentElement!);
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        'You may not delete or restore stripe-restricted: that takes the delete permission in every environment',
      ),
    );
  });

  it('asks for the resource permission of this integration in this environment', async () => {
    const staging = integrationConfig({
      name: 'paypal-eu',
      provider: 'paypal',
      environment: 'staging',
      authConfig: { type: 'oauth2', scopes: [] },
    });
    const authorize = jest.fn(
      (permission: string, resourceRef?: string) =>
        permission !== integrationUpdatePermission.name ||
        resourceRef !== 'paypal-eu:staging',
    );
    await renderEditor(
      apiFor([staging]),
      { name: 'paypal-eu', environment: 'staging' },
      permissions(authorize),
    );

    expect(
      await screen.findByText(
        'Read only: You may not change the staging settings of paypal-eu.',
      ),
    ).toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith(
      integrationUpdatePermission.name,
      'paypal-eu:staging',
    );
  });

  it('shows an environment tab per environment and switches through the URL', async () => {
    const configs = [
      integrationConfig({ name: 'stripe-tabs', environment: 'development' }),
      integrationConfig({ name: 'stripe-tabs', environment: 'production' }),
    ];
    const { onNavigate } = await renderEditor(apiFor(configs), {
      name: 'stripe-tabs',
      environment: 'production',
    });

    const tabs = await screen.findByRole('tablist', { name: 'Environment' });
    expect(
      within(tabs).getByRole('tab', { name: 'Production' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      within(tabs).getByRole('tab', { name: 'Staging (not configured)' }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(tabs).getByRole('tab', { name: 'Development' }),
    );
    expect(onNavigate).toHaveBeenCalledWith('development', 'settings');

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(onNavigate).toHaveBeenCalledWith('production', 'history');
  });

  it('shows the credentials of the selected environment in the Credentials section', async () => {
    const config = integrationConfig({ name: 'stripe-keys' });
    const api = apiFor([config]);
    api.getCredentials.mockResolvedValue({
      name: 'stripe-keys',
      environment: 'production',
      fields: [
        { field: 'secretKey', label: 'Secret key', secret: true, set: false },
      ],
    });
    await renderEditor(
      api,
      {
        name: 'stripe-keys',
        environment: 'production',
        section: 'credentials',
      },
      permissions(name => name !== keysRotatePermission.name),
    );

    expect(
      await screen.findByRole('group', { name: 'Secret key' }),
    ).toHaveTextContent('not set');
    expect(screen.getByRole('tab', { name: 'Credentials' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(api.getCredentials).toHaveBeenCalledWith(
      'stripe-keys',
      'production',
    );
    expect(screen.queryByText(/Encryption keys/)).not.toBeInTheDocument();
  });

  it('deletes after confirmation', async () => {
    const config = integrationConfig({ name: 'stripe-old' });
    const api = apiFor([config]);
    api.deleteIntegration.mockImplementation(async () => {
      api.getConfig.mockResolvedValue([{ ...config, deleted: true }]);
    });
    const { onChanged } = await renderEditor(api, {
      name: 'stripe-old',
      environment: 'production',
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete integration' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete stripe-old?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );

    expect(
      await screen.findByText(
        'Deleted stripe-old. Its history is kept, and it can be restored.',
      ),
    ).toBeInTheDocument();
    expect(api.deleteIntegration).toHaveBeenCalledWith('stripe-old');
    expect(onChanged).toHaveBeenCalled();
    expect(
      await screen.findByRole('button', { name: 'Restore stripe-old' }),
    ).toBeInTheDocument();
  });

  it('shows a deleted integration read only and restores it', async () => {
    const config = integrationConfig({ name: 'stripe-gone', deleted: true });
    const api = apiFor([config]);
    api.restoreIntegration.mockImplementation(async () => {
      const restored = { ...config, deleted: undefined };
      api.getConfig.mockResolvedValue([restored]);
      return [restored];
    });
    await renderEditor(api, { name: 'stripe-gone', environment: 'production' });

    expect(
      await screen.findByText('stripe-gone is deleted'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Read only: stripe-gone is deleted; restore it to change it.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Timeout (ms)')).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'Delete integration' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Restore stripe-gone' }),
    );

    expect(
      await screen.findByText('Restored stripe-gone.'),
    ).toBeInTheDocument();
    expect(api.restoreIntegration).toHaveBeenCalledWith('stripe-gone');
    await waitFor(() =>
      expect(screen.getByLabelText('Timeout (ms)')).toBeEnabled(),
    );
  });

  it('says when there is no such integration', async () => {
    const api = fakeIntegrationsApi({
      getConfig: async () => {
        throw await responseError(
          404,
          'NotFoundError',
          'No integration is named gone',
        );
      },
    });
    await renderEditor(api, { name: 'gone', environment: 'production' });

    expect(
      await screen.findByText(/No integration is named gone/),
    ).toBeInTheDocument();
  });

  it('reports a save with the new version', async () => {
    const config = integrationConfig({ name: 'stripe-save' });
    const saved = integrationConfig({
      name: 'stripe-save',
      enabled: false,
      metadata: { ...config.metadata, version: 4 },
    });
    const api = apiFor([config]);
    api.updateConfig.mockImplementation(async (_n, _e, _r, options) => ({
      dryRun: Boolean(options?.dryRun),
      config: saved,
      changes: [
        { path: 'enabled', kind: 'changed', before: true, after: false },
      ],
    }));
    const { onChanged } = await renderEditor(api, {
      name: 'stripe-save',
      environment: 'production',
    });

    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Enabled' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByRole('dialog', {
      name: /Preview changes/,
    });
    api.getConfig.mockResolvedValue([saved]);
    await userEvent.click(
      within(preview).getByRole('button', { name: 'Save' }),
    );

    expect(
      await screen.findByText(
        'Saved version 4 of the production configuration.',
      ),
    ).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
    // Said where the user is looking, too: at the bottom of the screen.
    expect(screen.getByText('Saved version 4')).toBeInTheDocument();

    // The notice belongs to the settings; it does not follow into History.
    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(
      screen.queryByText('Saved version 4 of the production configuration.'),
    ).not.toBeInTheDocument();
  });
});
