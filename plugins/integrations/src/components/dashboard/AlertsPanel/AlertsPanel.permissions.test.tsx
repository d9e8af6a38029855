import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { errorResolvePermission } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import {
  fakeSignalApi,
  integrationAlert,
} from '../../../__testUtils__/healthFixtures';
import { AlertsPanel } from './AlertsPanel';

jest.setTimeout(30_000);

// A file of its own: permission answers are cached per permission and
// resource for the whole file, so each alert is of another integration.

describe('AlertsPanel permissions', () => {
  it('keeps Acknowledge visible but disabled, with the reason, where the user may not resolve errors', async () => {
    const mine = integrationAlert({ integration: 'paypal-eu' });
    const theirs = integrationAlert({
      id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      integration: 'paypal-us',
    });
    const api = fakeIntegrationsApi({
      listAlerts: async () => ({ items: [mine, theirs], totalCount: 2 }),
    });
    await renderInTestApp(<AlertsPanel environment="production" />, {
      apis: [
        [integrationsApiRef, api],
        [signalApiRef, fakeSignalApi().api],
        permissions(
          (permission, resourceRef) =>
            permission === errorResolvePermission.name &&
            resourceRef === 'paypal-eu:production',
        ),
      ],
    });

    const settled = (id: string, enabled: boolean) =>
      waitFor(() => {
        const button = within(screen.getByTestId(`alert-${id}`)).getByRole(
          'button',
          { name: 'Acknowledge' },
        );
        expect(button.hasAttribute('disabled')).toBe(!enabled);
        return button;
      });
    await screen.findByTestId(`alert-${theirs.id}`);
    await settled(mine.id, true);
    const denied = await settled(theirs.id, false);

    await userEvent.hover(denied.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not acknowledge alerts of paypal-us in production: that takes the permission to resolve its errors',
    );
    expect(api.acknowledgeAlert).not.toHaveBeenCalled();
  });
});
