import { renderInTestApp } from '@backstage/frontend-test-utils';
import { InboundDelivery } from '@internal/plugin-integrations-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import { fakeIntegrationsApi } from '../../../__testUtils__/fixtures';
import { fakeSignalApi } from '../../../__testUtils__/healthFixtures';
import { InboundLog } from './InboundLog';

jest.setTimeout(30_000);

function inbound(overrides: Partial<InboundDelivery> = {}): InboundDelivery {
  return {
    id: 'in-1',
    integration: 'stripe',
    environment: 'production',
    scheme: 'stripe',
    receivedAt: new Date(Date.now() - 120_000).toISOString(),
    verification: 'verified',
    providerEventId: 'evt_1QX2',
    eventType: 'invoice.paid',
    responseStatus: 200,
    topic: 'integrations.stripe',
    size: 512,
    ...overrides,
  };
}

const VERIFIED = inbound({ body: { id: 'evt_1QX2', type: 'invoice.paid' } });
const REJECTED = inbound({
  id: 'in-2',
  verification: 'rejected',
  reason: 'The signature does not match',
  providerEventId: undefined,
  eventType: undefined,
  responseStatus: 400,
  topic: undefined,
});

async function renderLog(overrides: Partial<IntegrationsApi> = {}) {
  const api = fakeIntegrationsApi({
    listInboundDeliveries: async () => ({
      items: [VERIFIED, REJECTED],
      totalCount: 2,
    }),
    ...overrides,
  });
  await renderInTestApp(<InboundLog integrations={['github', 'stripe']} />, {
    apis: [
      [integrationsApiRef, api],
      [signalApiRef, fakeSignalApi().api],
    ],
  });
  return api;
}

describe('InboundLog', () => {
  it('lists the webhooks received with how each was verified', async () => {
    await renderLog();

    const table = await screen.findByRole('table', {
      name: 'Inbound webhooks',
    });
    const [verified, rejected] = within(table).getAllByRole('row').slice(1);
    expect(within(verified).getByText('Verified')).toBeInTheDocument();
    expect(within(verified).getByText('evt_1QX2')).toBeInTheDocument();
    expect(within(verified).getByText('invoice.paid')).toBeInTheDocument();
    expect(within(verified).getByText('200')).toBeInTheDocument();
    expect(within(rejected).getByText('Rejected')).toBeInTheDocument();
    expect(
      within(rejected).getByText('The signature does not match'),
    ).toBeInTheDocument();
    expect(within(rejected).getByText('400')).toBeInTheDocument();
  });

  it('asks for the webhooks matching the filters, from the first page', async () => {
    const api = await renderLog();
    await screen.findByRole('table', { name: 'Inbound webhooks' });
    expect(api.listInboundDeliveries).toHaveBeenCalledWith({
      limit: 25,
      offset: 0,
    });

    await userEvent.click(screen.getByLabelText('Verification'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Rejected',
      }),
    );
    await userEvent.click(screen.getByLabelText('Integration'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'stripe',
      }),
    );

    await waitFor(() =>
      expect(api.listInboundDeliveries).toHaveBeenLastCalledWith({
        integration: 'stripe',
        verification: 'rejected',
        limit: 25,
        offset: 0,
      }),
    );
  });

  it('says when no webhook matches the filters', async () => {
    await renderLog({
      listInboundDeliveries: async query => ({
        items: query?.verification ? [] : [VERIFIED],
        totalCount: query?.verification ? 0 : 1,
      }),
    });
    await screen.findByRole('table', { name: 'Inbound webhooks' });

    await userEvent.click(screen.getByLabelText('Verification'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Duplicate',
      }),
    );

    expect(
      await screen.findByText(/No webhooks received that match these filters/),
    ).toBeInTheDocument();
  });

  it('shows the body of a verified webhook and the topic it went to', async () => {
    await renderLog();
    const table = await screen.findByRole('table', {
      name: 'Inbound webhooks',
    });

    await userEvent.click(within(table).getByText('evt_1QX2'));

    const dialog = screen.getByRole('dialog', {
      name: 'invoice.paid from stripe',
    });
    expect(within(dialog).getByLabelText('Body')).toHaveTextContent(
      '"type": "invoice.paid"',
    );
    expect(dialog).toHaveTextContent(
      'Published on the events topic integrations.stripe',
    );
  });

  it('explains why the body of a rejected webhook is missing', async () => {
    await renderLog();
    const table = await screen.findByRole('table', {
      name: 'Inbound webhooks',
    });

    await userEvent.click(
      within(table).getByText('The signature does not match'),
    );

    const dialog = screen.getByRole('dialog', { name: 'Webhook from stripe' });
    expect(within(dialog).getByText('The body is hidden')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('A rejected webhook’s body is not kept.');
    expect(dialog).toHaveTextContent('integrations.webhooks.payloads.read');
    expect(within(dialog).queryByLabelText('Body')).not.toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('says why a verified body is hidden from those who may not read payloads', async () => {
    await renderLog({
      listInboundDeliveries: async () => ({
        items: [inbound()],
        totalCount: 1,
      }),
    });
    const table = await screen.findByRole('table', {
      name: 'Inbound webhooks',
    });

    await userEvent.click(within(table).getByText('evt_1QX2'));

    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('The body is hidden')).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent('body is not kept');
  });
});
