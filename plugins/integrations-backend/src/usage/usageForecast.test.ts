import { addToHistogram, LatencyHistogram } from './latencyHistogram';
import { StoredRollup } from './UsageRollupStore';
import { projectUsage, recommendationsFor } from './usageForecast';

const DAY_MS = 86_400_000;
// A Saturday.
const NOW = new Date('2026-11-28T15:00:00Z');

function day(
  daysAgo: number,
  calls: number,
  overrides: Partial<StoredRollup> = {},
): StoredRollup {
  const start = new Date(
    Math.floor(NOW.getTime() / DAY_MS) * DAY_MS - daysAgo * DAY_MS,
  ).toISOString();
  return {
    integration: 'brevo',
    environment: 'production',
    granularity: 'day',
    start,
    endpoint: '/v3/smtp/email',
    method: 'POST',
    calls,
    failed: 0,
    errors: {},
    durationSumMs: 0,
    durationMaxMs: 0,
    latency: {},
    requestBytes: 0,
    responseBytes: 0,
    units: calls,
    largestTransfer: 0,
    ...overrides,
  };
}

/** Busy on working days, quiet at weekends, growing by `growth` calls a day. */
function weeksOf(weekday: number, weekend: number, growth = 0) {
  return Array.from({ length: 28 }, (_, i) => {
    const daysAgo = 28 - i;
    const date = new Date(NOW.getTime() - daysAgo * DAY_MS);
    const isWeekend = [0, 6].includes(date.getUTCDay());
    return day(daysAgo, (isWeekend ? weekend : weekday) + growth * i);
  });
}

describe('projectUsage', () => {
  it('carries the weekday pattern into the next 7 and 30 days', () => {
    const projection = projectUsage('brevo', weeksOf(100, 20), NOW, {
      perCall: 0.01,
      fixedPerDay: 1,
    });

    expect(projection.basedOnDays).toBe(28);
    expect(Math.abs(projection.trendPerDay)).toBeLessThan(0.5);
    // Today is a Saturday: quiet, then Sunday, then a working week.
    const [saturday, sunday, monday] = projection.daily;
    expect([saturday.date, sunday.date, monday.date]).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    // Within 3 % of the pattern: 20 at weekends, 100 on working days.
    expect(Math.abs(saturday.calls - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(sunday.calls - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(monday.calls - 100)).toBeLessThanOrEqual(3);
    expect(Math.abs(projection.next7Days.calls - 540)).toBeLessThanOrEqual(16);
    // A cent per call and a euro a day.
    expect(projection.next7Days.cost).toBeCloseTo(
      projection.next7Days.calls * 0.01 + 7,
      2,
    );
    expect(projection.weekdayFactors[1]).toBeCloseTo(100 / (540 / 7), 1);
  });

  it('follows a growing trend', () => {
    const projection = projectUsage('brevo', weeksOf(100, 100, 2), NOW, {
      perCall: 0,
      fixedPerDay: 0,
    });

    expect(projection.trendPerDay).toBeCloseTo(2, 0);
    // Day 28 of the series (today) continues 100 + 2 × 28.
    expect(projection.daily[0].calls).toBeCloseTo(156, -1);
    expect(projection.daily[29].calls).toBeGreaterThan(
      projection.daily[0].calls,
    );
  });

  it('projects nothing from nothing, and flat days from less than a week', () => {
    expect(
      projectUsage('brevo', [], NOW, { perCall: 1, fixedPerDay: 0 }).next30Days,
    ).toEqual({ calls: 0, cost: 0 });
    const short = projectUsage(
      'brevo',
      [day(3, 30), day(2, 30), day(1, 30)],
      NOW,
      {
        perCall: 0,
        fixedPerDay: 0,
      },
    );
    expect(new Set(short.daily.map(d => d.calls))).toEqual(new Set([30]));
  });
});

function hour(
  hourOfDay: number,
  overrides: Partial<StoredRollup> = {},
): StoredRollup {
  return {
    ...day(1, 10),
    granularity: 'hour',
    start: `2026-11-27T${String(hourOfDay).padStart(2, '0')}:00:00.000Z`,
    ...overrides,
  };
}

function latencyOf(...durations: number[]): LatencyHistogram {
  const histogram: LatencyHistogram = {};
  durations.forEach(d => addToHistogram(histogram, d));
  return histogram;
}

describe('recommendationsFor', () => {
  const brevo = { name: 'brevo', responseTimeThresholdMs: 1000 };

  it('says when calls fail, and what to do when the limit is the cause', () => {
    const week = [
      hour(9, {
        calls: 80,
        failed: 12,
        errors: { rate_limited: 10, timeout: 2 },
      }),
      hour(10, { calls: 20 }),
    ];
    const [recommendation] = recommendationsFor(
      brevo,
      { totals: week, endpoints: week },
      [],
    );

    expect(recommendation).toEqual({
      integration: 'brevo',
      kind: 'rate_limit',
      severity: 'warning',
      message:
        '12 % of 100 calls failed, mostly rate_limited (10). Lower the request rate or raise the rate-limit buffer so the client waits before the limit.',
    });
  });

  it('names an endpoint slower than the alert threshold and load bunched into one hour', () => {
    const week = [
      hour(9, { calls: 150, latency: latencyOf(...Array(20).fill(1800)) }),
      hour(14, {
        calls: 10,
        endpoint: '/v3/account',
        method: 'GET',
        latency: latencyOf(80),
      }),
    ];
    const recommendations = recommendationsFor(
      brevo,
      { totals: week, endpoints: week },
      [],
    );

    expect(recommendations.map(r => [r.kind, r.message])).toEqual([
      [
        'latency',
        expect.stringMatching(
          /^POST \/v3\/smtp\/email answers in 18\d\d ms at p95, over the 1000 ms threshold/,
        ),
      ],
      [
        'peak',
        '94 % of calls come between 09:00 and 10:00 UTC; spreading batch jobs over quieter hours keeps clear of rate limits.',
      ],
    ]);
  });

  it('passes on a budget the integration is part of', () => {
    const [recommendation] = recommendationsFor(
      brevo,
      { totals: [], endpoints: [] },
      [
        {
          scope: 'team',
          name: 'group:default/growth-team',
          currency: 'EUR',
          monthly: 100,
          spent: 90,
          projected: 130,
          percentUsed: 90,
          warningPercent: 80,
          criticalPercent: 100,
          status: 'warning',
          integrations: [{ name: 'brevo', spent: 90 }],
        },
      ],
    );

    expect(recommendation).toMatchObject({
      kind: 'budget',
      severity: 'warning',
    });
  });
});
