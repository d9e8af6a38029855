import { Knex } from 'knex';
import { ErrorOccurrence } from './errorOccurrence';
import { GroupRow, toGroup } from './errorRows';

/**
 * A resolved group that happens again reopens as a regression; a snoozed
 * one wakes when its time, count or rate is reached.
 */
export async function triageOnArrival(
  tx: Knex.Transaction,
  groupId: string,
  fresh: ErrorOccurrence[],
  now: Date,
): Promise<{ regressed: boolean; woke: boolean }> {
  const [row] = await tx<GroupRow>('error_groups').where('id', groupId);
  const group = toGroup(row);
  const update: Record<string, unknown> = {};
  const history: Array<{ action: string; details: string }> = [];
  const newest = fresh.reduce((a, b) => (a.occurredAt >= b.occurredAt ? a : b));
  if (Date.parse(newest.occurredAt) > Date.parse(group.lastSeen)) {
    update.last_seen = new Date(newest.occurredAt);
  }
  const resolvedAt = group.resolution.resolvedAt;
  const regressed =
    group.status === 'resolved' &&
    fresh.some(
      o => !resolvedAt || Date.parse(o.occurredAt) > Date.parse(resolvedAt),
    );
  if (regressed) {
    Object.assign(update, {
      status: 'open',
      regressed: true,
      resolution_status: 'unresolved',
    });
    history.push({
      action: 'regressed',
      details: `Happened again after it was resolved${
        group.resolution.resolvedBy ? ` by ${group.resolution.resolvedBy}` : ''
      }: ${newest.message.slice(0, 500)}`,
    });
  }
  let woke = false;
  if (group.snooze) {
    const { until, untilOccurrences, ratePerHour } = group.snooze;
    const left =
      untilOccurrences === undefined
        ? undefined
        : untilOccurrences - fresh.length;
    let reason: string | undefined;
    if (until && Date.parse(until) <= now.getTime()) {
      reason = `the snooze until ${until} ended`;
    } else if (left !== undefined && left <= 0) {
      reason = 'the events it waited for arrived';
    } else if (ratePerHour !== undefined) {
      const lastHour = await countSince(
        tx,
        groupId,
        new Date(now.getTime() - 3_600_000),
      );
      if (lastHour > ratePerHour) {
        reason = `${lastHour} events in the last hour, more than ${ratePerHour}`;
      }
    }
    if (reason) {
      woke = true;
      Object.assign(update, {
        snooze_until: null,
        snooze_until_occurrences: null,
        snooze_rate_per_hour: null,
        snoozed_by: null,
        snoozed_at: null,
      });
      history.push({ action: 'woke', details: `Woke: ${reason}.` });
    } else if (left !== undefined) {
      update.snooze_until_occurrences = left;
    }
  }
  if (Object.keys(update).length) {
    await tx('error_groups').where('id', groupId).update(update);
  }
  if (history.length) {
    await tx('error_group_history').insert(
      history.map(entry => ({
        group_id: groupId,
        at: now,
        actor: 'integrations-backend',
        ...entry,
      })),
    );
  }
  return { regressed, woke };
}

/** Events of a group, and of the groups merged into it, since a time. */
export async function countSince(
  db: Knex,
  groupId: string,
  since: Date,
): Promise<number> {
  const merged = db('error_groups').where('merged_into', groupId).select('id');
  const [{ count }] = await db('error_events')
    .where(builder =>
      builder.where('group_id', groupId).orWhereIn('group_id', merged),
    )
    .where('occurred_at', '>=', since)
    .count({ count: '*' });
  return Number(count);
}
