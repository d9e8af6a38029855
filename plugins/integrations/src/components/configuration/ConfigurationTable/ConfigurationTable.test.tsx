import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  IntegrationConfig,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  permissions,
} from '../../../__testUtils__/fixtures';
import { catalogEntityRouteRef } from '../../../routes';
import { ConfigurationTable } from './ConfigurationTable';

jest.setTimeout(20_000);

const configs: IntegrationConfig[] = [
  integrationConfig({ name: 'stripe', environment: 'production' }),
  integrationConfig({ name: 'stripe', environment: 'staging' }),
  integrationConfig({
    name: 'brevo',
    displayName: 'Brevo',
    provider: 'brevo',
    category: 'communication',
    environment: 'production',
    metadata: {
      ...integrationConfig().metadata,
      version: 7,
      updatedBy: 'user:default/grace',
    },
  }),
];

function api(overrides: Partial<IntegrationsApi> = {}) {
  return fakeIntegrationsApi({
    listConfigs: async () => ({ items: configs, totalCount: configs.length }),
    ...overrides,
  });
}

function rowOf(name: string, environment: string) {
  return screen
    .getAllByRole('row')
    .find(
      row =>
        within(row).queryByText(`(${name})`) &&
        within(row).queryByText(environment),
    )!;
}

async function select(name: string, environment: string) {
  await userEvent.click(within(rowOf(name, environment)).getByRole('checkbox'));
}

/** Answers the confirmation a bulk change asks first. */
async function confirm(title: string, answer: string) {
  const dialog = await screen.findByRole('dialog', { name: title });
  await waitFor(() =>
    expect(within(dialog).getByRole('button', { name: answer })).toBeEnabled(),
  );
  await userEvent.click(within(dialog).getByRole('button', { name: answer }));
  return dialog;
}

describe('ConfigurationTable', () => {
  it('shows one row per integration and environment', async () => {
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, api()], allowEverything()],
    });

    expect(await screen.findByText('Configurations (3)')).toBeInTheDocument();
    const brevo = rowOf('brevo', 'Production');
    expect(within(brevo).getByText('Communication')).toBeInTheDocument();
    expect(within(brevo).getByText('v7')).toBeInTheDocument();
    expect(within(brevo).getByText('grace')).toBeInTheDocument();
    expect(within(brevo).getByText('Enabled')).toBeInTheDocument();
    expect(within(brevo).getByText('payments-team')).toBeInTheDocument();
  });

  it('sends the filters to the backend', async () => {
    const fake = api();
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await userEvent.click(screen.getByLabelText('Environment'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Staging',
      }),
    );
    await userEvent.type(screen.getByLabelText('Search'), 'pay');

    await waitFor(() =>
      expect(fake.listConfigs).toHaveBeenLastCalledWith({
        environment: 'staging',
        text: 'pay',
        limit: 500,
      }),
    );
  });

  it('opens the editor of a row', async () => {
    const onOpen = jest.fn();
    await renderInTestApp(<ConfigurationTable onOpen={onOpen} />, {
      apis: [[integrationsApiRef, api()], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await userEvent.click(within(rowOf('brevo', 'Production')).getByText('v7'));

    await waitFor(() =>
      expect(onOpen).toHaveBeenCalledWith('brevo', 'production'),
    );
  });

  it('links each row to the integration’s page in the catalog, when the app has one', async () => {
    const onOpen = jest.fn();
    await renderInTestApp(<ConfigurationTable onOpen={onOpen} />, {
      apis: [[integrationsApiRef, api()], allowEverything()],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
      },
    });
    await screen.findByText('Configurations (3)');

    const link = within(rowOf('brevo', 'Production')).getByRole('link', {
      name: 'Brevo in the catalog',
    });
    expect(link).toHaveAttribute('href', '/catalog/default/resource/brevo');
    await userEvent.click(link);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('disables the selected rows in one bulk update and shows each result', async () => {
    const fake = api({
      bulkUpdate: async () => ({
        applied: true,
        results: [
          {
            name: 'stripe',
            environment: 'staging',
            status: 'updated',
            version: 4,
          },
          {
            name: 'brevo',
            environment: 'production',
            status: 'updated',
            version: 8,
          },
        ],
      }),
    });
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await select('stripe', 'Staging');
    await select('brevo', 'Production');
    const disable = screen.getByRole('button', { name: 'Disable' });
    await waitFor(() => expect(disable).toBeEnabled());
    await userEvent.click(disable);
    expect(fake.bulkUpdate).not.toHaveBeenCalled();
    expect(
      await screen.findByRole('dialog', { name: 'Disable 2 configurations?' }),
    ).toHaveTextContent(
      'Stripe in staging, Brevo in production stop being called and checked until enabled again. Settings and credentials are kept.',
    );
    await confirm('Disable 2 configurations?', 'Disable');

    expect(fake.bulkUpdate).toHaveBeenCalledWith({
      stripe: { environment: 'staging', version: 3, enabled: false },
      brevo: { environment: 'production', version: 7, enabled: false },
    });
    const results = await screen.findByRole('list', {
      name: 'Bulk update results',
    });
    expect(
      screen.getByText('Disabled 2 of 2 configurations'),
    ).toBeInTheDocument();
    expect(
      within(results).getByText('stripe (Staging): updated to version 4'),
    ).toBeInTheDocument();
    expect(
      within(results).getByText('brevo (Production): updated to version 8'),
    ).toBeInTheDocument();
    // The selection is cleared in the table as in the toolbar.
    expect(screen.getByText('0 selected')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('checkbox')
          .filter(box => (box as HTMLInputElement).checked),
      ).toEqual([]),
    );
    expect(screen.queryByText(/row\(s\) selected/)).not.toBeInTheDocument();
  });

  it('changes every environment of an integration when all of them are selected', async () => {
    const fake = api({
      bulkUpdate: async () => ({ applied: true, results: [] }),
    });
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await select('stripe', 'Staging');
    await select('stripe', 'Production');
    const enable = screen.getByRole('button', { name: 'Enable' });
    await waitFor(() => expect(enable).toBeEnabled());
    await userEvent.click(enable);
    await confirm('Enable 2 configurations?', 'Enable');

    expect(fake.bulkUpdate).toHaveBeenCalledWith({
      stripe: { enabled: true },
    });
  });

  it('warns when enabling a production configuration that has no credentials', async () => {
    const fake = api({
      bulkUpdate: async () => ({ applied: true, results: [] }),
      getCredentials: async (name, environment) => ({
        name,
        environment,
        fields: [
          { field: 'apiKey', label: 'API key', secret: true, set: false },
        ],
      }),
    });
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await select('brevo', 'Production');
    const enable = screen.getByRole('button', { name: 'Enable' });
    await waitFor(() => expect(enable).toBeEnabled());
    await userEvent.click(enable);

    const dialog = await screen.findByRole('dialog', {
      name: 'Enable Brevo in production?',
    });
    expect(
      await within(dialog).findByText('Production without credentials'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'brevo has no credentials stored for production',
    );
    expect(fake.getCredentials).toHaveBeenCalledWith('brevo', 'production');
    expect(fake.bulkUpdate).not.toHaveBeenCalled();
  });

  it('shows why nothing changed when the bulk update is refused', async () => {
    const fake = api({
      bulkUpdate: async () => ({
        applied: false,
        results: [
          { name: 'stripe', environment: 'staging', status: 'unchanged' },
          {
            name: 'brevo',
            environment: 'production',
            status: 'failed',
            errors: [
              {
                path: 'complianceConfig.auditEnabled',
                message: 'Production requires auditing',
              },
            ],
          },
        ],
      }),
    });
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await select('stripe', 'Staging');
    await select('brevo', 'Production');
    const disable = screen.getByRole('button', { name: 'Disable' });
    await waitFor(() => expect(disable).toBeEnabled());
    await userEvent.click(disable);
    await confirm('Disable 2 configurations?', 'Disable');

    expect(
      await screen.findByText(
        'Nothing was changed: 1 of 2 configurations could not be updated, and a bulk update is all-or-nothing',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'brevo (Production): failed: complianceConfig.auditEnabled: Production requires auditing',
      ),
    ).toBeInTheDocument();
  });

  it('disables bulk changes with the reason when a selected row may not be changed', async () => {
    const fake = api();
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [
        [integrationsApiRef, fake],
        permissions(
          (permission, resourceRef) =>
            permission !== integrationUpdatePermission.name ||
            resourceRef !== 'brevo:production',
        ),
      ],
    });
    await screen.findByText('Configurations (3)');

    await select('brevo', 'Production');
    const disable = screen.getByRole('button', { name: 'Disable' });
    await userEvent.hover(disable.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not change brevo (Production)',
    );
    expect(disable).toBeDisabled();
  });

  it('lists deleted configurations on request and keeps them out of bulk changes', async () => {
    const fake = api({
      listConfigs: async query =>
        query?.includeDeleted
          ? {
              items: [
                ...configs,
                integrationConfig({
                  name: 'paypal',
                  environment: 'production',
                  deleted: true,
                }),
              ],
              totalCount: 4,
            }
          : { items: configs, totalCount: configs.length },
    });
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Configurations (3)');

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show deleted' }),
    );

    expect(await screen.findByText('Configurations (4)')).toBeInTheDocument();
    const paypal = rowOf('paypal', 'Production');
    expect(within(paypal).getByText('Deleted')).toBeInTheDocument();
    await select('paypal', 'Production');
    const enable = screen.getByRole('button', { name: 'Enable' });
    expect(enable).toBeDisabled();
    await userEvent.hover(enable.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Restore paypal before changing it',
    );
  });
});
