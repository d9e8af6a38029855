import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  responseError,
} from '../../../__testUtils__/fixtures';
import {
  stripeImpact,
  unusedImpact,
} from '../../../__testUtils__/impactFixtures';
import { IntegrationImpact } from './IntegrationImpact';

jest.setTimeout(30_000);

async function renderImpact(
  overrides: Partial<IntegrationsApi>,
  integration = 'stripe',
) {
  const api = fakeIntegrationsApi(overrides);
  await renderInTestApp(
    <IntegrationImpact integration={integration} environment="production" />,
    {
      apis: [[integrationsApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

describe('IntegrationImpact', () => {
  it('says who is affected, then lists what is affected by owning team with links to the catalog', async () => {
    const api = await renderImpact({ getImpact: async () => stripeImpact() });

    expect(
      await screen.findByText(
        'Stripe is down: checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) are affected.',
      ),
    ).toBeInTheDocument();
    expect(api.getImpact).toHaveBeenCalledWith('stripe', 'production');

    const payments = screen.getByRole('listitem', { name: 'payments-team' });
    expect(
      within(payments).getByRole('link', { name: 'payments-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(
      within(payments).getByRole('link', { name: 'checkout-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-service');
    expect(
      within(payments).getByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
    expect(
      within(payments).getByText('System, through checkout-service'),
    ).toBeInTheDocument();
    expect(within(payments).getAllByText('Component, directly')).toHaveLength(
      2,
    );

    const web = screen.getByRole('listitem', { name: 'web-team' });
    expect(
      within(web).getByRole('link', { name: 'billing-portal' }),
    ).toHaveAttribute('href', '/catalog/default/component/billing-portal');
    expect(
      within(web).getByText('Component, through checkout-service'),
    ).toBeInTheDocument();
  });

  it('says plainly when nothing depends on the integration', async () => {
    await renderImpact(
      { getImpact: async () => unusedImpact('brevo') },
      'brevo',
    );

    expect(
      await screen.findByText('Nothing in the catalog depends on brevo.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Affected, by owner' }),
    ).not.toBeInTheDocument();
  });

  it('explains that the catalog does not know the integration yet, and how entities name it', async () => {
    await renderImpact({
      getImpact: async () =>
        stripeImpact({
          inCatalog: false,
          components: [],
          systems: [],
          owners: ['group:default/payments-team'],
          summary:
            'Stripe is not in the catalog yet, so what depends on it is unknown.',
        }),
    });

    expect(await screen.findByText('Not in the catalog')).toBeInTheDocument();
    expect(
      screen.getByText(/Stripe is not in the catalog yet/),
    ).toBeInTheDocument();
    expect(screen.getByText('resource:default/stripe')).toBeInTheDocument();
  });

  it('shows what the backend said when the catalog cannot be read, and tries again on request', async () => {
    const unavailable = await responseError(
      503,
      'ServiceUnavailableError',
      'The catalog could not be read to find what depends on stripe: connect ECONNREFUSED',
    );
    const answers = [
      () => Promise.reject(unavailable),
      () => Promise.resolve(stripeImpact()),
    ];
    await renderImpact({ getImpact: () => answers.shift()!() });

    expect(
      await screen.findByText('What depends on stripe could not be loaded'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The catalog could not be read to find what depends on stripe: connect ECONNREFUSED',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText(/^Stripe is down: checkout-service/),
    ).toBeInTheDocument();
  });
});
