import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  IncidentDetail,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  integrationConfig,
  permissions,
} from '../../../__testUtils__/fixtures';
import { incidentDetail } from '../../../__testUtils__/incidentFixtures';
import { stripeImpact } from '../../../__testUtils__/impactFixtures';
import { rootRouteRef } from '../../../routes';
import { ErrorsPage } from '../ErrorsPage';

jest.setTimeout(30_000);

// Permission answers are cached per permission and resource for the whole
// file, so each test names its own integration.

/** The incident's page, allowing everything but the denied permissions. */
async function renderIncident(
  detail: IncidentDetail,
  overrides: Partial<IntegrationsApi> = {},
  denied: string[] = [],
) {
  const api = fakeIntegrationsApi({
    getIncident: async () => detail,
    ...overrides,
  });
  await renderInTestApp(<ErrorsPage />, {
    apis: [
      [integrationsApiRef, api],
      permissions(permission => !denied.includes(permission)),
    ],
    mountedRoutes: {
      '/integrations': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [`/integrations/errors/incidents/${detail.id}`],
  });
  await screen.findByRole('heading', { name: detail.title });
  return api;
}

/** A configuration-change incident of its own integration. */
function changeIncident(integration: string) {
  return incidentDetail({
    integrations: [integration],
    title: `${integration} failing after configuration change v7 of ${integration}`,
    likelyCause: {
      kind: 'configuration_change',
      description: `configuration change v7 of ${integration} by user:default/ada`,
      integration,
      version: 7,
      rollbackToVersion: 6,
      changedBy: 'user:default/ada',
    },
  });
}

const settledButton = (name: string, enabled: boolean) =>
  waitFor(() => {
    const button = screen.getByRole('button', { name });
    expect(button.hasAttribute('disabled')).toBe(!enabled);
    return button;
  });

describe('IncidentView', () => {
  it('shows the likely cause, the timeline oldest first and the groups with links to their pages', async () => {
    const detail = changeIncident('stripe-story');
    const api = await renderIncident(detail);

    expect(api.getIncident).toHaveBeenCalledWith(detail.id);
    const cause = screen.getByRole('region', { name: 'Likely cause' });
    expect(within(cause).getByText('Configuration change')).toBeInTheDocument();
    expect(
      within(cause).getByText(
        'configuration change v7 of stripe-story by user:default/ada',
      ),
    ).toBeInTheDocument();

    const timeline = within(
      screen.getByRole('region', { name: 'Timeline' }),
    ).getAllByRole('listitem');
    expect(
      timeline.map(entry => entry.querySelector('strong')?.textContent),
    ).toEqual([
      'Configuration changed',
      'Error group started',
      'Alert raised',
      'Incident opened',
    ]);
    expect(timeline[0]).toHaveTextContent('by ada');

    const groups = screen.getByRole('region', { name: 'Error groups' });
    expect(
      within(groups).getByRole('link', { name: 'Timeout on /v1/charges' }),
    ).toHaveAttribute('href', '/integrations/errors/p-stripe-timeout');
    expect(
      within(groups).getByRole('link', { name: 'Server error on /v1/refunds' }),
    ).toHaveAttribute('href', '/integrations/errors/p-stripe-5xx');
  });

  it('says who the incident affects in the catalog, with links to what is affected', async () => {
    const detail = changeIncident('stripe-impact');
    const api = await renderIncident(detail, {
      getImpact: async () => stripeImpact({ integration: 'stripe-impact' }),
    });

    const impact = screen.getByRole('region', { name: 'Impact' });
    expect(
      await within(impact).findByText(
        'Stripe is down: checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) are affected.',
      ),
    ).toBeInTheDocument();
    expect(api.getImpact).toHaveBeenCalledWith('stripe-impact', 'production');
    expect(
      within(impact).getByRole('link', { name: 'checkout-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-service');
  });

  it('rolls the configuration back to the version before the change once confirmed', async () => {
    const detail = changeIncident('stripe-rollback');
    const api = await renderIncident(detail, {
      rollback: async () =>
        integrationConfig({
          name: 'stripe-rollback',
          metadata: { ...integrationConfig().metadata, version: 8 },
        }),
    });

    await userEvent.click(await settledButton('Roll back to v6', true));
    const dialog = await screen.findByRole('dialog', {
      name: 'Roll back stripe-rollback to version 6?',
    });
    expect(api.rollback).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );

    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith(
        'stripe-rollback',
        'production',
        { version: 6 },
      ),
    );
    expect(
      await screen.findByText(
        /now has the settings of version 6 again, saved as version 8/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps the rollback disabled, saying why, without the permission to change the configuration', async () => {
    const detail = changeIncident('stripe-no-update');
    const api = await renderIncident(detail, {}, [
      integrationUpdatePermission.name,
    ]);

    const button = await settledButton('Roll back to v6', false);
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      `You may not change the configuration of stripe-no-update in production: that takes the ${integrationUpdatePermission.name} permission`,
    );
    expect(api.rollback).not.toHaveBeenCalled();
  });

  it('offers no rollback when the cause is a provider failing', async () => {
    await renderIncident(
      incidentDetail({
        integrations: ['stripe-a', 'stripe-b'],
        title: 'Stripe failing on stripe-a, stripe-b',
        likelyCause: {
          kind: 'provider',
          description: 'provider Stripe failing',
          provider: 'stripe',
        },
      }),
    );

    expect(screen.getByText('provider Stripe failing')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Roll back/ }),
    ).not.toBeInTheDocument();
  });

  it('resolves the incident by hand with a note', async () => {
    const detail = changeIncident('stripe-resolve');
    const api = await renderIncident(detail, {
      resolveIncident: async () => ({ ...detail, status: 'resolved' }),
    });

    await userEvent.click(await settledButton('Resolve incident', true));
    const dialog = await screen.findByRole('dialog', {
      name: 'Resolve this incident?',
    });
    await userEvent.type(
      within(dialog).getByLabelText('Note (optional)'),
      'Provider recovered',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );

    await waitFor(() =>
      expect(api.resolveIncident).toHaveBeenCalledWith(detail.id, {
        note: 'Provider recovered',
      }),
    );
  });
});
