import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import { stringify } from 'csv-stringify/sync';

/** What the CSV says of each integration besides its usage. */
export interface ExportedIntegration {
  name: string;
  displayName: string;
  owner: string;
}

/** The columns, in order: what finance and operations read per integration. */
const COLUMNS = [
  'integration',
  'displayName',
  'owner',
  'environment',
  'periodStart',
  'periodEnd',
  'totalCalls',
  'successfulCalls',
  'failedCalls',
  'errorRatePercent',
  'p50Ms',
  'p95Ms',
  'p99Ms',
  'averageMs',
  'totalBytes',
  'averageRequestBytes',
  'averageResponseBytes',
  'cost',
  'currency',
  'priced',
  'previousPeriodCalls',
  'previousPeriodCost',
] as const;

/**
 * Usage over a period as CSV, one row per integration, for spreadsheets.
 * Bytes are the total and the average per call each way, as analytics keeps
 * them; `priced` is false where no price list names the integration, so its
 * cost of 0 is unknown rather than free.
 */
export function usageCsv(
  analytics: IntegrationUsageAnalytics,
  integrations: ExportedIntegration[],
): string {
  const byName = new Map(integrations.map(i => [i.name, i]));
  const rows = Object.values(analytics.usageMetrics)
    .sort((a, b) => a.integration.localeCompare(b.integration))
    .map(metrics => {
      const name = metrics.integration;
      const cost = analytics.costAnalysis[name];
      const previous = analytics.previousPeriod.usageMetrics[name];
      const { apiCallMetrics: calls, responseTimeMetrics: latency } = metrics;
      return {
        integration: name,
        displayName: byName.get(name)?.displayName ?? '',
        owner: byName.get(name)?.owner ?? cost?.owner ?? '',
        environment: analytics.environment,
        periodStart: analytics.period.start,
        periodEnd: analytics.period.end,
        totalCalls: calls.totalCalls,
        successfulCalls: calls.successfulCalls,
        failedCalls: calls.failedCalls,
        errorRatePercent: metrics.errorMetrics.errorRate,
        p50Ms: latency.p50ResponseTime ?? '',
        p95Ms: latency.p95ResponseTime ?? '',
        p99Ms: latency.p99ResponseTime ?? '',
        averageMs: latency.averageResponseTime ?? '',
        totalBytes: metrics.dataTransferMetrics.totalDataTransferred,
        averageRequestBytes: metrics.dataTransferMetrics.averageRequestSize,
        averageResponseBytes: metrics.dataTransferMetrics.averageResponseSize,
        cost: cost?.totalCost ?? '',
        currency: cost?.currency ?? analytics.costSummary.currency,
        priced: cost ? String(cost.priced) : '',
        previousPeriodCalls: previous?.apiCallMetrics.totalCalls ?? '',
        previousPeriodCost: cost?.previousPeriodCost ?? '',
      };
    });
  return stringify(rows, {
    header: true,
    columns: [...COLUMNS],
    // Names and display names are typed by people: a spreadsheet must show
    // `=HYPERLINK(…)` as text, not run it. Numbers keep their sign.
    escape_formulas: true,
  });
}
