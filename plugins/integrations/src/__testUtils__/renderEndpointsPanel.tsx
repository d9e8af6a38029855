import { renderInTestApp } from '@backstage/frontend-test-utils';
import { WebhookEndpoint } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../api';
import { EndpointsPanel } from '../components/webhooks/EndpointsPanel';
import { allowEverything, fakeIntegrationsApi } from './fixtures';
import { EVENT_TYPES, webhookEndpoint } from './webhookFixtures';

/** The endpoints panel of a user who may do everything, over a fake API. */
export async function renderEndpointsPanel(
  options: {
    api?: Partial<IntegrationsApi>;
    endpoints?: WebhookEndpoint[];
    eventTypes?: typeof EVENT_TYPES;
  } = {},
) {
  const api = fakeIntegrationsApi(options.api);
  const onChanged = jest.fn();
  await renderInTestApp(
    <EndpointsPanel
      endpoints={options.endpoints ?? [webhookEndpoint()]}
      onChanged={onChanged}
      integrations={['stripe']}
      eventTypes={options.eventTypes ?? EVENT_TYPES}
      onShowDeliveries={jest.fn()}
    />,
    { apis: [[integrationsApiRef, api], allowEverything()] },
  );
  // The actions stay disabled until the permissions are known.
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'New endpoint' })).toBeEnabled(),
  );
  return { api, onChanged };
}

/** Opens the action menu of an endpoint and picks an entry. */
export async function chooseEndpointAction(
  endpointName: string,
  action: string,
) {
  await userEvent.click(
    await screen.findByRole('button', { name: `Actions for ${endpointName}` }),
  );
  await userEvent.click(
    within(screen.getByRole('menu')).getByRole('menuitem', { name: action }),
  );
}
