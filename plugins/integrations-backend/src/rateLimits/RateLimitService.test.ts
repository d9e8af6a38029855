import {
  IntegrationConfig,
  RateLimitFigure,
} from '@internal/plugin-integrations-common';
import { UsageRollupStore } from '../usage/UsageRollupStore';
import { Granularity } from '../usage/usageRollup';
import {
  RateLimitHit,
  RateLimitStore,
  StoredRateLimitReading,
} from './RateLimitStore';
import { RateLimitService } from './RateLimitService';
import {
  forecastOf,
  peakHours,
  recommendedRequestRate,
} from './rateLimitForecast';

const now = new Date('2026-11-28T12:00:00Z');

function config(name: string, provider = name): IntegrationConfig {
  return {
    name,
    environment: 'production',
    provider,
    connectionConfig: { rateLimitBuffer: 0.2 },
  } as unknown as IntegrationConfig;
}

function readingsStore(readings: StoredRateLimitReading[]): RateLimitStore {
  return {
    saveReadings: async () => [],
    addHits: async () => 0,
    listReadings: async () => readings,
    listHits: async (): Promise<RateLimitHit[]> => [],
    deleteHitsOlderThan: async () => 0,
  };
}

/**
 * Rollups holding `perMinute` calls to one endpoint in each minute: minutes
 * of the last hour, and days with their calls per hour up to now.
 */
function rollupsAt(
  integration: string,
  endpoint: string,
  perMinute: number,
): UsageRollupStore {
  const row = (granularity: Granularity, start: number, calls: number) => ({
    integration,
    environment: 'production' as const,
    granularity,
    start: new Date(start).toISOString(),
    endpoint,
    method: 'GET',
    calls,
  });
  return {
    list: async ({ from }: { from: Date }) => {
      const rows = [];
      for (let t = from.getTime(); t < now.getTime(); t += 60_000) {
        rows.push(row('minute', t, perMinute));
      }
      return rows;
    },
    callsPerBucket: async ({ from }: { from: Date }) => {
      const days = [];
      for (let day = from.getTime(); day < now.getTime(); day += 86_400_000) {
        const callsByHour = Array.from({ length: 24 }, (_, hour) =>
          day + hour * 3_600_000 < now.getTime() ? perMinute * 60 : 0,
        );
        days.push({
          ...row(
            'day',
            day,
            callsByHour.reduce((a, b) => a + b, 0),
          ),
          callsByHour,
        });
      }
      return days;
    },
  } as unknown as UsageRollupStore;
}

function reading(figure: Partial<RateLimitFigure>): StoredRateLimitReading {
  return {
    integration: 'github',
    environment: 'production',
    figure: {
      key: 'core',
      source: 'header',
      field: 'x-ratelimit-remaining',
      ...figure,
    },
    readBy: 'client',
    readAt: now.toISOString(),
  };
}

describe('forecastOf', () => {
  it('warns when the limit runs out before it resets', () => {
    expect(
      forecastOf({ remaining: 600, resetAt: '2026-11-28T23:00:00Z' }, 1, now),
    ).toEqual({
      status: 'warning',
      callsPerMinute: 1,
      exhaustedAt: '2026-11-28T22:00:00.000Z',
      message:
        'Runs out at 2026-11-28T22:00:00.000Z at 1 calls a minute, before it resets at 2026-11-28T23:00:00Z',
    });
  });

  it('is critical when it runs out within hours', () => {
    expect(
      forecastOf({ remaining: 60, resetAt: '2026-11-28T23:00:00Z' }, 1, now)
        .status,
    ).toBe('critical');
  });

  it('is fine when the window resets first', () => {
    expect(
      forecastOf({ remaining: 600, resetAt: '2026-11-28T12:30:00Z' }, 1, now)
        .status,
    ).toBe('ok');
  });

  it('is critical while a spent window has not reset', () => {
    expect(
      forecastOf({ remaining: 0, resetAt: '2026-11-28T12:30:00Z' }, 0, now)
        .status,
    ).toBe('critical');
  });
});

describe('recommendations', () => {
  it('keeps the buffer free of the tightest known window', () => {
    // 5000 an hour is 83.3 a minute; 30 a minute is tighter; 80 % of it is 24.
    expect(
      recommendedRequestRate(
        [
          { limit: 5000, windowSeconds: 3600 },
          { limit: 30, windowSeconds: 60 },
          { limit: 10 },
        ],
        0.2,
      ),
    ).toBe(24);
  });

  it('names the busiest hours of the day', () => {
    expect(
      peakHours([
        { start: '2026-11-27T09:00:00.000Z', calls: 10 },
        { start: '2026-11-27T14:00:00.000Z', calls: 50 },
        { start: '2026-11-28T09:00:00.000Z', calls: 45 },
        { start: '2026-11-28T03:00:00.000Z', calls: 0 },
      ]),
    ).toEqual(['09:00', '14:00']);
  });
});

describe('RateLimitService', () => {
  it("forecasts a limit from the recent call rate of the integration's rollups", async () => {
    const service = new RateLimitService({
      store: readingsStore([
        reading({
          limit: 5000,
          remaining: 100,
          resetAt: '2026-11-28T12:45:00.000Z',
          windowSeconds: 3600,
        }),
      ]),
      rollups: rollupsAt('github', '/repos/{owner}/{repo}', 10),
      now: () => now,
    });

    const { github } = await service.status({
      environment: 'production',
      readable: [config('github')],
    });

    expect(github.rateLimits.core).toMatchObject({
      limit: 5000,
      remaining: 100,
      window: '1h',
      forecast: {
        status: 'critical',
        callsPerMinute: 10,
        exhaustedAt: '2026-11-28T12:10:00.000Z',
      },
    });
    expect(github.rateLimitOptimization).toMatchObject({
      recommendedRequestRate: 66.66,
      bufferRecommendation: 20,
    });
  });

  it("counts LinkedIn's calls since 00:00 UTC against its catalog limit", async () => {
    const service = new RateLimitService({
      store: readingsStore([]),
      rollups: rollupsAt('linkedin', '/v2/ugcPosts', 1),
      now: () => now,
    });

    const { linkedin } = await service.status({
      environment: 'production',
      readable: [config('linkedin')],
    });

    // The hourly rollups of the last week hold 60 calls an hour; 12 hours today.
    expect(linkedin.rateLimits['member-day']).toMatchObject({
      limit: 500,
      remaining: 0,
      resetTime: '2026-11-29T00:00:00.000Z',
      source: 'catalog',
      remainingSource: 'observed',
      forecast: { status: 'critical' },
    });
    expect(linkedin.rateLimits['application-day']).toMatchObject({
      remaining: 100_000 - 12 * 60,
      forecast: { status: 'ok' },
    });
  });
});
