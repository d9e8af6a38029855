import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  responseError,
} from '../../../__testUtils__/fixtures';
import {
  PREVIOUS_PERIOD,
  costOf,
  usageAnalyticsOf,
  usageMetrics,
  withCosts,
} from '../../../__testUtils__/analyticsFixtures';
import { IntegrationsApi } from '../../../api';
import { AnalyticsPage } from './AnalyticsPage';

jest.setTimeout(30_000);

const HOUR = 3_600_000;

/**
 * The page with every permission allowed: answers are cached per permission
 * across the tests of a file, so the export denied is tested in its own file.
 */
async function renderPage(
  getUsageAnalytics: IntegrationsApi['getUsageAnalytics'],
  exportUsageAnalytics?: IntegrationsApi['exportUsageAnalytics'],
) {
  const api = fakeIntegrationsApi({ getUsageAnalytics, exportUsageAnalytics });
  await renderInTestApp(<AnalyticsPage />, {
    apis: [[integrationsApiRef, api], allowEverything()],
  });
  return api;
}

function figure(label: string) {
  return screen.getByRole('group', { name: label });
}

/** The integration named in each row of a table, in order. */
function rowNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => (row as HTMLTableRowElement).cells[0].textContent ?? '');
}

function spanOf(query?: { from?: string; to?: string }) {
  return (Date.parse(query!.to!) - Date.parse(query!.from!)) / HOUR;
}

describe('AnalyticsPage', () => {
  it('shows the period against the one before, and the figures per integration', async () => {
    const analytics = usageAnalyticsOf(
      [
        usageMetrics('stripe', {
          calls: 1200,
          failed: 30,
          p95: 420,
          bytes: 3 * 1024 * 1024,
          errorType: 'rate_limited',
        }),
        usageMetrics('sendgrid', { calls: 300, p95: 180 }),
      ],
      [
        usageMetrics(
          'stripe',
          { calls: 1000, failed: 10, p95: 350 },
          PREVIOUS_PERIOD,
        ),
        usageMetrics('sendgrid', { calls: 0 }, PREVIOUS_PERIOD),
      ],
    );
    const api = await renderPage(async () => analytics);

    expect(await screen.findByText('1,500')).toBeInTheDocument();
    expect(
      within(figure('Calls')).getByText('+50 % vs previous period'),
    ).toBeInTheDocument();
    expect(
      within(figure('Error rate')).getByText('2.00 %'),
    ).toBeInTheDocument();
    expect(
      within(figure('Error rate')).getByText('+1 points vs previous period'),
    ).toBeInTheDocument();
    expect(
      within(figure('Slowest p95')).getByText('420 ms'),
    ).toBeInTheDocument();
    expect(
      within(figure('Slowest p95')).getByText(
        'of stripe, the slowest integration; 300 ms over all calls',
      ),
    ).toBeInTheDocument();
    expect(
      within(figure('Data transferred')).getByText('3.0 MB'),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Usage per integration' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rowNames(table)).toEqual(['stripe', 'sendgrid']);
    expect(within(rows[0]).getByText('rate_limited (30)')).toBeInTheDocument();
    expect(within(rows[0]).getByText('/v1/charges')).toHaveAttribute(
      'title',
      '/v1/charges: 420 ms on average',
    );

    await userEvent.click(
      within(table).getByRole('button', { name: 'p95 (ms)' }),
    );
    await userEvent.click(
      within(table).getByRole('button', { name: 'p95 (ms)' }),
    );
    expect(rowNames(table)).toEqual(['sendgrid', 'stripe']);

    const errors = screen.getByRole('table', { name: 'Errors by type' });
    expect(
      within(errors).getByRole('row', { name: 'rate_limited 30 0 new' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('cell', {
        name: 'Sat 09:00 UTC: 1,200 calls, p95 300 ms',
      }),
    ).toHaveTextContent('1.2k');

    expect(api.getUsageAnalytics).toHaveBeenCalledTimes(1);
    const [query] = api.getUsageAnalytics.mock.calls[0];
    expect(query).toMatchObject({
      environment: 'production',
      integration: undefined,
    });
    expect(spanOf(query)).toBe(24);
  });

  it('adds the cost to the summary once an integration is priced, and the sections below', async () => {
    await renderPage(async () =>
      withCosts(usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]), [
        costOf('stripe', { total: 12.5, previous: 10 }),
      ]),
    );

    const cost = await screen.findByRole('group', { name: 'Cost' });
    expect(within(cost).getByText('€12.50')).toBeInTheDocument();
    expect(
      within(cost).getByText('+25 % vs previous period'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No rate-limit readings yet, they appear after the first calls or health checks.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Budgets' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Recommendations' }),
    ).toBeInTheDocument();
  });

  it('leaves cost out of the summary while nothing is priced', async () => {
    await renderPage(async () =>
      usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]),
    );
    await screen.findByRole('group', { name: 'Calls' });
    expect(
      screen.queryByRole('group', { name: 'Cost' }),
    ).not.toBeInTheDocument();
  });

  it('tells an admin how usage gets in when nothing was called', async () => {
    await renderPage(async () =>
      usageAnalyticsOf([usageMetrics('stripe', { calls: 0 })]),
    );

    expect(
      await screen.findByText(
        'No usage recorded in production for this period',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('POST /api/integrations/usage/events'),
    ).toBeInTheDocument();
    expect(screen.getByText('Usage')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('opens on the integration a link names, e.g. from its catalog page', async () => {
    const api = fakeIntegrationsApi({
      getUsageAnalytics: async () =>
        usageAnalyticsOf([usageMetrics('paypal', { calls: 10 })]),
    });
    await renderInTestApp(<AnalyticsPage />, {
      apis: [[integrationsApiRef, api], allowEverything()],
      initialRouteEntries: ['/?integration=paypal'],
    });

    await screen.findByRole('table', { name: 'Usage per integration' });
    expect(api.getUsageAnalytics).toHaveBeenCalledWith(
      expect.objectContaining({ integration: 'paypal' }),
    );
    expect(screen.getByRole('textbox', { name: 'Integration' })).toHaveValue(
      'paypal',
    );
  });

  it('asks again for the period picked', async () => {
    const api = await renderPage(async () =>
      usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]),
    );
    await screen.findByRole('table', { name: 'Usage per integration' });

    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(api.getUsageAnalytics).toHaveBeenCalledTimes(2));
    expect(spanOf(api.getUsageAnalytics.mock.calls[1][0])).toBe(24 * 7);

    await userEvent.click(screen.getByRole('button', { name: 'Last hour' }));
    await waitFor(() => expect(api.getUsageAnalytics).toHaveBeenCalledTimes(3));
    expect(spanOf(api.getUsageAnalytics.mock.calls[2][0])).toBe(1);

    await userEvent.click(screen.getByRole('button', { name: 'Custom' }));
    const from = screen.getByLabelText(/From \(UTC\)/);
    const to = screen.getByLabelText(/To \(UTC\)/);
    await userEvent.clear(from);
    await userEvent.type(from, '2026-11-01T00:00');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-11-08T06:30');
    await userEvent.click(screen.getByRole('button', { name: 'Show period' }));
    await waitFor(() => expect(api.getUsageAnalytics).toHaveBeenCalledTimes(4));
    expect(api.getUsageAnalytics.mock.calls[3][0]).toEqual({
      environment: 'production',
      integration: undefined,
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-08T06:30:00Z',
    });
  });

  it('downloads what the page shows as CSV or JSON, named by the backend', async () => {
    const api = await renderPage(
      async () => usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]),
      async query => ({
        fileName: `integration-usage-production-2026-11-01--2026-11-08.${query.format}`,
        content: new Blob(['integration,totalCalls\nstripe,10\n'], {
          type: 'text/csv',
        }),
      }),
    );
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:usage');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        saved.push(`${this.download} ${this.href}`);
      });
    await screen.findByRole('table', { name: 'Usage per integration' });
    await userEvent.click(screen.getByRole('button', { name: 'Custom' }));
    const from = screen.getByLabelText(/From \(UTC\)/);
    const to = screen.getByLabelText(/To \(UTC\)/);
    await userEvent.clear(from);
    await userEvent.type(from, '2026-11-01T00:00');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-11-08T06:30');
    await userEvent.click(screen.getByRole('button', { name: 'Show period' }));
    await waitFor(() => expect(api.getUsageAnalytics).toHaveBeenCalledTimes(2));

    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'CSV: one row per integration' }),
    );
    await waitFor(() => expect(saved).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'JSON: everything on this page' }),
    );
    await waitFor(() => expect(saved).toHaveLength(2));

    const period = {
      environment: 'production',
      integration: undefined,
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-08T06:30:00Z',
    };
    expect(api.exportUsageAnalytics.mock.calls).toEqual([
      [{ ...period, format: 'csv' }],
      [{ ...period, format: 'json' }],
    ]);
    expect(saved).toEqual([
      'integration-usage-production-2026-11-01--2026-11-08.csv blob:usage',
      'integration-usage-production-2026-11-01--2026-11-08.json blob:usage',
    ]);
    expect(await createObjectURL.mock.calls[0][0].text()).toBe(
      'integration,totalCalls\nstripe,10\n',
    );
    click.mockRestore();
  });

  it('says why an export failed and keeps the page', async () => {
    await renderPage(
      async () => usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]),
      async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'You lack the permission integrations.analytics.export',
        );
      },
    );
    await screen.findByRole('table', { name: 'Usage per integration' });

    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'CSV: one row per integration' }),
    );

    expect(await screen.findByText('The export failed')).toBeInTheDocument();
    expect(
      screen.getByText(/integrations\.analytics\.export/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Usage per integration' }),
    ).toBeInTheDocument();
  });

  it('names the wrong field of a custom period the backend refused', async () => {
    let call = 0;
    await renderPage(async query => {
      if (call++ === 0) {
        return usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]);
      }
      expect(query?.to).toBe('2026-11-01T00:00:00Z');
      throw await responseError(400, 'InputError', 'Invalid request', [
        { path: 'query.to', message: 'Must be after from' },
      ]);
    });
    await screen.findByRole('table', { name: 'Usage per integration' });

    await userEvent.click(screen.getByRole('button', { name: 'Custom' }));
    const from = screen.getByLabelText(/From \(UTC\)/);
    const to = screen.getByLabelText(/To \(UTC\)/);
    await userEvent.clear(from);
    await userEvent.type(from, '2026-11-08T00:00');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-11-01T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Show period' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This period cannot be shown');
    expect(alert).toHaveTextContent('To: Must be after from');
    expect(
      screen.getByText('Must be after from', { selector: 'p' }),
    ).toBeInTheDocument();
  });

  it('says what went wrong when usage cannot be loaded', async () => {
    await renderPage(async () => {
      throw await responseError(
        503,
        'ServiceUnavailableError',
        'The database is not reachable',
      );
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Usage could not be loaded');
    expect(alert).toHaveTextContent('The database is not reachable');
  });

  it('draws the busiest integrations and groups the rest when there are 500', async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      usageMetrics(`service-${String(i).padStart(3, '0')}`, {
        calls: 1000 - i,
        bytes: 1000,
      }),
    );
    await renderPage(async () => usageAnalyticsOf(many));

    expect(
      await screen.findByText(
        /the 8 busiest are drawn, the 492 others are added up/,
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Usage per integration' });
    expect(within(table).getAllByRole('row')).toHaveLength(26);
    expect(rowNames(table)[0]).toBe('service-000');
    expect(screen.getByText('1-25 of 500')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(rowNames(table)[0]).toBe('service-025');

    await userEvent.type(
      screen.getByLabelText('Search integrations'),
      'service-49',
    );
    expect(rowNames(table)).toEqual(
      Array.from({ length: 10 }, (_, i) => `service-49${i}`),
    );
  });

  it('says so when the user may read no integration of the environment', async () => {
    await renderPage(async () => usageAnalyticsOf([]));

    expect(
      await screen.findByText('No integrations you may read in production'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
