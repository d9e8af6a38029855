import {
  HealthHistoryPoint,
  HealthHistoryResponse,
  HealthRange,
} from '@internal/plugin-integrations-common';
import { DateTime } from 'luxon';

/** One bucket across integrations: its time, and one value per integration. */
export type ChartRow = { at: string; label: string } & Record<
  string,
  number | string | null
>;

/**
 * One colour per series, as many as there are series: hues spread evenly round
 * the colour wheel, neighbours alternating between a darker and a lighter
 * shade, so that no two of 14 integrations share a colour.
 */
export function seriesColours(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const hue = Math.round((210 + (index * 360) / Math.max(count, 1)) % 360);
    const lightness = index % 2 === 0 ? 42 : 58;
    return `hsl(${hue}, 70%, ${lightness}%)`;
  });
}

/** "14:00" within a day, "3 Mar" over longer ranges. */
export function bucketLabel(at: string, range: HealthRange): string {
  const time = DateTime.fromISO(at);
  if (!time.isValid) {
    return at;
  }
  return time.toFormat(range === '24h' ? 'HH:mm' : 'd LLL');
}

/** Percent of failed checks in a bucket; null without checks. */
export function errorRateOf(point: HealthHistoryPoint): number | null {
  return point.checks > 0
    ? Number(((point.failures / point.checks) * 100).toFixed(2))
    : null;
}

/** The series side by side, one row per bucket time, for a multi-series chart. */
export function chartRows(
  history: HealthHistoryResponse,
  value: (point: HealthHistoryPoint) => number | null,
): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  for (const { integration, points } of history.series) {
    for (const point of points) {
      const row = rows.get(point.at) ?? {
        at: point.at,
        label: bucketLabel(point.at, history.range),
      };
      row[integration] = value(point);
      rows.set(point.at, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/** Whether any row has a value for any series. */
export function hasValues(rows: ChartRow[]): boolean {
  return rows.some(row =>
    Object.entries(row).some(
      ([key, value]) => key !== 'at' && key !== 'label' && value !== null,
    ),
  );
}

/** Whether any bucket of any series has a check. */
export function hasChecks(history: HealthHistoryResponse): boolean {
  return history.series.some(series =>
    series.points.some(point => point.checks > 0),
  );
}
