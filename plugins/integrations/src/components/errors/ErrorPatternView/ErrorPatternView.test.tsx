import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  errorPatternDetail,
  integrationError,
} from '../../../__testUtils__/errorFixtures';
import {
  allowEverything,
  fakeIntegrationsApi,
  responseError,
} from '../../../__testUtils__/fixtures';
import {
  renderErrorGroup,
  section,
} from '../../../__testUtils__/renderErrorGroup';
import { rootRouteRef } from '../../../routes';
import { ErrorsPage } from '../ErrorsPage';

jest.setTimeout(30_000);

describe('ErrorPatternView', () => {
  it('links to the incident the group is part of', async () => {
    await renderErrorGroup(
      errorPatternDetail({
        integration: 'incident-test',
        incidentId: '3f0c8a52-9d1e-4b7a-8c2f-5e6d7a8b9c01',
      }),
    );

    expect(
      screen.getByText('This group is part of an incident'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the incident' }),
    ).toHaveAttribute(
      'href',
      '/integrations/errors/incidents/3f0c8a52-9d1e-4b7a-8c2f-5e6d7a8b9c01',
    );
  });

  it('mentions no incident for a group outside any', async () => {
    await renderErrorGroup(errorPatternDetail({ integration: 'lone-test' }));

    expect(
      screen.queryByText('This group is part of an incident'),
    ).not.toBeInTheDocument();
  });

  it('says what the group is and what to do about it, with links that open in a new tab', async () => {
    const api = await renderErrorGroup(
      errorPatternDetail({ integration: 'about-test' }),
    );
    expect(api.getErrorPattern).toHaveBeenCalledWith('p-stripe-auth');

    const about = section('About');
    expect(
      within(about).getByText(
        'Calls to Stripe fail with 401: the secret key is not valid.',
      ),
    ).toBeInTheDocument();
    const criteria = within(about).getByLabelText('Matching criteria');
    expect(
      within(criteria).getByText('Credentials refused'),
    ).toBeInTheDocument();
    expect(within(criteria).getByText('api_key_invalid')).toBeInTheDocument();
    expect(within(about).getByText('checkout')).toBeInTheDocument();
    for (const [name, href] of [
      ['Provider documentation', 'https://docs.stripe.com/keys'],
      ['Runbook', 'https://runbooks.acme.example/stripe-keys'],
    ]) {
      const link = within(about).getByRole('link', { name });
      expect(link).toHaveAttribute('href', href);
      expect(link).toHaveAttribute('target', '_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }

    const actions = section('Suggested actions');
    expect(
      within(within(actions).getByRole('list', { name: 'Now' })).getByText(
        'Roll the secret key in the Stripe dashboard',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        within(actions).getByRole('list', { name: 'To prevent it' }),
      ).getByText('Set an expiry reminder on the key'),
    ).toBeInTheDocument();
    expect(
      within(within(actions).getByRole('list', { name: 'To watch' })).getByText(
        'Alert on any 401 from Stripe',
      ),
    ).toBeInTheDocument();

    expect(
      within(section('History')).getByText('First event grouped'),
    ).toBeInTheDocument();
    expect(
      within(section('Severity')).getByText('Every payment call fails'),
    ).toBeInTheDocument();
  });

  it('leaves out a link that is not a web page', async () => {
    await renderErrorGroup(
      errorPatternDetail({
        integration: 'link-test',
        // Built from parts: the address a hostile answer could carry.
        runbookUrl: ['javascript', 'alert(1)'].join(':'),
      }),
    );

    expect(
      within(section('About')).queryByRole('link', { name: 'Runbook' }),
    ).not.toBeInTheDocument();
  });

  it("shows an event's details and its redacted request and response", async () => {
    const detail = errorPatternDetail({ integration: 'payload-test' });
    const event = integrationError({
      errorDetails: {
        ...detail.recentErrors[0].errorDetails,
        requestData: { amount: 1200, card: '[redacted]' },
        responseData: { error: { code: 'api_key_invalid' } },
      },
    });
    const api = await renderErrorGroup(detail, { getError: async () => event });

    const events = section('Recent events');
    expect(
      within(events).getByText('Invalid API Key provided: sk_live_****1234'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(events).getByRole('button', { name: /^Show the event at/ }),
    );

    const details = await within(events).findByLabelText('Event details');
    expect(within(details).getByText('req_8f2a')).toBeInTheDocument();
    expect(within(details).getByText('401')).toBeInTheDocument();
    expect(within(details).getByText('/v1/charges')).toBeInTheDocument();
    expect(within(details).getByText('checkout')).toBeInTheDocument();
    expect(api.getError).toHaveBeenCalledWith('e-1');
    const request = await within(events).findByRole('region', {
      name: 'Request (redacted)',
    });
    expect(request.querySelector('pre')?.textContent).toBe(
      JSON.stringify({ amount: 1200, card: '[redacted]' }, null, 2),
    );
    expect(
      within(events).getByRole('region', { name: 'Response (redacted)' }),
    ).toHaveTextContent('api_key_invalid');
  });

  it('says the request and response are hidden when the backend withheld them', async () => {
    const detail = errorPatternDetail({ integration: 'hidden-test' });
    await renderErrorGroup(detail, {
      getError: async () => integrationError({ sensitiveDataHidden: true }),
    });

    await userEvent.click(
      screen.getByRole('button', { name: /^Show the event at/ }),
    );

    expect(
      await screen.findByText(
        'Request and response hidden: you lack integrations.errors.sensitive.read',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Request (redacted)' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Response (redacted)' }),
    ).not.toBeInTheDocument();
  });

  it('says when the group does not exist', async () => {
    const api = fakeIntegrationsApi({
      getErrorPattern: async () => {
        throw await responseError(
          404,
          'NotFoundError',
          'No error pattern p-gone',
        );
      },
    });
    await renderInTestApp(<ErrorsPage />, {
      apis: [[integrationsApiRef, api], allowEverything()],
      mountedRoutes: { '/integrations': rootRouteRef },
      initialRouteEntries: ['/integrations/errors/p-gone'],
    });

    expect(
      await screen.findByText('There is no such error group'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All errors' })).toHaveAttribute(
      'href',
      '/integrations/errors',
    );
  });
});
