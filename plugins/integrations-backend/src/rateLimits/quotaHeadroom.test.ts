import { RateLimitStatus } from '@internal/plugin-integrations-common';
import { quotaHeadroom } from './quotaHeadroom';

const ok = {
  status: 'ok' as const,
  callsPerMinute: 0,
  message: 'No recent calls',
};

function status(
  rateLimits: RateLimitStatus['rateLimits'],
  bufferPercent = 10,
): RateLimitStatus {
  return {
    integration: 'github',
    environment: 'production',
    rateLimits,
    rateLimitHistory: [],
    rateLimitOptimization: {
      recommendedRequestRate: 75,
      bufferRecommendation: bufferPercent,
      peakUsageTimes: [],
      peakHoursOfDay: [],
    },
  };
}

describe('quotaHeadroom', () => {
  const core = {
    limit: 5000,
    remaining: 1200,
    resetTime: '2027-01-01T12:00:00.000Z',
    source: 'header' as const,
    field: 'x-ratelimit-remaining',
    forecast: ok,
  };
  const search = {
    limit: 30,
    remaining: 30,
    source: 'header' as const,
    field: 'x-ratelimit-remaining',
    forecast: ok,
  };

  it('keeps the buffer free and puts the tightest limit first', () => {
    const headroom = quotaHeadroom(status({ core, search }));
    expect(
      headroom.limits.map(l => [l.key, l.remaining, l.reserved, l.available]),
    ).toEqual([
      ['search', 30, 3, 27],
      ['core', 1200, 500, 700],
    ]);
    expect(headroom.fits).toBeUndefined();
    expect(headroom.advice).toBe(
      'The tightest limit has 27 calls available in search (30 remaining, 3 kept free by the 10 % buffer).',
    );
  });

  it('says a job fits when every known limit has room for it', () => {
    const headroom = quotaHeadroom(status({ core }), 700);
    expect(headroom.fits).toBe(true);
    expect(headroom.limits[0].fits).toBe(true);
    expect(headroom.advice).toMatch(/^700 calls fit: /);
  });

  it('says how much to do now and when to do the rest when a job does not fit', () => {
    const headroom = quotaHeadroom(status({ core, search }), 701);
    expect(headroom.fits).toBe(false);
    expect(headroom.limits.map(l => l.fits)).toEqual([false, false]);
    expect(headroom.advice).toBe(
      '701 calls do not fit in search, core: search has 27 calls available. Make at most 27 now and the rest as its window frees up, or spread the job at 75 calls a minute at most.',
    );
  });

  it('warns when other traffic spends a limit before it resets', () => {
    const spending = {
      ...core,
      forecast: {
        status: 'critical' as const,
        callsPerMinute: 40,
        message: 'Runs out at 2027-01-01T11:30:00.000Z at 40 calls a minute',
      },
    };
    expect(quotaHeadroom(status({ core: spending }), 10).advice).toContain(
      'Runs out at 2027-01-01T11:30:00.000Z at 40 calls a minute.',
    );
  });

  it('says nothing is known rather than that a job fits', () => {
    const headroom = quotaHeadroom(
      status({ app: { ...search, remaining: undefined } }),
      10,
    );
    expect(headroom.fits).toBeUndefined();
    expect(headroom.limits[0].available).toBeUndefined();
    expect(headroom.advice).toMatch(/^No remaining count is known for github/);
  });
});
