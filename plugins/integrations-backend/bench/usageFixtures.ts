/**
 * Usage as a company's services report it: events with a long tail of
 * response times and a few failures, and 30 days of it stored raw and
 * rolled up, for the benchmarks that need a company's history.
 */
import { UsageEvent } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { randomSource } from './benchFixtures';
import { toRow } from '../src/usage/usageRollupRows';
import { usageEventRow } from '../src/usage/UsageEventStore';
import {
  Granularity,
  UsageRollup,
  bucketStart,
  callsByHourOf,
  keyOf,
  mergeRollups,
  rollUpEvents,
  totalOf,
} from '../src/usage/usageRollup';

const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const ENDPOINTS = [
  ['POST', '/v1/charges'],
  ['GET', '/v1/customers/{id}'],
  ['GET', '/v1/balance'],
  ['POST', '/v3/smtp/email'],
  ['GET', '/repos/{owner}/{repo}'],
] as const;

/** A rate limit or an outage for a failed call, half each. */
function failedStatus(failed: boolean, random: () => number): number {
  if (!failed) {
    return 200;
  }
  return random() < 0.5 ? 429 : 503;
}

/** Response times with a long tail, as APIs have them. */
function durationOf(random: () => number): number {
  const base = 60 + random() * 240;
  return random() < 0.03 ? base * (4 + random() * 10) : base;
}

export function eventOf(
  id: string,
  integration: string,
  at: number,
  random: () => number,
): UsageEvent {
  const [method, endpoint] = ENDPOINTS[Math.floor(random() * ENDPOINTS.length)];
  const failed = random() < 0.02;
  return {
    id,
    integration,
    environment: 'production',
    endpoint,
    method,
    status: failedStatus(failed, random),
    durationMs: Math.round(durationOf(random) * 10) / 10,
    requestBytes: 200 + Math.floor(random() * 800),
    responseBytes: 500 + Math.floor(random() * 5000),
    occurredAt: new Date(at).toISOString(),
  };
}

/** 30 days of usage, stored raw and rolled up to hours and days. */
export async function seedThirtyDays(db: Knex, names: string[], total: number) {
  const random = randomSource(11);
  const now = Date.now();
  const firstHour = bucketStart(now - 30 * DAY_MS, 'hour').getTime();
  const hours = Math.floor((now - firstHour) / HOUR_MS);
  const perHour = total / names.length / hours;
  let stored = 0;
  let rawRows: Record<string, unknown>[] = [];
  let rollupRows: Record<string, unknown>[] = [];
  const flush = async (force: boolean, knex: Knex) => {
    if (rawRows.length >= 1000 || (force && rawRows.length)) {
      await knex.batchInsert('usage_events', rawRows, 500);
      rawRows = [];
    }
    if (rollupRows.length >= 300 || (force && rollupRows.length)) {
      await knex.batchInsert('usage_rollups', rollupRows, 100);
      rollupRows = [];
    }
  };
  const rowOf = (
    rollup: UsageRollup,
    granularity: Granularity,
    integration: string,
    start: number,
  ) =>
    toRow(
      rollup,
      granularity,
      { integration, environment: 'production', start: new Date(start) },
      new Date(start),
    );
  const pushDay = (
    dayHours: Array<UsageRollup & { start: string }>,
    integration: string,
    day: number,
  ) => {
    const hourly = callsByHourOf(dayHours);
    const days = mergeRollups(dayHours).map(rollup => ({
      ...rollup,
      callsByHour: hourly.get(keyOf(rollup)),
    }));
    [...days, ...(days.length ? [totalOf(days)] : [])].forEach(rollup =>
      rollupRows.push(rowOf(rollup, 'day', integration, day)),
    );
  };

  for (const integration of names) {
    // One transaction per integration: SQLite would otherwise sync each insert.
    const knex = await db.transaction();
    let dayRollups: Array<UsageRollup & { start: string }> = [];
    let day = bucketStart(firstHour, 'day').getTime();
    for (let h = 0; h < hours; h++) {
      const hourStart = firstHour + h * HOUR_MS;
      if (bucketStart(hourStart, 'day').getTime() !== day) {
        pushDay(dayRollups, integration, day);
        dayRollups = [];
        day = bucketStart(hourStart, 'day').getTime();
      }
      // Busier in working hours.
      const hourOfDay = new Date(hourStart).getUTCHours();
      const busy = hourOfDay >= 8 && hourOfDay < 18 ? 1.6 : 0.55;
      const count = Math.max(
        0,
        Math.round(perHour * busy * (0.8 + random() * 0.4)),
      );
      const events = Array.from({ length: count }, (_, i) =>
        eventOf(
          `seed-${integration}-${h}-${i}`,
          integration,
          hourStart + Math.floor(random() * HOUR_MS),
          random,
        ),
      );
      stored += events.length;
      for (const event of events) {
        rawRows.push(
          usageEventRow(event, { source: 'api', receivedAt: new Date() }),
        );
        if (rawRows.length >= 1000) await flush(false, knex);
      }
      const hourly = rollUpEvents(events);
      if (hourly.length) {
        rollupRows.push(rowOf(totalOf(hourly), 'hour', integration, hourStart));
      }
      dayRollups.push(
        ...hourly.map(rollup => ({
          ...rollup,
          start: new Date(hourStart).toISOString(),
        })),
      );
      for (const rollup of hourly) {
        rollupRows.push(rowOf(rollup, 'hour', integration, hourStart));
      }
      await flush(false, knex);
    }
    pushDay(dayRollups, integration, day);
    await flush(true, knex);
    await knex.commit();
  }
  return stored;
}
