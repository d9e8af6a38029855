import { WebhookEndpoint } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';

/** The figures an endpoint's row shows. */
export type EndpointStatistics = WebhookEndpoint['statistics'];

/** Response times come from an endpoint's latest attempted deliveries: recent behaviour, bounded work. */
const RECENT_DELIVERIES = 500;

const EMPTY: EndpointStatistics = {
  totalDeliveries: 0,
  successfulDeliveries: 0,
  failedDeliveries: 0,
  pendingDeliveries: 0,
  averageResponseTime: 0,
  p95ResponseTime: 0,
};

export async function statisticsOf(
  db: Knex,
  endpointIds: string[],
): Promise<Map<string, EndpointStatistics>> {
  const stats = new Map<string, EndpointStatistics>(
    endpointIds.map(id => [id, { ...EMPTY }]),
  );
  if (endpointIds.length === 0) {
    return stats;
  }
  const counts: Array<{
    endpoint_id: string;
    status: string;
    count: number | string;
  }> = await db('webhook_deliveries')
    .whereIn('endpoint_id', endpointIds)
    .groupBy('endpoint_id', 'status')
    .select('endpoint_id', 'status')
    .count({ count: '*' });
  for (const row of counts) {
    const figures = stats.get(row.endpoint_id)!;
    const count = Number(row.count);
    figures.totalDeliveries += count;
    if (row.status === 'delivered') figures.successfulDeliveries += count;
    if (row.status === 'failed') figures.failedDeliveries += count;
    if (row.status === 'pending') figures.pendingDeliveries += count;
  }
  for (const id of endpointIds) {
    const figures = stats.get(id)!;
    const finished = figures.successfulDeliveries + figures.failedDeliveries;
    if (finished > 0) {
      figures.successRate = figures.successfulDeliveries / finished;
    }
    const recent: Array<{
      last_duration_ms: number;
      last_attempt_at: Date | string;
      status: string;
    }> = await db('webhook_deliveries')
      .where('endpoint_id', id)
      .whereNotNull('last_attempt_at')
      .orderBy('seq', 'desc')
      .limit(RECENT_DELIVERIES)
      .select('last_duration_ms', 'last_attempt_at', 'status');
    if (recent.length === 0) {
      continue;
    }
    const times = recent
      .map(row => Number(row.last_duration_ms))
      .sort((a, b) => a - b);
    figures.averageResponseTime = Math.round(
      times.reduce((sum, t) => sum + t, 0) / times.length,
    );
    figures.p95ResponseTime =
      times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)];
    const latest = recent.reduce((a, b) =>
      Date.parse(toIsoString(a.last_attempt_at)) >=
      Date.parse(toIsoString(b.last_attempt_at))
        ? a
        : b,
    );
    figures.lastDelivery = toIsoString(latest.last_attempt_at);
    figures.lastDeliveryStatus =
      latest.status === 'delivered' ? 'delivered' : 'failed';
  }
  return stats;
}
