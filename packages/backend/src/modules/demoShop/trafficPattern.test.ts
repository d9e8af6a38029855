import { DEMO_CALLS, demoTimeOf, loadFactor, pickCall } from './trafficPattern';

describe('the demo traffic pattern', () => {
  it('is busier in working hours than at night, and quieter at weekends', () => {
    const tuesday = 2;
    const saturday = 6;
    expect(loadFactor(10, tuesday)).toBeGreaterThan(5 * loadFactor(3, tuesday));
    expect(loadFactor(15, tuesday)).toBeGreaterThan(loadFactor(21, tuesday));
    expect(loadFactor(10, saturday)).toBeLessThan(
      0.5 * loadFactor(10, tuesday),
    );
  });

  it('lets a whole demo day pass in the configured minutes', () => {
    const start = new Date('2026-11-30T00:00:00Z');
    const hours = Array.from({ length: 10 }, (_, minute) =>
      Math.floor(
        demoTimeOf(new Date(start.getTime() + minute * 60_000), 10).hour,
      ),
    );
    expect(new Set(hours).size).toBe(10);
    expect(Math.max(...hours) - Math.min(...hours)).toBeGreaterThanOrEqual(20);
  });

  it('picks every call in proportion to its weight', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const call = pickCall(i / 10_000);
      const key = `${call.integration} ${call.method} ${call.path}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = DEMO_CALLS.reduce((sum, call) => sum + call.weight, 0);
    for (const call of DEMO_CALLS) {
      const share =
        (counts.get(`${call.integration} ${call.method} ${call.path}`) ?? 0) /
        10_000;
      expect(share).toBeCloseTo(call.weight / total, 2);
    }
  });
});
