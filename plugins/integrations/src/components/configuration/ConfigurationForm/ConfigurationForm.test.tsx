import { renderInTestApp } from '@backstage/frontend-test-utils';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
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
import { ConfigurationForm, ConfigurationFormProps } from './ConfigurationForm';

// Every keystroke re-validates the whole form, which jsdom renders slowly.
jest.setTimeout(20_000);

async function renderForm(
  api: IntegrationsApi,
  props: Partial<ConfigurationFormProps> = {},
  permissionApi = allowEverything(),
) {
  const handlers = {
    onSaved: jest.fn(),
    onCopied: jest.fn(),
    onReload: jest.fn(),
  };
  await renderInTestApp(
    <ConfigurationForm
      config={integrationConfig()}
      template={templateOf('stripe')}
      dependencyGraph={new Map([['brevo', []]])}
      copySources={[]}
      {...handlers}
      {...props}
    />,
    { apis: [[integrationsApiRef, api], permissionApi] },
  );
  return handlers;
}

function previewButton() {
  return screen.getByRole('button', { name: 'Preview' });
}

async function replaceValue(label: RegExp | string, value: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  await userEvent.type(input, value);
}

describe('ConfigurationForm', () => {
  it('shows a live validation error under the field and blocks the preview', async () => {
    await renderForm(fakeIntegrationsApi());

    expect(previewButton()).toBeDisabled();
    await replaceValue('Health check interval (seconds)', '10');

    expect(screen.getByText('At least 30 seconds')).toBeInTheDocument();
    expect(screen.getByText('1 problem to fix')).toBeInTheDocument();
    expect(previewButton()).toBeDisabled();
    await userEvent.hover(previewButton().parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Fix 1 problem first',
    );

    await replaceValue('Health check interval (seconds)', '45');
    expect(screen.queryByText('At least 30 seconds')).not.toBeInTheDocument();
    expect(previewButton()).toBeEnabled();
  });

  it('leads from the problem count to the first field in error', async () => {
    await renderForm(fakeIntegrationsApi());
    await replaceValue('Health check interval (seconds)', '10');
    await userEvent.click(screen.getByLabelText('Description'));

    await userEvent.click(
      screen.getByRole('button', { name: '1 problem to fix' }),
    );

    expect(
      screen.getByLabelText('Health check interval (seconds)'),
    ).toHaveFocus();
  });

  it('locks the base URL, saying why, when stored credentials would follow it and the user may not change credentials', async () => {
    const api = fakeIntegrationsApi({
      getCredentials: async (name, environment) => ({
        name,
        environment,
        fields: [
          { field: 'secretKey', label: 'Secret key', secret: true, set: true },
        ],
      }),
    });
    // A configuration no other test asks about: permission answers are
    // cached for a moment by resource, and an earlier test's "allowed" for
    // stripe:production would still stand.
    await renderForm(
      api,
      { config: integrationConfig({ name: 'stripe-eu' }) },
      permissions(
        permission => permission !== 'integrations.credentials.update',
      ),
    );

    await waitFor(() =>
      expect(screen.getByLabelText(/^Base URL/)).toBeDisabled(),
    );
    expect(
      screen.getByText(
        'Only someone allowed to change credentials can point the stored credentials at another host',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Timeout (ms)')).toBeEnabled();
    expect(api.getCredentials).toHaveBeenCalledWith('stripe-eu', 'production');
  });

  it('leaves the base URL open when no credentials are stored', async () => {
    const api = fakeIntegrationsApi({
      getCredentials: async (name, environment) => ({
        name,
        environment,
        fields: [
          { field: 'secretKey', label: 'Secret key', secret: true, set: false },
        ],
      }),
    });
    // Its own configuration, for the same reason as above.
    await renderForm(
      api,
      { config: integrationConfig({ name: 'stripe-us' }) },
      permissions(
        permission => permission !== 'integrations.credentials.update',
      ),
    );

    await waitFor(() => expect(api.getCredentials).toHaveBeenCalled());
    expect(screen.getByLabelText(/^Base URL/)).toBeEnabled();
  });

  it('applies the production rules, such as https only', async () => {
    await renderForm(fakeIntegrationsApi());

    await replaceValue(/^Base URL/, 'http://api.stripe.com');

    expect(
      screen.getByText('Must use https in production'),
    ).toBeInTheDocument();
    expect(previewButton()).toBeDisabled();
  });

  it('validates the provider settings generated from the template schema', async () => {
    await renderForm(fakeIntegrationsApi());

    await replaceValue(/^Default currency/, 'USD');

    expect(
      await screen.findByText(
        'Default currency must be a three-letter ISO 4217 code in lower case, such as usd',
      ),
    ).toBeInTheDocument();
    expect(previewButton()).toBeDisabled();
  });

  it('refuses custom settings nested deeper than the API accepts', async () => {
    await renderForm(fakeIntegrationsApi());

    const input = screen.getByLabelText(/^Custom settings \(JSON\)/);
    await userEvent.clear(input);
    await userEvent.click(input);
    await userEvent.paste(`${'{"level":'.repeat(40)}{}${'}'.repeat(40)}`);

    expect(
      await screen.findByText('Nested more than 32 levels deep'),
    ).toBeInTheDocument();
    expect(previewButton()).toBeDisabled();
  });

  it('previews the diff of a dry run and saves the previewed version', async () => {
    const config = integrationConfig();
    const saved = integrationConfig({
      connectionConfig: { ...config.connectionConfig, timeout: 8000 },
      metadata: { ...config.metadata, version: 4 },
    });
    const api = fakeIntegrationsApi({
      updateConfig: async (_name, _environment, _request, options) => ({
        dryRun: Boolean(options?.dryRun),
        config: saved,
        changes: [
          {
            path: 'connectionConfig.timeout',
            kind: 'changed',
            before: 5000,
            after: 8000,
          },
        ],
      }),
    });
    const { onSaved } = await renderForm(api, { config });

    await replaceValue('Timeout (ms)', '8000');
    await userEvent.click(previewButton());

    const preview = await screen.findByRole('dialog', {
      name: 'Preview changes to Stripe in Production',
    });
    expect(api.updateConfig).toHaveBeenCalledWith(
      'stripe',
      'production',
      {
        version: 3,
        connectionConfig: { ...config.connectionConfig, timeout: 8000 },
      },
      { dryRun: true },
    );
    const row = within(preview)
      .getByText('connectionConfig.timeout')
      .closest('tr')!;
    expect(within(row).getByText('5000')).toBeInTheDocument();
    expect(within(row).getByText('8000')).toBeInTheDocument();

    await userEvent.type(
      within(preview).getByLabelText('Notes (why this change)'),
      'Slow acquirer',
    );
    await userEvent.click(
      within(preview).getByRole('button', { name: 'Save' }),
    );

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(api.updateConfig).toHaveBeenCalledTimes(2);
    expect(api.updateConfig).toHaveBeenLastCalledWith('stripe', 'production', {
      version: 3,
      connectionConfig: { ...config.connectionConfig, timeout: 8000 },
      notes: 'Slow acquirer',
    });
  });

  it('puts the integration in a catalog System, refusing what names none', async () => {
    const api = fakeIntegrationsApi({
      updateConfig: async (_name, _environment, _request, options) => ({
        dryRun: Boolean(options?.dryRun),
        config: integrationConfig({ system: 'web-shop' }),
        changes: [{ path: 'system', kind: 'added', after: 'web-shop' }],
      }),
    });
    await renderForm(api);

    await replaceValue(/^System/, 'web shop');
    expect(
      screen.getByText(
        'Must name a catalog System, e.g. web-shop or system:default/web-shop',
      ),
    ).toBeInTheDocument();
    expect(previewButton()).toBeDisabled();

    await replaceValue(/^System/, 'web-shop');
    await userEvent.click(previewButton());

    await screen.findByRole('dialog');
    expect(api.updateConfig).toHaveBeenCalledWith(
      'stripe',
      'production',
      { version: 3, system: 'web-shop' },
      { dryRun: true },
    );
  });

  it('takes the integration out of its System when the field is emptied', async () => {
    const api = fakeIntegrationsApi({
      updateConfig: async (_name, _environment, _request, options) => ({
        dryRun: Boolean(options?.dryRun),
        config: integrationConfig(),
        changes: [{ path: 'system', kind: 'removed', before: 'web-shop' }],
      }),
    });
    await renderForm(api, {
      config: integrationConfig({ system: 'web-shop' }),
    });

    expect(screen.getByLabelText(/^System/)).toHaveValue('web-shop');
    await userEvent.clear(screen.getByLabelText(/^System/));
    await userEvent.click(previewButton());

    await screen.findByRole('dialog');
    expect(api.updateConfig).toHaveBeenCalledWith(
      'stripe',
      'production',
      { version: 3, system: null },
      { dryRun: true },
    );
  });

  it('says who saved first when the version is stale, and offers a reload', async () => {
    const config = integrationConfig();
    const newer = integrationConfig({
      metadata: {
        ...config.metadata,
        version: 4,
        updatedBy: 'user:default/grace',
      },
    });
    const api = fakeIntegrationsApi({
      updateConfig: async () => {
        throw await responseError(
          409,
          'ConflictError',
          'Version 3 of stripe in production is out of date: version 4 was saved by user:default/grace',
        );
      },
      getConfig: async () => [newer],
    });
    const { onReload } = await renderForm(api, { config });

    await replaceValue('Retry attempts', '5');
    await userEvent.click(previewButton());

    expect(
      await screen.findByText('Someone saved version 4 first'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/grace saved version 4 .*based on version 3/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('shows the field errors of a refused request at their fields', async () => {
    const api = fakeIntegrationsApi({
      updateConfig: async () => {
        throw await responseError(
          400,
          'InputError',
          'Invalid request. owner: No such group in the catalog',
          [{ path: 'owner', message: 'No such group in the catalog' }],
        );
      },
    });
    await renderForm(api);

    await replaceValue('Owner', 'group:default/unknown-team');
    await userEvent.click(previewButton());

    expect(
      await screen.findByText('No such group in the catalog'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Invalid request. owner: No such group in the catalog'),
    ).toBeInTheDocument();
  });

  it('copies another environment after confirming what is not copied', async () => {
    const staging = integrationConfig({
      environment: 'staging',
      connectionConfig: {
        ...integrationConfig().connectionConfig,
        timeout: 9000,
      },
    });
    const result = {
      config: integrationConfig({
        metadata: { ...integrationConfig().metadata, version: 4 },
      }),
      copiedFields: ['connectionConfig'],
      notCopied: [{ field: 'credentials', reason: 'never copied' }],
    };
    const api = fakeIntegrationsApi({ copyConfig: async () => result });
    const { onCopied } = await renderForm(api, { copySources: [staging] });

    await userEvent.click(screen.getByRole('button', { name: 'Copy from…' }));
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Staging (version 3)' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Copy Staging settings into Production?',
    });
    expect(
      within(dialog).getByText('connectionConfig.timeout'),
    ).toBeInTheDocument();
    expect(
      within(
        within(dialog).getByRole('list', { name: 'Not copied' }),
      ).getByText(/Credentials: they are never copied/),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Copy into Production' }),
    );
    await waitFor(() => expect(onCopied).toHaveBeenCalledWith(result, staging));
    expect(api.copyConfig).toHaveBeenCalledWith('stripe', {
      from: 'staging',
      to: 'production',
    });
  });

  it('flags a dependency that would form a cycle', async () => {
    const config: IntegrationConfig = integrationConfig({
      dependencies: ['brevo'],
    });
    await renderForm(fakeIntegrationsApi(), {
      config,
      dependencyGraph: new Map([['brevo', ['stripe']]]),
    });

    expect(
      screen.getByText('Would form a cycle: stripe → brevo → stripe'),
    ).toBeInTheDocument();
  });
});
