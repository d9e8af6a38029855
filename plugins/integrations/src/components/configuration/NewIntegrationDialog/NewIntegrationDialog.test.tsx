import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
  responseError,
  templateOf,
} from '../../../__testUtils__/fixtures';
import { NewIntegrationDialog } from './NewIntegrationDialog';

jest.setTimeout(20_000);

function api(overrides: Partial<IntegrationsApi> = {}) {
  return fakeIntegrationsApi({
    listTemplates: async () => [
      templateOf('stripe'),
      templateOf('paypal'),
      templateOf('linkedin'),
    ],
    ...overrides,
  });
}

async function renderDialog(fake: IntegrationsApi) {
  const handlers = { onClose: jest.fn(), onCreated: jest.fn() };
  await renderInTestApp(<NewIntegrationDialog {...handlers} />, {
    apis: [[integrationsApiRef, fake], allowEverything()],
  });
  return handlers;
}

describe('NewIntegrationDialog', () => {
  it('groups the templates by category and shows auth type and docs of the one picked', async () => {
    await renderDialog(api());

    const templates = await screen.findByRole('list', { name: 'Templates' });
    const headings = within(templates)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(headings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Payment.*Stripe.*PayPal/),
        expect.stringMatching(/^Social media.*LinkedIn/),
      ]),
    );

    await userEvent.click(within(templates).getByText('Stripe'));

    const selected = screen.getByRole('region', { name: 'Selected template' });
    expect(selected).toHaveTextContent('Authentication: API key');
    expect(
      within(selected).getByRole('link', {
        name: 'Stripe API documentation',
      }),
    ).toHaveAttribute('href', 'https://docs.stripe.com/api');
    expect(screen.getByLabelText(/^Name/)).toHaveValue('stripe');
    expect(screen.getByLabelText('Display name')).toHaveValue('Stripe');
  });

  it("leaves the display name to choose when the template's is already taken", async () => {
    const fake = api({
      listConfigs: async () => ({
        items: [integrationConfig({ name: 'stripe', displayName: 'Stripe' })],
        totalCount: 1,
      }),
    });
    await renderDialog(fake);
    await waitFor(() => expect(fake.listConfigs).toHaveBeenCalled());

    await userEvent.click(await screen.findByText('Stripe'));

    expect(screen.getByLabelText('Display name')).toHaveValue('');
    expect(
      screen.getByText(
        '"Stripe" is already the display name of stripe; choose one that tells this integration apart',
      ),
    ).toBeInTheDocument();
  });

  it('creates the integration from the template in the chosen environments', async () => {
    const fake = api({
      createIntegration: async () => [
        integrationConfig({ name: 'stripe-eu', environment: 'staging' }),
      ],
    });
    const { onCreated } = await renderDialog(fake);

    await userEvent.click(await screen.findByText('Stripe'));
    await userEvent.clear(screen.getByLabelText(/^Name/));
    await userEvent.type(screen.getByLabelText(/^Name/), 'stripe-eu');
    await userEvent.type(
      screen.getByLabelText(/^Owner group/),
      'group:default/payments-team',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Development' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(onCreated).toHaveBeenCalledWith('stripe-eu', 'staging'),
    );
    expect(fake.createIntegration).toHaveBeenCalledWith({
      template: 'stripe',
      name: 'stripe-eu',
      displayName: 'Stripe',
      owner: 'group:default/payments-team',
      environments: ['staging', 'production'],
    });
  });

  it('explains what is missing before sending anything', async () => {
    const fake = api();
    await renderDialog(fake);

    await screen.findByRole('list', { name: 'Templates' });
    await userEvent.type(screen.getByLabelText(/^Name/), 'Stripe EU');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(
      screen.getByText(
        'Use lowercase letters, digits and single dashes, e.g. stripe-eu',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Pick the template to start from'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Must be a catalog group ref such as group:default/payments-team',
      ),
    ).toBeInTheDocument();
    expect(fake.createIntegration).not.toHaveBeenCalled();
  });

  it('shows the backend refusal clearly', async () => {
    const fake = api({
      createIntegration: async () => {
        throw await responseError(
          409,
          'ConflictError',
          'An integration named stripe already exists',
        );
      },
    });
    const { onCreated } = await renderDialog(fake);

    await userEvent.click(await screen.findByText('Stripe'));
    await userEvent.type(
      screen.getByLabelText(/^Owner group/),
      'group:default/payments-team',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The integration was not created');
    expect(alert).toHaveTextContent(
      'An integration named stripe already exists',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('puts the field errors of a 400 under their fields', async () => {
    const fake = api({
      createIntegration: async () => {
        throw await responseError(
          400,
          'InputError',
          'Invalid request. owner: No group default/nobody in the catalog',
          [
            {
              path: 'owner',
              message: 'No group default/nobody in the catalog',
            },
          ],
        );
      },
    });
    await renderDialog(fake);

    await userEvent.click(await screen.findByText('Stripe'));
    await userEvent.type(
      screen.getByLabelText(/^Owner group/),
      'group:default/nobody',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(
      await screen.findByText('No group default/nobody in the catalog'),
    ).toBeInTheDocument();
  });
});
