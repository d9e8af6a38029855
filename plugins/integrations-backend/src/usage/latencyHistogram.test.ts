import fc from 'fast-check';
import {
  LatencyHistogram,
  RELATIVE_ACCURACY,
  addToHistogram,
  mergeHistograms,
  quantileOf,
} from './latencyHistogram';

/** The brute-force quantile the histogram promises to approximate. */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
}

function histogramOf(values: number[]): LatencyHistogram {
  const histogram: LatencyHistogram = {};
  values.forEach(value => addToHistogram(histogram, value));
  return histogram;
}

const durations = fc.array(
  fc.oneof(
    // Typical API calls, a long tail, and the odd instant answer.
    fc.double({ min: 20, max: 800, noNaN: true }),
    fc.double({ min: 800, max: 3_600_000, noNaN: true }),
    fc.double({ min: 0, max: 5, noNaN: true }),
  ),
  { minLength: 1, maxLength: 400 },
);

function expectWithinAccuracy(estimate: number | undefined, exact: number) {
  expect(estimate).toBeDefined();
  // Durations below 0.01 ms share the zero bucket.
  expect(Math.abs(estimate! - exact)).toBeLessThanOrEqual(
    exact * RELATIVE_ACCURACY * (1 + 1e-9) + 0.01,
  );
}

describe('latency histograms', () => {
  it('read back p50, p95 and p99 within the stated accuracy of the exact values', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(durations, values => {
        const histogram = histogramOf(values);
        for (const q of [0, 0.5, 0.95, 0.99, 1]) {
          expectWithinAccuracy(
            quantileOf(histogram, q),
            exactQuantile(values, q),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('merge minutes into hours exactly as if the hour had been counted at once', () => {
    fc.assert(
      fc.property(
        fc.array(durations, { minLength: 1, maxLength: 12 }),
        minutes => {
          const hour = minutes
            .map(histogramOf)
            .reduce((merged, minute) => mergeHistograms(merged, minute), {});
          const all = minutes.flat();
          expect(hour).toEqual(histogramOf(all));
          expectWithinAccuracy(
            quantileOf(hour, 0.95),
            exactQuantile(all, 0.95),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is within 2 %, and has nothing to say about no calls', () => {
    expect(RELATIVE_ACCURACY).toBeLessThan(0.02);
    expect(quantileOf({}, 0.5)).toBeUndefined();
  });
});
