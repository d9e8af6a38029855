import {
  IntegrationUsageAnalytics,
  IntegrationUsageMetrics,
} from '@internal/plugin-integrations-common';
import { DateTime } from 'luxon';

/** How many integrations (or error types) a chart draws before it groups the rest. */
export const TOP_N = 8;

export const OTHERS = 'Others';

export const PERIOD_PRESETS = [
  { id: '1h', label: 'Last hour', hours: 1 },
  { id: '24h', label: '24 hours', hours: 24 },
  { id: '7d', label: '7 days', hours: 24 * 7 },
  { id: '30d', label: '30 days', hours: 24 * 30 },
] as const;

export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['id'];

/** A period ending now, or one the admin typed (UTC, as `yyyy-MM-ddTHH:mm`). */
export type Period =
  | { preset: PeriodPreset }
  | { preset: 'custom'; from: string; to: string };

/**
 * The `from` and `to` of a request: presets end at the current minute, so
 * that asking again within the minute asks the same; a custom period is sent
 * as typed, in UTC, and the backend names a field it cannot read.
 */
export function periodRange(
  period: Period,
  now: Date,
): { from: string; to: string } {
  if (period.preset === 'custom') {
    return { from: utcInput(period.from), to: utcInput(period.to) };
  }
  const hours = PERIOD_PRESETS.find(p => p.id === period.preset)!.hours;
  const to = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('minute');
  return {
    from: to.minus({ hours }).toISO({ suppressMilliseconds: true })!,
    to: to.toISO({ suppressMilliseconds: true })!,
  };
}

function utcInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

/** `yyyy-MM-ddTHH:mm` in UTC, for a datetime-local input. */
export function toUtcInput(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** A chart series: one integration, or the rest grouped. */
export interface Series {
  /** A key safe for recharts' dataKey. */
  key: string;
  label: string;
  /** The names of the integrations it stands for. */
  members: string[];
}

/**
 * The `limit` largest by `size` as series of their own, and the rest as one
 * "Others" series, so a chart stays readable with hundreds of integrations.
 */
export function topSeries(sizes: Map<string, number>, limit = TOP_N): Series[] {
  const ranked = [...sizes.entries()]
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = ranked.slice(0, limit).map(([name], index) => ({
    key: `s${index}`,
    label: name,
    members: [name],
  }));
  const rest = ranked.slice(limit).map(([name]) => name);
  return rest.length
    ? [
        ...top,
        {
          key: 'others',
          label: `${OTHERS} (${rest.length})`,
          members: rest,
        },
      ]
    : top;
}

/** One chart row per bucket: its label and a value per series. */
export type SeriesRow = { time: string; label: string } & Record<
  string,
  number | string
>;

/** Sums each series' members per bucket. */
export function seriesRows(
  points: Array<{ time: string; values: Record<string, number> }>,
  series: Series[],
  granularity: IntegrationUsageAnalytics['granularity'],
  spanHours: number,
): SeriesRow[] {
  return points.map(point => {
    const row: SeriesRow = {
      time: point.time,
      label: timeLabel(point.time, granularity, spanHours),
    };
    for (const { key, members } of series) {
      row[key] = members.reduce(
        (sum, name) => sum + (point.values[name] ?? 0),
        0,
      );
    }
    return row;
  });
}

const BUCKET_MS: Record<IntegrationUsageAnalytics['granularity'], number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** Enough buckets for any period the backend answers; beyond it, the series is left as sent. */
const MAX_BUCKETS = 5000;

/**
 * The series with a point for every bucket of the period: the backend sends
 * only buckets with calls, and a chart joining the ones it has would draw
 * calls across quiet stretches. Missing buckets get `empty(time)`.
 */
export function everyBucket<T extends { time: string }>(
  points: T[],
  period: { start: string; end: string },
  granularity: IntegrationUsageAnalytics['granularity'],
  empty: (time: string) => T,
): T[] {
  const step = BUCKET_MS[granularity];
  const first = Math.floor(Date.parse(period.start) / step) * step;
  const end = Date.parse(period.end);
  if (!Number.isFinite(first) || (end - first) / step > MAX_BUCKETS) {
    return points;
  }
  const byTime = new Map(points.map(point => [Date.parse(point.time), point]));
  const filled: T[] = [];
  for (let at = first; at < end; at += step) {
    filled.push(byTime.get(at) ?? empty(new Date(at).toISOString()));
    byTime.delete(at);
  }
  // Points off the grid (none expected) are kept rather than lost.
  return [...filled, ...byTime.values()].sort((a, b) =>
    a.time.localeCompare(b.time),
  );
}

/** About as many bars as a chart has room for; counts beyond it are added up. */
export const MAX_COUNT_POINTS = 300;

/**
 * Counts per bucket merged `factor` buckets at a time, so a day of minutes
 * draws as 5-minute bars a person can see rather than sub-pixel spikes.
 * Only counts add up like this; percentiles never do.
 */
export function mergeCountBuckets(
  points: Array<{ time: string; values: Record<string, number> }>,
  maxPoints = MAX_COUNT_POINTS,
): {
  points: Array<{ time: string; values: Record<string, number> }>;
  factor: number;
} {
  const factor = Math.max(1, Math.ceil(points.length / maxPoints));
  if (factor === 1) {
    return { points, factor };
  }
  const merged = [];
  for (let i = 0; i < points.length; i += factor) {
    const group = points.slice(i, i + factor);
    const values: Record<string, number> = {};
    for (const point of group) {
      for (const [key, count] of Object.entries(point.values)) {
        values[key] = (values[key] ?? 0) + count;
      }
    }
    merged.push({ time: group[0].time, values });
  }
  return { points: merged, factor };
}

/** "minute", "5 minutes", "hour", "3 hours": the size of a merged bucket. */
export function bucketName(
  granularity: IntegrationUsageAnalytics['granularity'],
  factor: number,
): string {
  return factor === 1 ? granularity : `${factor} ${granularity}s`;
}

/** "14:05" within a day, "3 Mar 14:00" within weeks, "3 Mar" for days; UTC. */
export function timeLabel(
  time: string,
  granularity: IntegrationUsageAnalytics['granularity'],
  spanHours: number,
): string {
  const at = DateTime.fromISO(time, { zone: 'utc' });
  if (!at.isValid) {
    return time;
  }
  if (granularity === 'day') {
    return at.toFormat('d LLL');
  }
  return at.toFormat(spanHours <= 24 ? 'HH:mm' : 'd LLL HH:mm');
}

/** The period's length in hours. */
export function spanHoursOf(period: { start: string; end: string }): number {
  return (Date.parse(period.end) - Date.parse(period.start)) / 3_600_000;
}

/** The figures at the top of the page, over every integration shown. */
export interface UsageTotals {
  calls: number;
  failed: number;
  /** Percent of calls that failed; null without calls. */
  errorRate: number | null;
  bytes: number;
  /** The highest p95 of any integration, and whose it is. */
  slowestP95: { integration: string; ms: number } | null;
}

export function totalsOf(
  metrics: Record<string, IntegrationUsageMetrics>,
): UsageTotals {
  let calls = 0;
  let failed = 0;
  let bytes = 0;
  let slowestP95: UsageTotals['slowestP95'] = null;
  for (const m of Object.values(metrics)) {
    calls += m.apiCallMetrics.totalCalls;
    failed += m.apiCallMetrics.failedCalls;
    bytes += m.dataTransferMetrics.totalDataTransferred;
    const p95 = m.responseTimeMetrics.p95ResponseTime;
    if (p95 !== null && (!slowestP95 || p95 > slowestP95.ms)) {
      slowestP95 = { integration: m.integration, ms: p95 };
    }
  }
  return {
    calls,
    failed,
    errorRate: calls > 0 ? (failed / calls) * 100 : null,
    bytes,
    slowestP95,
  };
}

/** Adds up counts keyed by name, e.g. errors by type over integrations. */
export function sumCounts(
  counts: Array<Record<string, number>>,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const entry of counts) {
    for (const [key, count] of Object.entries(entry)) {
      sums.set(key, (sums.get(key) ?? 0) + count);
    }
  }
  return sums;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

export function formatMs(ms: number | null): string {
  return ms === null ? '—' : `${formatCount(ms)} ms`;
}

export function formatRate(percent: number | null): string {
  if (percent === null) {
    return '—';
  }
  return `${percent < 10 ? percent.toFixed(2) : percent.toFixed(1)} %`;
}

/** 1234.5 in EUR → "€1,234.50"; small amounts keep enough digits to differ from nothing. */
export function formatMoney(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 1 ? 4 : 2;
  try {
    return amount.toLocaleString('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    });
  } catch {
    // A currency code Intl does not know is still shown, after the figure.
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

/** "in 2 hours", "3 minutes ago": how far a moment is from `now`. */
export function fromNow(iso: string, now: Date): string {
  const at = DateTime.fromISO(iso);
  return at.isValid
    ? at.toRelative({ base: DateTime.fromJSDate(now) }) ?? iso
    : iso;
}

/** "14:05 UTC" today, "29 Nov 14:05 UTC" on another day. */
export function utcClock(iso: string, now: Date): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' });
  if (!at.isValid) {
    return iso;
  }
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).hasSame(at, 'day');
  return `${at.toFormat(today ? 'HH:mm' : 'd LLL HH:mm')} UTC`;
}
