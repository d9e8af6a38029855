import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  RATE_LIMITS_NOW,
  limitWindow,
  rateLimitStatusOf,
} from '../../../__testUtils__/analyticsFixtures';
import { RateLimitMeters } from './RateLimitMeters';
import { RateLimitsResponse } from '@internal/plugin-integrations-common';

jest.setTimeout(30_000);

function render(status: RateLimitsResponse | undefined) {
  return renderInTestApp(
    <RateLimitMeters status={status} now={RATE_LIMITS_NOW} />,
  );
}

/** Integration and limit of each row of the meters, in order. */
function limitsShown(): string[] {
  const table = screen.getByRole('table', { name: 'Rate limits' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = (row as HTMLTableRowElement).cells;
      return `${cells[0].querySelector('p')?.textContent} ${
        cells[1].querySelector('p')?.textContent
      }`;
    });
}

describe('RateLimitMeters', () => {
  it('shows each limit with where it was read, the closest to running out first', async () => {
    await render({
      github: rateLimitStatusOf(
        'github',
        {
          core: limitWindow({
            limit: 5000,
            remaining: 4000,
            resetMinutes: 30,
            window: '1h',
          }),
          search: limitWindow({
            limit: 30,
            remaining: 3,
            resetMinutes: 1,
            window: '1m',
            status: 'warning',
            exhaustedInMinutes: 0.25,
          }),
        },
        [],
        2700,
      ),
      telegram: rateLimitStatusOf(
        'telegram',
        { bot: limitWindow({ limit: 30, remaining: 30, window: '1s' }) },
        [],
        0.27,
      ),
      linkedin: rateLimitStatusOf('linkedin', {
        'member-daily': {
          ...limitWindow({
            limit: 500,
            remaining: 20,
            resetMinutes: 12 * 60,
            window: '1d',
            source: 'catalog',
            field: 'catalog.rateLimits.member-daily',
            status: 'critical',
            exhaustedInMinutes: 100,
          }),
          remainingSource: 'observed',
        },
      }),
    });

    expect(limitsShown()).toEqual([
      'linkedin member-daily · per 1d',
      'github search · per 1m',
      'github core · per 1h',
      'telegram bot · per 1s',
    ]);
    const [linkedin, , core] = within(
      screen.getByRole('table', { name: 'Rate limits' }),
    )
      .getAllByRole('row')
      .slice(1);
    expect(
      within(linkedin).getByText(
        'provider catalog catalog.rateLimits.member-daily, remaining from counted calls',
      ),
    ).toBeInTheDocument();
    expect(
      within(linkedin).getByText('480 of 500 used · 20 left'),
    ).toBeInTheDocument();
    expect(
      within(linkedin).getByText(
        'Runs out in 1 hour (13:40 UTC) at 12 calls a minute, before it resets',
      ),
    ).toBeInTheDocument();
    expect(within(linkedin).getByText('in 12 hours')).toBeInTheDocument();
    expect(
      within(linkedin).getByRole('progressbar', {
        name: 'linkedin member-daily used',
      }),
    ).toHaveAttribute('aria-valuenow', '96');

    expect(
      within(core).getByText('header x-ratelimit-remaining'),
    ).toBeInTheDocument();
    expect(
      within(core).getByText(
        'Recommended: at most 2,700 calls a minute, keeping 10 % free',
      ),
    ).toBeInTheDocument();
    expect(
      within(core).getByText('Lasts until it resets at the current rate'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Recommended: at most 16 calls an hour, keeping 10 % free',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/4 limits of 3 integrations.*; 2 run out before/),
    ).toBeInTheDocument();
  });

  it('lists the latest limit hits with the delay applied', async () => {
    const hits = Array.from({ length: 7 }, (_, i) => ({
      timestamp: new Date(
        RATE_LIMITS_NOW.getTime() - (i + 1) * 60_000,
      ).toISOString(),
      endpoint: '/v1/charges',
      hitLimit: true,
      delayTime: 2000,
      status: 429,
      reason: i === 0 ? 'global-rate' : undefined,
      source: 'header' as const,
      readBy: 'client' as const,
    }));
    await render({
      stripe: rateLimitStatusOf(
        'stripe',
        { '/v1/charges': limitWindow({ limit: 100, remaining: 0 }) },
        [
          ...hits,
          {
            ...hits[0],
            timestamp: RATE_LIMITS_NOW.toISOString(),
            hitLimit: false,
          },
        ],
      ),
    });

    const table = screen.getByRole('table', { name: 'Recent limit hits' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveTextContent('1 minute ago');
    expect(rows[0]).toHaveTextContent('429 global-rate');
    expect(rows[0]).toHaveTextContent('2 s');
    expect(screen.getByText('Recent limit hits (7)')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Show all 7' }));
    expect(within(table).getAllByRole('row')).toHaveLength(8);
  });

  it('says when readings appear when there are none yet', async () => {
    await render({ stripe: rateLimitStatusOf('stripe', {}) });
    expect(
      screen.getByText(
        'No rate-limit readings yet, they appear after the first calls or health checks.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('pages through 500 integrations, the ones at risk first, and finds one by name', async () => {
    const status: RateLimitsResponse = {};
    for (let i = 0; i < 500; i++) {
      const name = `service-${String(i).padStart(3, '0')}`;
      status[name] = rateLimitStatusOf(name, {
        hourly: limitWindow({
          limit: 1000,
          remaining: 1000 - i,
          resetMinutes: 30,
          window: '1h',
          ...(i === 7 ? { status: 'critical', exhaustedInMinutes: 5 } : {}),
        }),
      });
    }
    await render(status);

    expect(limitsShown()).toHaveLength(10);
    expect(limitsShown().slice(0, 3)).toEqual([
      'service-007 hourly · per 1h',
      'service-499 hourly · per 1h',
      'service-498 hourly · per 1h',
    ]);
    expect(screen.getByText('1-10 of 500')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(limitsShown()[0]).toBe('service-490 hourly · per 1h');

    await userEvent.type(screen.getByLabelText('Search limits'), 'service-12');
    expect(limitsShown()).toHaveLength(10);
    expect(limitsShown()[0]).toBe('service-129 hourly · per 1h');
    expect(screen.queryByText('1-10 of 500')).not.toBeInTheDocument();
  });
});
