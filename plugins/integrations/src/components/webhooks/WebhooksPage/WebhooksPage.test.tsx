import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  permissions,
  responseError,
} from '../../../__testUtils__/fixtures';
import { fakeSignalApi } from '../../../__testUtils__/healthFixtures';
import {
  ENDPOINT_ID,
  EVENT_TYPES,
  webhookDelivery,
  webhookEndpoint,
} from '../../../__testUtils__/webhookFixtures';
import { rootRouteRef } from '../../../routes';
import { WebhooksPage } from './WebhooksPage';

jest.setTimeout(30_000);

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function renderPage(
  overrides: Partial<IntegrationsApi> = {},
  permissionApi = allowEverything(),
) {
  const configs = [integrationConfig()];
  const api = fakeIntegrationsApi({
    listConfigs: async () => ({ items: configs, totalCount: 1 }),
    listWebhookEndpoints: async () => ({ items: [webhookEndpoint()] }),
    listWebhookEventTypes: async () => ({ items: EVENT_TYPES }),
    ...overrides,
  });
  const signals = fakeSignalApi();
  await renderInTestApp(<WebhooksPage />, {
    apis: [
      [integrationsApiRef, api],
      [signalApiRef, signals.api],
      permissionApi,
    ],
    mountedRoutes: { '/integrations': rootRouteRef },
  });
  return { api, signals };
}

async function choose(
  label: string,
  option: string,
  scope: Pick<typeof screen, 'getByLabelText'> = screen,
) {
  await userEvent.click(scope.getByLabelText(label));
  await userEvent.click(
    within(screen.getByRole('listbox')).getByRole('option', { name: option }),
  );
}

async function fillNewEndpoint() {
  const create = () => screen.getByRole('button', { name: 'New endpoint' });
  await waitFor(() => expect(create()).toBeEnabled());
  await userEvent.click(create());
  const dialog = screen.getByRole('dialog', { name: 'New webhook endpoint' });
  await choose('Integration', 'stripe', within(dialog));
  await userEvent.type(within(dialog).getByLabelText('Name'), 'Ops pager');
  await userEvent.type(
    within(dialog).getByLabelText('URL'),
    'https://ops.example.com/hooks',
  );
  await userEvent.click(
    within(dialog).getByLabelText('Alert raised (alert.raised)'),
  );
  await userEvent.click(
    within(dialog).getByRole('button', { name: 'Create endpoint' }),
  );
  return dialog;
}

async function openDeliveryLog() {
  await userEvent.click(await screen.findByRole('tab', { name: 'Deliveries' }));
  return screen.findByRole('table', { name: 'Webhook deliveries' });
}

describe('WebhooksPage endpoints', () => {
  it('lists the endpoints with their status and delivery figures', async () => {
    await renderPage({
      listWebhookEndpoints: async () => ({
        items: [
          webhookEndpoint(),
          webhookEndpoint({
            id: 'e-2',
            name: 'Old CRM',
            status: 'disabled',
            disabledReason: 'The endpoint answered 410 Gone',
          }),
        ],
      }),
    });

    const table = await screen.findByRole('table', {
      name: 'Webhook endpoints',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('Active')).toBeInTheDocument();
    expect(within(rows[0]).getByText('90.0 %')).toBeInTheDocument();
    expect(within(rows[0]).getByText('340 ms')).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('Disabled: The endpoint answered 410 Gone'),
    ).toBeInTheDocument();
  });

  it('shows the signing secret of a new endpoint once, with the warning', async () => {
    const { api } = await renderPage({
      createWebhookEndpoint: async request => ({
        endpoint: webhookEndpoint({ name: request.name }),
        signingSecret: SECRET,
      }),
    });

    await fillNewEndpoint();

    expect(api.createWebhookEndpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        integration: 'stripe',
        name: 'Ops pager',
        url: 'https://ops.example.com/hooks',
        events: ['alert.raised'],
        environments: ['development', 'staging', 'production'],
      }),
    );
    const secretDialog = await screen.findByRole('dialog', {
      name: 'Signing secret of Ops pager',
    });
    expect(
      within(secretDialog).getByText('You will not see this secret again'),
    ).toBeInTheDocument();
    expect(within(secretDialog).getByLabelText('Signing secret')).toHaveValue(
      SECRET,
    );

    await userEvent.click(
      within(secretDialog).getByRole('button', { name: 'I have stored it' }),
    );
    await waitFor(() =>
      expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument(),
    );
  });

  it('shows a field the backend refused next to that field and keeps the form', async () => {
    await renderPage({
      createWebhookEndpoint: async () => {
        throw await responseError(
          400,
          'InputError',
          'Invalid request. url: The address resolves to a private network',
          [
            {
              path: 'url',
              message: 'The address resolves to a private network',
            },
          ],
        );
      },
    });

    const dialog = await fillNewEndpoint();

    const url = within(dialog).getByLabelText('URL');
    await waitFor(() =>
      expect(url).toHaveAccessibleDescription(
        'The address resolves to a private network',
      ),
    );
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Ops pager');
  });

  it('disables what the user may not do, saying which permission it takes', async () => {
    await renderPage(
      {},
      permissions(name => name === 'integrations.webhooks.read'),
    );

    const create = () => screen.getByRole('button', { name: 'New endpoint' });
    await screen.findByRole('table', { name: 'Webhook endpoints' });
    await waitFor(() => expect(create()).toBeDisabled());

    await userEvent.hover(create().parentElement!);

    expect(
      await screen.findByText(
        'You may not add webhook endpoints to any integration: that takes the integrations.webhooks.manage permission',
      ),
    ).toBeInTheDocument();
  });
});

describe('WebhooksPage delivery log', () => {
  it('asks for the deliveries matching the filters, from the first page', async () => {
    const { api } = await renderPage({
      listWebhookDeliveries: async () => ({
        items: [webhookDelivery()],
        totalCount: 1,
      }),
    });
    const table = await openDeliveryLog();
    expect(within(table).getByText('Billing alerts')).toBeInTheDocument();
    expect(within(table).getByText('8/8')).toBeInTheDocument();
    expect(api.listWebhookDeliveries).toHaveBeenCalledWith({
      limit: 25,
      offset: 0,
    });

    await choose('Status', 'Failed');
    await choose('Endpoint', 'Billing alerts (stripe)');

    await waitFor(() =>
      expect(api.listWebhookDeliveries).toHaveBeenLastCalledWith({
        endpoint: ENDPOINT_ID,
        status: 'failed',
        limit: 25,
        offset: 0,
      }),
    );
  });

  it('loads the log again when the backend signals a delivery', async () => {
    const { api, signals } = await renderPage({
      listWebhookDeliveries: async () => ({
        items: [webhookDelivery()],
        totalCount: 1,
      }),
    });
    await openDeliveryLog();
    const calls = api.listWebhookDeliveries.mock.calls.length;

    signals.publishWebhook({
      kind: 'delivery',
      integration: 'stripe',
      id: 'd-2',
    });

    await waitFor(() =>
      expect(api.listWebhookDeliveries.mock.calls.length).toBeGreaterThan(
        calls,
      ),
    );
  });

  it('explains why the payloads are missing, and retries the delivery', async () => {
    const { api } = await renderPage({
      listWebhookDeliveries: async () => ({
        items: [webhookDelivery()],
        totalCount: 1,
      }),
      getWebhookDelivery: async () => webhookDelivery(),
      retryWebhookDelivery: async () => webhookDelivery({ status: 'pending' }),
    });
    const table = await openDeliveryLog();

    await userEvent.click(within(table).getByText('alert.raised'));
    const dialog = await screen.findByRole('dialog', {
      name: 'alert.raised to Billing alerts',
    });
    expect(
      within(dialog).getByText(/integrations\.webhooks\.payloads\.read/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('table', { name: 'Attempts' }),
    ).toHaveTextContent('Internal Server Error');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retry now' }),
    );

    expect(api.retryWebhookDelivery).toHaveBeenCalledWith('d-1');
  });

  it('shows what was sent and answered to those who may read payloads', async () => {
    await renderPage({
      listWebhookDeliveries: async () => ({
        items: [webhookDelivery()],
        totalCount: 1,
      }),
      getWebhookDelivery: async () =>
        webhookDelivery({
          payload: {
            headers: { 'webhook-id': 'msg_1' },
            body: { type: 'alert.raised' },
          },
          delivery: {
            success: false,
            responseTime: 250,
            httpStatus: 500,
            responseBody: 'upstream exploded',
          },
        }),
    });
    const table = await openDeliveryLog();

    await userEvent.click(within(table).getByText('alert.raised'));

    expect(await screen.findByLabelText('Request headers')).toHaveTextContent(
      'webhook-id: msg_1',
    );
    expect(screen.getByLabelText('Response body')).toHaveTextContent(
      'upstream exploded',
    );
    expect(screen.queryByText('Payloads are hidden')).not.toBeInTheDocument();
  });
});
