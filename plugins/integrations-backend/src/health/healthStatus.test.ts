import { CheckSample, HealthRollup } from './HealthStore';
import { computeHealthStatus, uptimeOf } from './healthStatus';

const thresholds = { errorRate: 5, responseTime: 2000, uptime: 99 };

function sample(
  minutesAgo: number,
  overrides: Partial<CheckSample> = {},
): CheckSample {
  return {
    at: new Date(
      Date.parse('2026-11-20T12:00:00.000Z') - minutesAgo * 60_000,
    ).toISOString(),
    passed: true,
    responseTimeMs: 120,
    ...overrides,
  };
}

/** `count` checks, newest first; the ones at `failedAt` (indexes) failed. */
function samples(count: number, failedAt: number[] = []): CheckSample[] {
  return Array.from({ length: count }, (_, i) =>
    sample(i, failedAt.includes(i) ? { passed: false } : {}),
  );
}

describe('computeHealthStatus', () => {
  it('says disabled when the configuration is switched off, whatever the checks say', () => {
    expect(
      computeHealthStatus({
        enabled: false,
        recent: samples(3, [0, 1, 2]),
        thresholds,
      }),
    ).toEqual({
      status: 'disabled',
      reasons: ['Switched off in this environment'],
    });
  });

  it('says unknown before the first check', () => {
    expect(
      computeHealthStatus({ enabled: true, recent: [], thresholds }),
    ).toEqual({ status: 'unknown', reasons: ['Not checked yet'] });
  });

  it('is unhealthy when the latest check failed, naming the failure', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: [
          sample(0, { passed: false, failureClass: 'auth_invalid' }),
          ...samples(10).slice(1),
        ],
        thresholds,
      }),
    ).toEqual({
      status: 'unhealthy',
      reasons: ['Latest check failed: Credentials refused'],
    });
  });

  it('is unhealthy when the latest check failed without a class', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: [sample(0, { passed: false })],
        thresholds,
      }),
    ).toEqual({
      status: 'unhealthy',
      reasons: ['Latest check failed: failed'],
    });
  });

  it('is only degraded when the latest check was rate limited', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: [
          sample(0, { passed: false, failureClass: 'rate_limited' }),
          sample(1),
        ],
        thresholds,
      }),
    ).toEqual({
      status: 'degraded',
      reasons: ['The provider is rate limiting requests'],
    });
  });

  it('is degraded when 2 of the last 10 checks failed with a 5 % threshold', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: samples(10, [3, 7]),
        thresholds,
      }),
    ).toEqual({
      status: 'degraded',
      reasons: ['2 of the last 10 checks failed (20%, threshold 5%)'],
    });
  });

  it('only looks at the last 10 checks for the error rate', () => {
    // The failures are the 11th and 12th newest checks: outside the window.
    expect(
      computeHealthStatus({
        enabled: true,
        recent: samples(12, [10, 11]),
        thresholds,
      }),
    ).toEqual({ status: 'healthy', reasons: ['All recent checks passed'] });
  });

  it('stays healthy while the error rate is within the threshold', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: samples(10, [5]),
        thresholds: { ...thresholds, errorRate: 10 },
      }),
    ).toEqual({ status: 'healthy', reasons: ['All recent checks passed'] });
  });

  it('is degraded when the latest check was slower than the response-time threshold', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: [sample(0, { responseTimeMs: 2500 }), ...samples(4)],
        thresholds,
      }),
    ).toEqual({
      status: 'degraded',
      reasons: ['Response time 2500 ms is above the 2000 ms threshold'],
    });
  });

  it('gives both reasons when the error rate and the response time are over', () => {
    const recent = samples(10, [1]);
    recent[0] = sample(0, { responseTimeMs: 4000 });
    expect(
      computeHealthStatus({ enabled: true, recent, thresholds }).reasons,
    ).toEqual([
      '1 of the last 10 checks failed (10%, threshold 5%)',
      'Response time 4000 ms is above the 2000 ms threshold',
    ]);
  });

  it('is healthy when every check passed in time', () => {
    expect(
      computeHealthStatus({
        enabled: true,
        recent: samples(10),
        thresholds,
      }),
    ).toEqual({ status: 'healthy', reasons: ['All recent checks passed'] });
  });
});

describe('uptimeOf', () => {
  function rollup(
    bucketStart: string,
    checks: number,
    failures: number,
  ): HealthRollup {
    return {
      integration: 'stripe',
      bucketStart,
      checks,
      failures,
      responseMsSum: checks * 100,
      responseMsCount: checks,
      responseMsMax: 150,
    };
  }

  it('is the percentage of passed checks over the buckets', () => {
    expect(
      uptimeOf(
        [
          rollup('2026-11-20T09:00:00.000Z', 60, 0),
          rollup('2026-11-20T10:00:00.000Z', 60, 3),
          rollup('2026-11-20T11:00:00.000Z', 60, 6),
        ],
        new Date('2026-11-20T00:00:00.000Z'),
      ),
    ).toBe(95);
  });

  it('rounds to two decimals', () => {
    expect(
      uptimeOf(
        [rollup('2026-11-20T10:00:00.000Z', 3, 1)],
        new Date('2026-11-20T00:00:00.000Z'),
      ),
    ).toBe(66.67);
  });

  it('is null without checks', () => {
    expect(uptimeOf([], new Date('2026-11-20T00:00:00.000Z'))).toBeNull();
    expect(
      uptimeOf(
        [rollup('2026-11-20T10:00:00.000Z', 0, 0)],
        new Date('2026-11-20T00:00:00.000Z'),
      ),
    ).toBeNull();
  });

  it('ignores buckets that start before `since`', () => {
    const rollups = [
      rollup('2026-11-19T23:00:00.000Z', 60, 60),
      rollup('2026-11-20T00:00:00.000Z', 60, 0),
      rollup('2026-11-20T01:00:00.000Z', 40, 0),
    ];
    expect(uptimeOf(rollups, new Date('2026-11-20T00:00:00.000Z'))).toBe(100);
    expect(uptimeOf(rollups, new Date('2026-11-21T00:00:00.000Z'))).toBeNull();
  });
});
