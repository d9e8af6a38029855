import { WebhookEventTypeDescriptor } from '@internal/plugin-integrations-common';
import { IntegrationsApi } from '../../../api';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { responseError } from '../../../__testUtils__/fixtures';
import {
  chooseEndpointAction,
  renderEndpointsPanel,
} from '../../../__testUtils__/renderEndpointsPanel';
import {
  ENDPOINT_ID,
  webhookDelivery,
  webhookEndpoint,
} from '../../../__testUtils__/webhookFixtures';

jest.setTimeout(30_000);

const SECRET = 'whsec_9XvPq2Lr7TnKdW4sYbF1cH8mJ0eZgA3u';

/** Sets a `datetime-local` field, which user-event cannot type into. */
function setTime(scope: HTMLElement, label: string, value: string) {
  fireEvent.change(within(scope).getByLabelText(label), {
    target: { value },
  });
}

describe('Replay and retry of failed deliveries', () => {
  it('replays every event since the time chosen and reports how many were queued', async () => {
    const { api, onChanged } = await renderEndpointsPanel({
      api: { replayWebhookEvents: async () => ({ queued: 12 }) },
    });

    await chooseEndpointAction('Billing alerts', 'Replay events since…');
    const dialog = screen.getByRole('dialog', {
      name: 'Replay events to Billing alerts',
    });
    const replay = within(dialog).getByRole('button', { name: 'Replay' });
    expect(replay).toBeDisabled();

    setTime(dialog, 'Since', '2026-12-01T10:30');
    await userEvent.click(replay);

    expect(api.replayWebhookEvents).toHaveBeenCalledWith(ENDPOINT_ID, {
      since: new Date('2026-12-01T10:30').toISOString(),
    });
    expect(
      await screen.findByText('12 deliveries queued to Billing alerts.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('keeps the replay dialog open with the reason when the backend refuses', async () => {
    await renderEndpointsPanel({
      api: {
        replayWebhookEvents: async () => {
          throw await responseError(
            400,
            'InputError',
            'A replay reaches back 30 days at most',
          );
        },
      },
    });

    await chooseEndpointAction('Billing alerts', 'Replay events since…');
    const dialog = screen.getByRole('dialog');
    setTime(dialog, 'Since', '2025-01-01T00:00');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Replay' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A replay reaches back 30 days at most',
    );
  });

  it('retries the failed deliveries of a range, up to now when no end is given', async () => {
    const { api } = await renderEndpointsPanel({
      api: { retryFailedDeliveries: async () => ({ queued: 3 }) },
    });

    await chooseEndpointAction('Billing alerts', 'Retry failed deliveries…');
    const dialog = screen.getByRole('dialog', {
      name: 'Retry failed deliveries to Billing alerts',
    });
    const retry = within(dialog).getByRole('button', { name: 'Retry failed' });
    expect(retry).toBeDisabled();
    expect(dialog).toHaveTextContent('Now when empty');

    setTime(dialog, 'From', '2026-12-01T08:00');
    await userEvent.click(retry);

    expect(api.retryFailedDeliveries).toHaveBeenCalledWith(ENDPOINT_ID, {
      from: new Date('2026-12-01T08:00').toISOString(),
      to: undefined,
    });
    expect(
      await screen.findByText('3 failed deliveries queued again.'),
    ).toBeInTheDocument();
  });

  it('sends the end of the range when one is given', async () => {
    const { api } = await renderEndpointsPanel({
      api: { retryFailedDeliveries: async () => ({ queued: 0 }) },
    });

    await chooseEndpointAction('Billing alerts', 'Retry failed deliveries…');
    const dialog = screen.getByRole('dialog');
    setTime(dialog, 'From', '2026-12-01T08:00');
    setTime(dialog, 'To', '2026-12-01T09:15');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retry failed' }),
    );

    expect(api.retryFailedDeliveries).toHaveBeenCalledWith(ENDPOINT_ID, {
      from: new Date('2026-12-01T08:00').toISOString(),
      to: new Date('2026-12-01T09:15').toISOString(),
    });
  });
});

describe('Test events', () => {
  const eventTypes: WebhookEventTypeDescriptor[] = [
    {
      type: 'alert.raised',
      title: 'Alert raised',
      description: 'An alert was raised for an integration.',
      schema: { type: 'object' },
      example: { integration: 'stripe', title: 'Error rate above 5 %' },
    },
    {
      type: 'alert.resolved',
      title: 'Alert resolved',
      description: 'An alert cleared.',
      schema: { type: 'object' },
      example: { integration: 'stripe', resolvedBy: 'user:default/ada' },
    },
  ];
  const endpoint = webhookEndpoint({
    events: ['alert.raised', 'alert.resolved'],
    environments: ['staging', 'production'],
  });

  async function openTestSend(api: Partial<IntegrationsApi> = {}) {
    const rendered = await renderEndpointsPanel({
      api,
      endpoints: [endpoint],
      eventTypes,
    });
    await chooseEndpointAction('Billing alerts', 'Send test event');
    const dialog = screen.getByRole('dialog', {
      name: 'Send a test event to Billing alerts',
    });
    return { ...rendered, dialog };
  }

  it("starts from the event type's example and follows the type chosen", async () => {
    const { dialog } = await openTestSend();
    const data = within(dialog).getByLabelText('Data (JSON)');
    expect(JSON.parse((data as HTMLTextAreaElement).value)).toEqual(
      eventTypes[0].example,
    );

    await userEvent.click(within(dialog).getByLabelText('Event type'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'alert.resolved',
      }),
    );

    expect(JSON.parse((data as HTMLTextAreaElement).value)).toEqual(
      eventTypes[1].example,
    );
  });

  it('says what is wrong with the data and will not send it', async () => {
    const { dialog, api } = await openTestSend();
    const data = within(dialog).getByLabelText('Data (JSON)');
    const send = within(dialog).getByRole('button', {
      name: 'Send test event',
    });

    fireEvent.change(data, { target: { value: '{"title": ' } });
    expect(data).toHaveAccessibleDescription(/^Not valid JSON: /);
    expect(data).toHaveAttribute('aria-invalid', 'true');
    expect(send).toBeDisabled();

    fireEvent.change(data, { target: { value: '[1, 2]' } });
    expect(data).toHaveAccessibleDescription('The data must be a JSON object');
    expect(send).toBeDisabled();

    expect(api.sendTestWebhook).not.toHaveBeenCalled();
  });

  it('sends the event with the edited data and shows what the endpoint answered', async () => {
    const { dialog, api } = await openTestSend({
      sendTestWebhook: async () =>
        webhookDelivery({
          status: 'delivered',
          delivery: { success: true, responseTime: 87, httpStatus: 204 },
        }),
    });

    await userEvent.click(within(dialog).getByLabelText('Environment'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Production',
      }),
    );
    fireEvent.change(within(dialog).getByLabelText('Data (JSON)'), {
      target: { value: '{"integration": "stripe", "title": "Drill"}' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send test event' }),
    );

    expect(api.sendTestWebhook).toHaveBeenCalledWith(ENDPOINT_ID, {
      event: 'alert.raised',
      environment: 'production',
      data: { integration: 'stripe', title: 'Drill' },
    });
    expect(
      await within(dialog).findByText('The endpoint accepted it'),
    ).toBeInTheDocument();
    const outcome = within(dialog).getByLabelText('Test delivery');
    expect(outcome).toHaveTextContent('204');
    expect(outcome).toHaveTextContent('87 ms');
  });

  it('shows a data field the schema refused under the editor', async () => {
    const { dialog } = await openTestSend({
      sendTestWebhook: async () => {
        throw await responseError(400, 'InputError', 'Invalid request', [
          { path: 'data.title', message: 'Expected string' },
        ]);
      },
    });

    fireEvent.change(within(dialog).getByLabelText('Data (JSON)'), {
      target: { value: '{"title": 5}' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send test event' }),
    );

    await waitFor(() =>
      expect(
        within(dialog).getByLabelText('Data (JSON)'),
      ).toHaveAccessibleDescription('data.title: Expected string'),
    );
    expect(
      within(dialog).queryByText('The test event was not sent'),
    ).not.toBeInTheDocument();
  });
});

describe('Secret rotation', () => {
  it('rotates with the grace hours chosen and shows the new secret once', async () => {
    const graceUntil = '2026-12-08T09:00:00.000Z';
    const { api, onChanged } = await renderEndpointsPanel({
      api: {
        rotateWebhookSecret: async () => ({
          endpoint: webhookEndpoint({
            security: {
              ...webhookEndpoint().security,
              previousSecretExpiresAt: graceUntil,
            },
          }),
          signingSecret: SECRET,
        }),
      },
    });

    await chooseEndpointAction('Billing alerts', 'Rotate signing secret');
    const dialog = screen.getByRole('dialog', {
      name: 'Rotate the signing secret of Billing alerts',
    });
    const hours = within(dialog).getByLabelText('Grace period (hours)');
    expect(hours).toHaveValue(24);
    const rotate = within(dialog).getByRole('button', {
      name: 'Rotate secret',
    });

    await userEvent.clear(hours);
    await userEvent.type(hours, '169');
    expect(rotate).toBeDisabled();
    expect(hours).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(hours);
    await userEvent.type(hours, '2');
    await userEvent.click(rotate);

    expect(api.rotateWebhookSecret).toHaveBeenCalledWith(ENDPOINT_ID, {
      graceHours: 2,
    });
    const secretDialog = await screen.findByRole('dialog', {
      name: 'Signing secret of Billing alerts',
    });
    expect(within(secretDialog).getByLabelText('Signing secret')).toHaveValue(
      SECRET,
    );
    expect(secretDialog).toHaveTextContent(
      'deliveries are signed with both this and the previous secret',
    );
    expect(onChanged).toHaveBeenCalled();

    await userEvent.click(
      within(secretDialog).getByRole('button', { name: 'I have stored it' }),
    );
    await waitFor(() =>
      expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument(),
    );
  });

  it('shows a grace period the backend refused next to the field', async () => {
    await renderEndpointsPanel({
      api: {
        rotateWebhookSecret: async () => {
          throw await responseError(400, 'InputError', 'Invalid request', [
            { path: 'graceHours', message: 'The endpoint is already rotating' },
          ]);
        },
      },
    });

    await chooseEndpointAction('Billing alerts', 'Rotate signing secret');
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rotate secret' }),
    );

    await waitFor(() =>
      expect(
        within(dialog).getByLabelText('Grace period (hours)'),
      ).toHaveAccessibleDescription('The endpoint is already rotating'),
    );
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
