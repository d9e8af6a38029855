import { ApiHolder } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  NO_ERRORS,
  errorPattern,
  errorSummary,
} from '../../../__testUtils__/errorFixtures';
import {
  allowEverything,
  fakeIntegrationsApi,
  responseError,
} from '../../../__testUtils__/fixtures';
import { fakeSignalApi } from '../../../__testUtils__/healthFixtures';
import { incident } from '../../../__testUtils__/incidentFixtures';
import { rootRouteRef } from '../../../routes';
import { ErrorsPage } from './ErrorsPage';

jest.setTimeout(30_000);

const regressed = errorPattern({
  patternId: 'p-sendgrid-rate',
  name: 'SendGrid rate limit hit',
  integration: 'sendgrid',
  severity: 'critical',
  status: 'investigating',
  occurrences: 1500,
  regressed: true,
  mergedPatterns: [
    { patternId: 'p-sendgrid-429', name: 'SendGrid 429 on /v3/mail/send' },
  ],
  matchingCriteria: { errorType: 'rate_limited', httpStatus: 429 },
});
const snoozed = errorPattern({
  snooze: {
    untilOccurrences: 100,
    snoozedBy: 'user:default/ada',
    snoozedAt: new Date().toISOString(),
  },
});

async function renderPage(
  overrides: Partial<IntegrationsApi>,
  url = '/integrations/errors',
) {
  const api = fakeIntegrationsApi({
    getErrorSummary: async () => errorSummary(),
    listErrorPatterns: async () => ({
      items: [regressed, snoozed],
      totalCount: 2,
    }),
    listIncidents: async () => ({ items: [], totalCount: 0 }),
    ...overrides,
  });
  const signals = fakeSignalApi();
  const result = await renderInTestApp(<ErrorsPage />, {
    apis: [
      [integrationsApiRef, api],
      [signalApiRef, signals.api],
      allowEverything(),
    ],
    mountedRoutes: { '/integrations': rootRouteRef },
    initialRouteEntries: [url],
  });
  const history = (result as unknown as { apis: ApiHolder }).apis.get(
    coreApis.appHistory,
  );
  const location = () => {
    const { pathname, search } = history!.getSnapshot().location;
    return `${pathname}${search}`;
  };
  return { api, signals, location };
}

async function choose(label: string, option: string) {
  await userEvent.click(screen.getByLabelText(label));
  await userEvent.click(
    within(screen.getByRole('listbox')).getByRole('option', { name: option }),
  );
}

describe('ErrorsPage', () => {
  it('shows the header figures and the error groups with their markers', async () => {
    const { api } = await renderPage({});

    const table = await screen.findByRole('table', { name: 'Error groups' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByRole('link', { name: 'SendGrid rate limit hit' }),
    ).toHaveAttribute('href', '/integrations/errors/p-sendgrid-rate');
    expect(within(rows[0]).getByText('sendgrid')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Critical')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Investigating')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1,500')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Regressed')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1 merged')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Rate limited')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Snoozed')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('img', {
        name: '32 events in the last 24 hours, at most 3 in an hour',
      }),
    ).toBeInTheDocument();

    const total = screen.getByRole('group', { name: 'Total errors' });
    expect(within(total).getByText('1,234')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Critical' })).getByText('1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Error groups (2)')).toBeInTheDocument();

    expect(api.listErrorPatterns).toHaveBeenCalledWith({
      environment: 'production',
      limit: 25,
      offset: 0,
    });
    const summaryQuery = api.getErrorSummary.mock.calls[0][0]!;
    expect(summaryQuery.environment).toBe('production');
    expect(Date.parse(summaryQuery.to!) - Date.parse(summaryQuery.from!)).toBe(
      24 * 3_600_000,
    );
  });

  it('asks for the filtered list, keeps the filters in the URL and starts again on the first page', async () => {
    const { api, location } = await renderPage({
      listErrorPatterns: async () => ({
        items: [regressed],
        totalCount: 500,
      }),
    });
    await screen.findByRole('table', { name: 'Error groups' });

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(api.listErrorPatterns).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 25, limit: 25 }),
      ),
    );
    expect(location()).toBe('/integrations/errors?page=2');

    await choose('Severity', 'Critical');
    await choose('Type', 'Rate limited');
    await choose('Environment', 'Staging');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show snoozed' }),
    );

    await waitFor(() =>
      expect(api.listErrorPatterns).toHaveBeenLastCalledWith({
        environment: 'staging',
        severity: 'critical',
        type: 'rate_limited',
        includeSnoozed: 'true',
        limit: 25,
        offset: 0,
      }),
    );
    expect(location()).toBe(
      '/integrations/errors?environment=staging&severity=critical&type=rate_limited&snoozed=shown',
    );
    expect(api.getErrorSummary).toHaveBeenLastCalledWith(
      expect.objectContaining({ environment: 'staging' }),
    );
  });

  it('filters by an integration picked from the errors by integration', async () => {
    const { api, location } = await renderPage({});
    const byIntegration = await screen.findByRole('table', {
      name: 'Errors by integration',
    });

    await userEvent.click(
      within(byIntegration).getByRole('button', { name: 'sendgrid' }),
    );

    await waitFor(() =>
      expect(api.listErrorPatterns).toHaveBeenLastCalledWith(
        expect.objectContaining({ integration: 'sendgrid' }),
      ),
    );
    expect(api.getErrorSummary).toHaveBeenLastCalledWith(
      expect.objectContaining({ integration: 'sendgrid' }),
    );
    expect(location()).toBe('/integrations/errors?integration=sendgrid');
  });

  it('opens on the filters of a link', async () => {
    const { api } = await renderPage(
      {},
      '/integrations/errors?environment=development&status=open&range=7d&page=3&pageSize=50',
    );
    await screen.findByRole('table', { name: 'Error groups' });

    expect(api.listErrorPatterns).toHaveBeenCalledWith({
      environment: 'development',
      status: 'open',
      limit: 50,
      offset: 100,
    });
    const summaryQuery = api.getErrorSummary.mock.calls[0][0]!;
    expect(Date.parse(summaryQuery.to!) - Date.parse(summaryQuery.from!)).toBe(
      7 * 24 * 3_600_000,
    );
  });

  it('says what would appear when there are no errors at all', async () => {
    await renderPage({
      getErrorSummary: async () => NO_ERRORS,
      listErrorPatterns: async () => ({ items: [], totalCount: 0 }),
    });

    expect(
      await screen.findByText('No errors in this period'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /every failed check, test and reported call in production would appear here, grouped by cause/i,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Error groups' }),
    ).not.toBeInTheDocument();
  });

  it('says when the list cannot be loaded, and loads it again on retry', async () => {
    const listErrorPatterns = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(503, 'ServiceUnavailableError', 'Database down'),
      )
      .mockResolvedValue({ items: [regressed], totalCount: 1 });
    await renderPage({ listErrorPatterns });

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('The error groups could not be loaded'),
    ).toBeInTheDocument();
    expect(within(alert).getByText('Database down')).toBeInTheDocument();

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('link', { name: 'SendGrid rate limit hit' }),
    ).toBeInTheDocument();
  });

  it('loads again when the backend signals a change in the environment shown, and not for another', async () => {
    const { api, signals } = await renderPage({});
    await screen.findByRole('table', { name: 'Error groups' });
    expect(api.listErrorPatterns).toHaveBeenCalledTimes(1);
    expect(api.getErrorSummary).toHaveBeenCalledTimes(1);

    signals.publishErrors({
      patternId: 'p-other',
      integration: 'stripe',
      environment: 'staging',
      change: 'occurred',
    });
    api.listErrorPatterns.mockResolvedValue({
      items: [
        regressed,
        snoozed,
        errorPattern({ patternId: 'p-new', name: 'Stripe times out' }),
      ],
      totalCount: 3,
    });
    signals.publishErrors({
      patternId: 'p-new',
      integration: 'stripe',
      environment: 'production',
      change: 'created',
    });

    expect(
      await screen.findByRole('link', { name: 'Stripe times out' }),
    ).toBeInTheDocument();
    expect(api.listErrorPatterns).toHaveBeenCalledTimes(2);
    expect(api.getErrorSummary).toHaveBeenCalledTimes(2);
  });

  it('lists the open incidents above the error groups, each linking to its timeline, and reloads them when one changes', async () => {
    const stripeIncident = incident();
    const { api, signals } = await renderPage({
      listIncidents: async () => ({ items: [stripeIncident], totalCount: 1 }),
    });

    const incidents = await screen.findByRole('table', {
      name: 'Open incidents',
    });
    const groups = screen.getByRole('table', { name: 'Error groups' });
    expect(
      incidents.compareDocumentPosition(groups) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByText('Incidents (1 open)')).toBeInTheDocument();
    const [row] = within(incidents).getAllByRole('row').slice(1);
    expect(
      within(row).getByRole('link', { name: stripeIncident.title }),
    ).toHaveAttribute(
      'href',
      `/integrations/errors/incidents/${stripeIncident.id}`,
    );
    expect(within(row).getByText('Configuration change')).toBeInTheDocument();
    expect(
      within(row).getByText(stripeIncident.likelyCause.description),
    ).toBeInTheDocument();
    expect(within(row).getByText('stripe')).toBeInTheDocument();
    expect(within(row).getByText('12 minutes ago')).toBeInTheDocument();
    expect(within(row).getByText('2')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith({
      environment: 'production',
      status: 'open',
      limit: 20,
    });

    signals.publishIncident({
      incidentId: 'elsewhere',
      environment: 'staging',
      change: 'opened',
    });
    expect(api.listIncidents).toHaveBeenCalledTimes(1);
    signals.publishIncident({
      incidentId: stripeIncident.id,
      environment: 'production',
      change: 'changed',
    });
    await waitFor(() => expect(api.listIncidents).toHaveBeenCalledTimes(2));
  });

  it('says so when no incident is open', async () => {
    await renderPage({});

    expect(
      await screen.findByText(
        /No open incidents in production: no error groups started together with a shared cause/,
      ),
    ).toBeInTheDocument();
  });
});
