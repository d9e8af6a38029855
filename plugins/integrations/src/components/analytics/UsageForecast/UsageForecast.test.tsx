import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  projectionOf,
  usageAnalyticsOf,
  usageMetrics,
  withForecast,
} from '../../../__testUtils__/analyticsFixtures';
import { UsageForecast } from './UsageForecast';

jest.setTimeout(30_000);

const usage = usageAnalyticsOf([usageMetrics('stripe', { calls: 100 })]);

function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      [...(row as HTMLTableRowElement).cells].map(c => c.textContent ?? ''),
    );
}

describe('UsageForecast', () => {
  it('lists the next 7 and 30 days per integration, the busiest first, and the recommendations by severity', async () => {
    await renderInTestApp(
      <UsageForecast
        analytics={withForecast(
          usage,
          [
            projectionOf('brevo', 50, 0.001),
            projectionOf('stripe', 1000, 0.02),
            { ...projectionOf('github', 0), basedOnDays: 0 },
          ],
          [
            {
              integration: 'brevo',
              kind: 'peak',
              severity: 'info',
              message: 'Most calls come between 09:00 and 10:00 UTC',
            },
            {
              integration: 'stripe',
              kind: 'rate_limit',
              severity: 'critical',
              message: '12 % of calls were refused for the rate limit',
            },
          ],
        )}
      />,
    );

    const table = screen.getByRole('table', {
      name: 'Forecast per integration',
    });
    expect(rowsOf(table)).toEqual([
      [
        'stripe',
        '7,000',
        '30,000',
        '€140.00',
        '€600.00',
        '+10 a day',
        '28 days',
      ],
      ['brevo', '350', '1,500', '€0.35', '€1.50', '+1 a day', '28 days'],
    ]);
    expect(
      screen.getByText(/1 more need a full day \(UTC\) of usage first/),
    ).toBeInTheDocument();

    await userEvent.click(within(table).getByText('brevo'));
    expect(screen.getByText(/Drawn: brevo;/)).toBeInTheDocument();

    const recommendations = within(
      screen.getByRole('list', { name: 'Recommendations' }),
    ).getAllByRole('listitem');
    expect(recommendations[0]).toHaveTextContent(
      '12 % of calls were refused for the rate limitstripe · rate limit',
    );
    expect(
      within(recommendations[0]).getByTitle('Critical'),
    ).toBeInTheDocument();
    expect(within(recommendations[1]).getByTitle('Info')).toBeInTheDocument();
  });

  it('says why there is no forecast or recommendation yet', async () => {
    await renderInTestApp(
      <UsageForecast
        analytics={withForecast(usage, [
          { ...projectionOf('stripe', 0), basedOnDays: 0 },
        ])}
      />,
    );
    expect(
      screen.getByText('No forecast yet: it needs a full day (UTC) of usage.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Nothing to recommend/)).toBeInTheDocument();
  });
});
