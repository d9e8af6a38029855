import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  chooseEndpointAction,
  renderEndpointsPanel,
} from '../../../__testUtils__/renderEndpointsPanel';
import { responseError } from '../../../__testUtils__/fixtures';
import {
  ENDPOINT_ID,
  webhookEndpoint,
} from '../../../__testUtils__/webhookFixtures';

jest.setTimeout(30_000);

describe('EndpointsPanel', () => {
  it('pauses an active endpoint and says so', async () => {
    const { api, onChanged } = await renderEndpointsPanel({
      api: {
        updateWebhookEndpoint: async () =>
          webhookEndpoint({ active: false, status: 'paused' }),
      },
    });

    await chooseEndpointAction('Billing alerts', 'Pause');

    expect(api.updateWebhookEndpoint).toHaveBeenCalledWith(ENDPOINT_ID, {
      active: false,
    });
    expect(
      await screen.findByText('Billing alerts paused.'),
    ).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('resumes a paused endpoint', async () => {
    const { api } = await renderEndpointsPanel({
      endpoints: [webhookEndpoint({ active: false, status: 'paused' })],
      api: { updateWebhookEndpoint: async () => webhookEndpoint() },
    });

    await chooseEndpointAction('Billing alerts', 'Resume');

    expect(api.updateWebhookEndpoint).toHaveBeenCalledWith(ENDPOINT_ID, {
      active: true,
    });
    expect(
      await screen.findByText('Billing alerts resumed.'),
    ).toBeInTheDocument();
  });

  it('says why a pause was refused', async () => {
    const { onChanged } = await renderEndpointsPanel({
      api: {
        updateWebhookEndpoint: async () => {
          throw await responseError(
            403,
            'NotAllowedError',
            'You may not manage the webhooks of stripe',
          );
        },
      },
    });

    await chooseEndpointAction('Billing alerts', 'Pause');

    expect(
      await screen.findByText('The change was not made'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/You may not manage the webhooks of stripe/),
    ).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes an endpoint only after the user confirms', async () => {
    const { api, onChanged } = await renderEndpointsPanel({
      api: { deleteWebhookEndpoint: async () => undefined },
    });

    await chooseEndpointAction('Billing alerts', 'Delete');
    const dialog = screen.getByRole('dialog', {
      name: 'Delete Billing alerts?',
    });
    expect(dialog).toHaveTextContent(
      'https://billing.example.com/hooks receives no more events',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.deleteWebhookEndpoint).not.toHaveBeenCalled();

    await chooseEndpointAction('Billing alerts', 'Delete');
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );

    expect(api.deleteWebhookEndpoint).toHaveBeenCalledWith(ENDPOINT_ID);
    expect(
      await screen.findByText('Billing alerts deleted.'),
    ).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('keeps the delete dialog open with the reason when the delete fails', async () => {
    await renderEndpointsPanel({
      api: {
        deleteWebhookEndpoint: async () => {
          throw await responseError(404, 'NotFoundError', 'No such endpoint');
        },
      },
    });

    await chooseEndpointAction('Billing alerts', 'Delete');
    const dialog = screen.getByRole('dialog', {
      name: 'Delete Billing alerts?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'No such endpoint',
    );
    expect(
      screen.queryByText('Billing alerts deleted.'),
    ).not.toBeInTheDocument();
  });

  it('filters the endpoints by integration', async () => {
    await renderEndpointsPanel({
      endpoints: [
        webhookEndpoint(),
        webhookEndpoint({ id: 'e-2', integration: 'github', name: 'Repo bot' }),
      ],
    });
    expect(screen.getByText('Repo bot')).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Integration'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'stripe',
      }),
    );

    expect(screen.queryByText('Repo bot')).not.toBeInTheDocument();
    expect(screen.getByText('Billing alerts')).toBeInTheDocument();
  });
});
