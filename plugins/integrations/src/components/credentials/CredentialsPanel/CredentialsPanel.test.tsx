import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  CredentialFieldStatus,
  integrationCredentialsUpdatePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  permissions,
  responseError,
} from '../../../__testUtils__/fixtures';
import { CredentialsPanel } from './CredentialsPanel';

jest.setTimeout(20_000);

// Hours of slack keep the relative wording stable while the test runs.
const daysAgo = (days: number) =>
  DateTime.now().minus({ days, hours: 1 }).toISO()!;
const daysAhead = (days: number) =>
  DateTime.now().plus({ days, hours: 1 }).toISO()!;

const secretKey: CredentialFieldStatus = {
  field: 'secretKey',
  label: 'Secret key',
  secret: true,
  set: true,
  last4: '4242',
  fingerprint: 'hmac-1',
  updatedAt: daysAgo(3),
  updatedBy: 'user:default/ada.admin',
  expiresAt: daysAhead(12),
  expired: false,
};

const webhookSecret: CredentialFieldStatus = {
  field: 'webhookSecret',
  label: 'Webhook secret',
  secret: true,
  set: false,
};

function apiWith(fields: CredentialFieldStatus[]) {
  return fakeIntegrationsApi({
    getCredentials: async (name, environment) => ({
      name,
      environment,
      fields,
    }),
  });
}

async function renderPanel(
  api: IntegrationsApi,
  permissionApi = allowEverything(),
  name = 'stripe',
) {
  await renderInTestApp(
    <CredentialsPanel name={name} environment="production" />,
    { apis: [[integrationsApiRef, api], permissionApi] },
  );
}

const row = async (label: string) =>
  screen.findByRole('group', { name: label });

describe('CredentialsPanel', () => {
  it('shows each field masked: set, last characters, who changed it and when it expires', async () => {
    await renderPanel(
      apiWith([
        secretKey,
        webhookSecret,
        {
          ...secretKey,
          field: 'publishableKey',
          label: 'Publishable key',
          last4: '',
          updatedBy: undefined,
          expiresAt: undefined,
        },
      ]),
    );

    expect(await row('Secret key')).toHaveTextContent(
      'set · …4242 · updated 3 days ago by ada.admin · expires in 12 days',
    );
    expect(await row('Webhook secret')).toHaveTextContent('not set');
    const publishable = await row('Publishable key');
    expect(publishable).toHaveTextContent('set · updated 3 days ago');
    expect(publishable).not.toHaveTextContent('…');
    expect(publishable).not.toHaveTextContent('by');
  });

  it('shows an expired credential in the error colour', async () => {
    await renderPanel(
      apiWith([{ ...secretKey, expiresAt: daysAgo(2), expired: true }]),
    );

    const expired = within(await row('Secret key')).getByText(
      'expired 2 days ago',
    );
    expect(expired).toHaveClass('MuiTypography-colorError');
  });

  it('replaces only that field, then drops the value', async () => {
    const api = apiWith([secretKey, webhookSecret]);
    api.updateCredentials.mockResolvedValue({
      name: 'stripe',
      environment: 'production',
      fields: [
        { ...secretKey, last4: '9999', updatedAt: daysAgo(0) },
        webhookSecret,
      ],
    });
    await renderPanel(api);

    await userEvent.click(
      within(await row('Secret key')).getByRole('button', { name: 'Replace' }),
    );
    const input = screen.getByLabelText(/New Secret key/);
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'off');
    await userEvent.type(input, 'sk_live_new9999');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Replaced Secret key.')).toBeInTheDocument();
    expect(api.updateCredentials).toHaveBeenCalledWith('stripe', 'production', {
      credentials: { secretKey: 'sk_live_new9999' },
    });
    expect(screen.queryByLabelText(/New Secret key/)).not.toBeInTheDocument();
    expect(
      screen.queryByDisplayValue('sk_live_new9999'),
    ).not.toBeInTheDocument();
    expect(await row('Secret key')).toHaveTextContent('set · …9999');
  });

  it('sends the chosen expiry with the new value', async () => {
    const api = apiWith([webhookSecret]);
    api.updateCredentials.mockResolvedValue({
      name: 'stripe',
      environment: 'production',
      fields: [webhookSecret],
    });
    await renderPanel(api);

    await userEvent.click(
      within(await row('Webhook secret')).getByRole('button', {
        name: 'Replace',
      }),
    );
    await userEvent.type(
      screen.getByLabelText(/New Webhook secret/),
      'whsec_abc',
    );
    await userEvent.type(screen.getByLabelText('Expires on'), '2030-01-31');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.updateCredentials).toHaveBeenCalled());
    const request = api.updateCredentials.mock.calls[0][2];
    expect(request.credentials).toEqual({ webhookSecret: 'whsec_abc' });
    expect(Object.keys(request.expiresAt ?? {})).toEqual(['webhookSecret']);
    expect(
      DateTime.fromISO(request.expiresAt!.webhookSecret!).toISODate(),
    ).toBe('2030-01-31');
  });

  it('changes only the expiry of a stored value, or removes it', async () => {
    const api = apiWith([secretKey]);
    api.updateCredentials.mockResolvedValue({
      name: 'stripe',
      environment: 'production',
      fields: [secretKey],
    });
    await renderPanel(api);

    await userEvent.click(
      within(await row('Secret key')).getByRole('button', { name: 'Expiry' }),
    );
    const date = screen.getByLabelText(/Expires on/);
    await userEvent.clear(date);
    await userEvent.type(date, '2031-06-30');
    await userEvent.click(screen.getByRole('button', { name: 'Save expiry' }));

    await waitFor(() => expect(api.updateCredentials).toHaveBeenCalled());
    const request = api.updateCredentials.mock.calls[0][2];
    expect(request.credentials).toEqual({});
    expect(DateTime.fromISO(request.expiresAt!.secretKey!).toISODate()).toBe(
      '2031-06-30',
    );

    await userEvent.click(
      within(await row('Secret key')).getByRole('button', { name: 'Expiry' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Never expires' }),
    );
    await waitFor(() => expect(api.updateCredentials).toHaveBeenCalledTimes(2));
    expect(api.updateCredentials.mock.calls[1][2].expiresAt).toEqual({
      secretKey: null,
    });
  });

  it('shows what the backend said about a rejected value under the input', async () => {
    const api = apiWith([secretKey]);
    api.updateCredentials.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'Invalid request. body.credentials.secretKey: Must start with sk_',
        [
          {
            path: 'body.credentials.secretKey',
            message: 'Must start with sk_',
          },
        ],
      ),
    );
    await renderPanel(api);

    await userEvent.click(
      within(await row('Secret key')).getByRole('button', { name: 'Replace' }),
    );
    await userEvent.type(screen.getByLabelText(/New Secret key/), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Must start with sk_')).toBeInTheDocument();
    expect(screen.getByLabelText(/New Secret key/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('clears a field after confirmation by sending null', async () => {
    const api = apiWith([secretKey]);
    api.updateCredentials.mockResolvedValue({
      name: 'stripe',
      environment: 'production',
      fields: [{ ...secretKey, set: false, last4: undefined }],
    });
    await renderPanel(api);

    await userEvent.click(
      within(await row('Secret key')).getByRole('button', { name: 'Clear' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Clear Secret key?',
    });
    expect(api.updateCredentials).not.toHaveBeenCalled();
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Clear' }),
    );

    expect(await screen.findByText('Cleared Secret key.')).toBeInTheDocument();
    expect(api.updateCredentials).toHaveBeenCalledWith('stripe', 'production', {
      credentials: { secretKey: null },
    });
    expect(await row('Secret key')).toHaveTextContent('not set');
  });

  it('disables Replace and Clear with the reason when the user may not change credentials', async () => {
    const authorize = jest.fn(
      (permission: string) =>
        permission !== integrationCredentialsUpdatePermission.name,
    );
    // Permission answers are cached by resource ref, so this test has an integration of its own.
    await renderPanel(
      apiWith([secretKey]),
      permissions(authorize),
      'stripe-locked',
    );

    const secret = await row('Secret key');
    await waitFor(() =>
      expect(
        within(secret).getByRole('button', { name: 'Replace' }),
      ).toBeDisabled(),
    );
    const replace = within(secret).getByRole('button', { name: 'Replace' });
    expect(
      within(secret).getByRole('button', { name: 'Clear' }),
    ).toBeDisabled();
    expect(authorize).toHaveBeenCalledWith(
      integrationCredentialsUpdatePermission.name,
      'stripe-locked:production',
    );

    await userEvent.hover(replace.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Only integration admins may change credentials',
    );
  });
});
