import { Knex } from 'knex';
import { WebhookDeliveryStatus } from '@internal/plugin-integrations-common';
import { MAX_STORED_RESPONSE_BODY } from './deliveryRows';
import { AttemptOutcome, ClaimedDelivery } from './deliveryTypes';

/** Rows per bulk UPDATE, well under PostgreSQL's limit of bound parameters. */
const UPDATE_ROWS_PER_STATEMENT = 500;

export function statusAfter(outcome: AttemptOutcome): WebhookDeliveryStatus {
  if (outcome.success) {
    return 'delivered';
  }
  return outcome.nextAttemptAt && !outcome.final ? 'pending' : 'failed';
}

export function finishedAt(outcome: AttemptOutcome): Date {
  return new Date(outcome.startedAt.getTime() + outcome.durationMs);
}

export function attemptRow(claim: ClaimedDelivery, outcome: AttemptOutcome) {
  return {
    delivery_seq: claim.seq,
    attempt_number: claim.attempts + 1,
    started_at: outcome.startedAt,
    duration_ms: Math.round(outcome.durationMs),
    success: outcome.success,
    response_status: outcome.status ?? null,
    request_headers: JSON.stringify(outcome.requestHeaders),
    response_headers: outcome.responseHeaders
      ? JSON.stringify(outcome.responseHeaders)
      : null,
    response_body:
      outcome.responseBody?.slice(0, MAX_STORED_RESPONSE_BODY) ?? null,
    error: outcome.error?.slice(0, 1000) ?? null,
  };
}

/** Each delivery's state after its attempt, where the caller still holds its lease. */
export async function moveOn(
  tx: Knex.Transaction,
  owner: string,
  results: Array<{ claim: ClaimedDelivery; outcome: AttemptOutcome }>,
): Promise<void> {
  const rows = results.map(({ claim, outcome }) => {
    const status = statusAfter(outcome);
    return {
      seq: claim.seq,
      status,
      attempts: claim.attempts + 1,
      next_attempt_at: status === 'pending' ? outcome.nextAttemptAt! : null,
      last_status: outcome.status ?? null,
      last_error: outcome.error?.slice(0, 1000) ?? null,
      last_duration_ms: Math.round(outcome.durationMs),
      last_attempt_at: outcome.startedAt,
      completed_at: status === 'pending' ? null : finishedAt(outcome),
    };
  });
  if (tx.client.config.client !== 'pg') {
    // SQLite runs in the process: one statement per row costs no round trip.
    for (const { seq, ...columns } of rows) {
      await tx('webhook_deliveries')
        .where({ seq, leased_by: owner })
        .update({ ...columns, leased_until: null, leased_by: null });
    }
    return;
  }
  // PostgreSQL: the whole round in one statement, not one round trip per row.
  for (let i = 0; i < rows.length; i += UPDATE_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + UPDATE_ROWS_PER_STATEMENT);
    await tx.raw(
      `UPDATE webhook_deliveries AS d SET
         status = v.status, attempts = v.attempts,
         next_attempt_at = v.next_attempt_at, leased_until = NULL, leased_by = NULL,
         last_status = v.last_status, last_error = v.last_error,
         last_duration_ms = v.last_duration_ms, last_attempt_at = v.last_attempt_at,
         completed_at = v.completed_at
       FROM (VALUES ${chunk
         .map(
           () =>
             '(?::bigint, ?::text, ?::int, ?::timestamptz, ?::int, ?::text, ?::int, ?::timestamptz, ?::timestamptz)',
         )
         .join(', ')})
         AS v(seq, status, attempts, next_attempt_at, last_status, last_error,
              last_duration_ms, last_attempt_at, completed_at)
       WHERE d.seq = v.seq AND d.leased_by = ?`,
      [
        ...chunk.flatMap(row => [
          row.seq,
          row.status,
          row.attempts,
          row.next_attempt_at,
          row.last_status,
          row.last_error,
          row.last_duration_ms,
          row.last_attempt_at,
          row.completed_at,
        ]),
        owner,
      ],
    );
  }
}
