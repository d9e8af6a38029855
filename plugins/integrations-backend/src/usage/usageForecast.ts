import {
  BudgetStatus,
  UsageProjection,
  UsageRecommendation,
} from '@internal/plugin-integrations-common';
import {
  mergeHistograms,
  quantileOf,
  LatencyHistogram,
} from './latencyHistogram';
import { StoredRollup } from './UsageRollupStore';

const DAY_MS = 86_400_000;

/** Days of history a projection looks back on: four of each weekday. */
export const PROJECTION_HISTORY_DAYS = 28;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Least-squares line through (x, y) points: intercept and slope. */
function fitLine(points: Array<[number, number]>): { a: number; b: number } {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce(
    (sum, [x, y]) => sum + (x - meanX) * (y - meanY),
    0,
  );
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: meanY - b * meanX, b };
}

/**
 * Daily calls for the next 30 days from the last full days: the weekday
 * pattern is measured (how busy each weekday is against the average), taken
 * out, a straight trend fitted to what is left, and the pattern put back.
 * Needs a week of history for the pattern; with less, the days are flat.
 */
export function projectUsage(
  integration: string,
  dayRollups: Pick<StoredRollup, 'start' | 'calls'>[],
  now: Date,
  prices: { perCall: number; fixedPerDay: number },
): UsageProjection {
  const today = startOfDay(now.getTime());
  const calls = new Map<number, number>();
  for (const rollup of dayRollups) {
    const day = startOfDay(Date.parse(rollup.start));
    if (day < today && day >= today - PROJECTION_HISTORY_DAYS * DAY_MS) {
      calls.set(day, (calls.get(day) ?? 0) + rollup.calls);
    }
  }
  // History starts at the first day with calls; days after it without any count as 0.
  const first = Math.min(...calls.keys());
  const days: Array<{ day: number; calls: number }> = [];
  if (Number.isFinite(first)) {
    for (let day = first; day < today; day += DAY_MS) {
      days.push({ day, calls: calls.get(day) ?? 0 });
    }
  }

  // Classic decomposition: a first trend line, each weekday's average ratio
  // to it (the pattern, scaled to average 1), then the trend again on the
  // days with the pattern taken out.
  const weekdayFactors = Array.from({ length: 7 }, () => 1);
  const average =
    days.reduce((sum, day) => sum + day.calls, 0) / Math.max(days.length, 1);
  if (days.length >= 7 && average > 0) {
    const rough = fitLine(days.map(({ calls: n }, index) => [index, n]));
    const ratios = Array.from({ length: 7 }, () => [] as number[]);
    days.forEach(({ day, calls: n }, index) => {
      const fitted = rough.a + rough.b * index;
      if (fitted > 0) {
        ratios[new Date(day).getUTCDay()].push(n / fitted);
      }
    });
    const means = ratios.map(list =>
      list.length ? list.reduce((sum, r) => sum + r, 0) / list.length : 1,
    );
    const scale = means.reduce((sum, m) => sum + m, 0) / 7;
    means.forEach((mean, weekday) => {
      weekdayFactors[weekday] = scale > 0 ? mean / scale : 1;
    });
  }
  const factorOf = (day: number) => weekdayFactors[new Date(day).getUTCDay()];
  const line = days.length
    ? fitLine(
        days.map(({ day, calls: n }, index) => [
          index,
          factorOf(day) > 0 ? n / factorOf(day) : average,
        ]),
      )
    : { a: 0, b: 0 };

  const daily = Array.from({ length: 30 }, (_, offset) => {
    const day = today + offset * DAY_MS;
    const level = line.a + line.b * (days.length + offset);
    return {
      date: new Date(day).toISOString().slice(0, 10),
      calls: Math.max(0, Math.round(level * factorOf(day))),
    };
  });
  const total = (n: number) =>
    daily.slice(0, n).reduce((sum, day) => sum + day.calls, 0);
  const cost = (n: number) =>
    Math.round((total(n) * prices.perCall + n * prices.fixedPerDay) * 100) /
    100;
  return {
    integration,
    basedOnDays: days.length,
    trendPerDay: Math.round(line.b * 10) / 10,
    weekdayFactors: weekdayFactors.map(f => Math.round(f * 100) / 100),
    next7Days: { calls: total(7), cost: cost(7) },
    next30Days: { calls: total(30), cost: cost(30) },
    daily,
  };
}

/** Limits above which a recommendation is worth an admin's time. */
const ERROR_RATE_WARNING = 5;
const PEAK_FACTOR = 3;

/**
 * What stands out in an integration's last days of usage: a high failure
 * rate, an endpoint slower than the integration's own alert threshold, a
 * budget on course to overrun, and load bunched into one hour of the day.
 */
export function recommendationsFor(
  integration: {
    name: string;
    responseTimeThresholdMs: number;
  },
  /**
   * The last week: its total rows (or every endpoint row) for sums, errors
   * and calls per hour, its endpoint rows for each endpoint's latency.
   */
  recent: { totals: StoredRollup[]; endpoints: StoredRollup[] },
  budgets: BudgetStatus[],
): UsageRecommendation[] {
  const { totals: recentHours, endpoints } = recent;
  const recommendations: UsageRecommendation[] = [];
  const calls = recentHours.reduce((sum, rollup) => sum + rollup.calls, 0);
  const failed = recentHours.reduce((sum, rollup) => sum + rollup.failed, 0);
  if (calls >= 20 && (failed / calls) * 100 >= ERROR_RATE_WARNING) {
    const errors: Record<string, number> = {};
    recentHours.forEach(rollup =>
      Object.entries(rollup.errors).forEach(([type, count]) => {
        errors[type] = (errors[type] ?? 0) + count;
      }),
    );
    const [commonest] = Object.entries(errors).sort((a, b) => b[1] - a[1]);
    recommendations.push({
      integration: integration.name,
      kind: commonest?.[0] === 'rate_limited' ? 'rate_limit' : 'errors',
      severity: (failed / calls) * 100 >= 20 ? 'critical' : 'warning',
      message: `${
        Math.round((failed / calls) * 1000) / 10
      } % of ${calls} calls failed${
        commonest ? `, mostly ${commonest[0]} (${commonest[1]})` : ''
      }.${
        commonest?.[0] === 'rate_limited'
          ? ' Lower the request rate or raise the rate-limit buffer so the client waits before the limit.'
          : ' See the Errors by type chart and the Troubleshooting guides.'
      }`,
    });
  }

  const byEndpoint = new Map<string, LatencyHistogram>();
  for (const rollup of endpoints) {
    const key = `${rollup.method} ${rollup.endpoint}`;
    byEndpoint.set(
      key,
      mergeHistograms(byEndpoint.get(key) ?? {}, rollup.latency),
    );
  }
  for (const [endpoint, latency] of byEndpoint) {
    const p95 = quantileOf(latency, 0.95);
    if (p95 !== undefined && p95 > integration.responseTimeThresholdMs) {
      recommendations.push({
        integration: integration.name,
        kind: 'latency',
        severity: 'warning',
        message: `${endpoint} answers in ${Math.round(
          p95,
        )} ms at p95, over the ${
          integration.responseTimeThresholdMs
        } ms threshold: cache its answers or move the call off the request path.`,
      });
    }
  }

  for (const budget of budgets) {
    if (
      budget.status !== 'ok' &&
      budget.integrations.some(entry => entry.name === integration.name)
    ) {
      recommendations.push({
        integration: integration.name,
        kind: 'budget',
        severity: budget.status === 'critical' ? 'critical' : 'warning',
        message: `The ${budget.scope} budget of ${budget.name} is ${
          budget.percentUsed
        } % spent, ${budget.projected.toFixed(2)} ${
          budget.currency
        } projected of ${budget.monthly.toFixed(2)} for the month.`,
      });
    }
  }

  const byHour = Array.from({ length: 24 }, () => 0);
  recentHours.forEach(rollup => {
    if (rollup.callsByHour) {
      rollup.callsByHour.forEach((count, hour) => {
        byHour[hour] += count;
      });
    } else {
      byHour[new Date(rollup.start).getUTCHours()] += rollup.calls;
    }
  });
  const busiest = byHour.indexOf(Math.max(...byHour));
  if (calls >= 100 && byHour[busiest] > (PEAK_FACTOR * calls) / 24) {
    recommendations.push({
      integration: integration.name,
      kind: 'peak',
      severity: 'info',
      message: `${Math.round(
        (byHour[busiest] / calls) * 100,
      )} % of calls come between ${String(busiest).padStart(
        2,
        '0',
      )}:00 and ${String((busiest + 1) % 24).padStart(
        2,
        '0',
      )}:00 UTC; spreading batch jobs over quieter hours keeps clear of rate limits.`,
    });
  }
  return recommendations;
}
