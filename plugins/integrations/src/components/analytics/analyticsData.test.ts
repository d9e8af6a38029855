import {
  bucketName,
  everyBucket,
  mergeCountBuckets,
  periodRange,
  seriesRows,
  topSeries,
} from './analyticsData';

describe('topSeries', () => {
  it('keeps the busiest as series of their own and adds up the rest', () => {
    const sizes = new Map(
      Array.from({ length: 500 }, (_, i) => [`service-${i}`, 500 - i]),
    );
    sizes.set('idle', 0);

    const series = topSeries(sizes, 8);

    expect(series.map(s => s.label)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `service-${i}`),
      'Others (492)',
    ]);
    expect(series[8].members).not.toContain('idle');

    const [row] = seriesRows(
      [{ time: '2026-11-28T09:00:00.000Z', values: Object.fromEntries(sizes) }],
      series,
      'hour',
      24,
    );
    expect(row.s0).toBe(500);
    expect(row.others).toBe(
      Array.from({ length: 492 }, (_, i) => 492 - i).reduce((a, b) => a + b),
    );
    expect(row.label).toBe('09:00');
  });

  it('draws every integration when there are few', () => {
    expect(
      topSeries(
        new Map([
          ['stripe', 3],
          ['paypal', 5],
        ]),
      ).map(s => s.label),
    ).toEqual(['paypal', 'stripe']);
  });
});

describe('periodRange', () => {
  it('ends a preset at the current minute and reads a custom period as UTC', () => {
    const now = new Date('2026-11-28T12:34:56.789Z');
    expect(periodRange({ preset: '7d' }, now)).toEqual({
      from: '2026-11-21T12:34:00Z',
      to: '2026-11-28T12:34:00Z',
    });
    expect(
      periodRange(
        { preset: 'custom', from: '2026-11-01T00:00', to: 'tomorrow' },
        now,
      ),
    ).toEqual({ from: '2026-11-01T00:00:00Z', to: 'tomorrow' });
  });
});

describe('everyBucket', () => {
  it('gives quiet buckets of the period a point, so charts do not join calls across them', () => {
    const points = everyBucket(
      [
        { time: '2026-11-28T10:00:00.000Z', calls: 5 },
        { time: '2026-11-28T13:00:00.000Z', calls: 2 },
      ],
      { start: '2026-11-28T09:30:00.000Z', end: '2026-11-28T14:00:00.000Z' },
      'hour',
      time => ({ time, calls: 0 }),
    );

    expect(points.map(p => [p.time.slice(11, 16), p.calls])).toEqual([
      ['09:00', 0],
      ['10:00', 5],
      ['11:00', 0],
      ['12:00', 0],
      ['13:00', 2],
    ]);
  });
});

describe('mergeCountBuckets', () => {
  it('adds up a day of minutes into 5-minute buckets', () => {
    const minutes = Array.from({ length: 1440 }, (_, i) => ({
      time: new Date(Date.UTC(2026, 10, 28, 0, i)).toISOString(),
      values: { stripe: 1, ...(i % 5 === 0 ? { paypal: 2 } : {}) },
    }));

    const { points, factor } = mergeCountBuckets(minutes, 300);

    expect(factor).toBe(5);
    expect(bucketName('minute', factor)).toBe('5 minutes');
    expect(points).toHaveLength(288);
    expect(points[1]).toEqual({
      time: '2026-11-28T00:05:00.000Z',
      values: { stripe: 5, paypal: 2 },
    });
  });
});
