import { DatabaseService } from '@backstage/backend-plugin-api';
import { WebhookDelivery } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { EndpointRow, StoredEndpoint, toEndpoint } from './endpointRows';
import { AttemptRow, DeliveryRow, toDelivery } from './deliveryRows';
import { deliveryRow, insertInChunks } from './WebhookOutbox';
import { attemptRow, finishedAt, moveOn } from './attemptRecords';
import {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryFilter,
} from './deliveryTypes';
import { EndpointStatistics, statisticsOf } from './endpointStatistics';

export type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryFilter,
} from './deliveryTypes';

/** How long a claim holds a delivery; a dispatcher that dies holds it this long. */
export const LEASE_MS = 90_000;

/** Deliveries and their attempts; the dispatchers' queue. */
export class WebhookDeliveryStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<WebhookDeliveryStore> {
    return new WebhookDeliveryStore(await options.database.getClient());
  }

  constructor(private readonly db: Knex) {}

  /**
   * Leases up to `limit` due deliveries of active endpoints to `owner`. On
   * PostgreSQL rows another dispatcher is claiming are skipped, not waited
   * for; SQLite has one writer at a time. An ordered endpoint gives out only
   * the oldest unfinished delivery of each ordering key.
   */
  async claimDue(
    owner: string,
    now: Date,
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    const db = this.db;
    const due = db('webhook_deliveries as d')
      .join('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .where('d.status', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where(q =>
        q.whereNull('d.leased_until').orWhere('d.leased_until', '<', now),
      )
      .where('e.status', 'active')
      .where(q =>
        q
          .where('e.ordered', false)
          .orWhereNotExists(
            db('webhook_deliveries as p')
              .whereRaw('p.endpoint_id = d.endpoint_id')
              .whereRaw('p.ordering_key = d.ordering_key')
              .where('p.status', 'pending')
              .whereRaw('p.seq < d.seq'),
          ),
      )
      .orderBy('d.next_attempt_at')
      .limit(limit)
      .select('d.seq');
    if (db.client.config.client === 'pg') {
      due.forUpdate('d').skipLocked();
    }
    // One statement: the choice and the lease commit together, in one round trip.
    const leased: Array<{ seq: number | string }> = await db(
      'webhook_deliveries',
    )
      .whereIn('seq', due)
      .update({
        leased_until: new Date(now.getTime() + LEASE_MS),
        leased_by: owner,
      })
      .returning('seq');
    const seqs = leased.map(row => Number(row.seq));
    if (seqs.length === 0) {
      return [];
    }
    const rows: Array<
      DeliveryRow & EndpointRow & { payload: string; e_id: string }
    > = await this.db('webhook_deliveries as d')
      .join('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .join('webhook_events as ev', 'ev.id', 'd.event_id')
      .whereIn('d.seq', seqs)
      .select(
        'e.*',
        'e.id as e_id',
        'd.seq',
        'd.id as delivery_id',
        'd.attempts',
        'd.max_attempts',
        'd.event_id',
        'd.event_type',
        'd.environment as delivery_environment',
        'ev.payload',
      )
      .orderBy('d.next_attempt_at');
    // A round often goes to few endpoints: read each once.
    const endpoints = new Map<string, StoredEndpoint>();
    const endpointOf = (row: any) => {
      let endpoint = endpoints.get(row.e_id);
      if (!endpoint) {
        endpoint = toEndpoint({ ...row, id: row.e_id });
        endpoints.set(row.e_id, endpoint);
      }
      return endpoint;
    };
    return rows.map((row: any) => ({
      seq: Number(row.seq),
      id: row.delivery_id,
      attempts: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      eventId: row.event_id,
      eventType: row.event_type,
      integration: row.integration_name,
      environment: row.delivery_environment,
      body: row.payload,
      endpoint: endpointOf(row),
    }));
  }

  /**
   * Records a round's attempts in one transaction (one commit, not one per
   * delivery) and moves each delivery on if its lease is still the caller's:
   * a dispatcher that outlived its lease records what it sent but leaves the
   * delivery to the one that took it over.
   */
  async recordAttempts(
    owner: string,
    results: Array<{ claim: ClaimedDelivery; outcome: AttemptOutcome }>,
  ): Promise<void> {
    if (results.length === 0) {
      return;
    }
    await this.db.transaction(async tx => {
      await insertInChunks(
        tx,
        'webhook_attempts',
        results.map(({ claim, outcome }) => attemptRow(claim, outcome)),
      );
      await moveOn(tx, owner, results);
      // Per endpoint: whether the round disabled it, and what its latest
      // attempt says about its failing streak.
      const latest = new Map<string, AttemptOutcome>();
      const disabled = new Map<string, string>();
      for (const { claim, outcome } of results) {
        const id = claim.endpoint.id;
        const seen = latest.get(id);
        if (!seen || seen.startedAt <= outcome.startedAt) {
          latest.set(id, outcome);
        }
        if (outcome.disableEndpoint) {
          disabled.set(id, outcome.disableEndpoint);
        }
      }
      for (const [id, outcome] of latest) {
        const endpoint = tx('webhook_endpoints').where('id', id);
        const reason = disabled.get(id);
        if (reason) {
          await endpoint.clone().update({
            status: 'disabled',
            disabled_reason: reason.slice(0, 500),
            updated_at: finishedAt(outcome),
          });
        }
        if (outcome.success) {
          await endpoint
            .clone()
            .whereNotNull('failing_since')
            .update({ failing_since: null });
        } else {
          await endpoint
            .clone()
            .whereNull('failing_since')
            .update({ failing_since: outcome.startedAt });
        }
      }
    });
  }

  /** Puts a claimed delivery back untried, due at `until` (its endpoint's breaker is open). */
  async defer(
    claim: ClaimedDelivery,
    owner: string,
    until: Date,
  ): Promise<void> {
    await this.db('webhook_deliveries')
      .where({ seq: claim.seq, leased_by: owner })
      .update({ next_attempt_at: until, leased_until: null, leased_by: null });
  }

  async list(
    filter: DeliveryFilter,
  ): Promise<{ items: WebhookDelivery[]; totalCount: number }> {
    const query = this.db<DeliveryRow>('webhook_deliveries');
    if (filter.endpoint) query.where('endpoint_id', filter.endpoint);
    if (filter.configurations) {
      if (filter.configurations.length === 0) {
        return { items: [], totalCount: 0 };
      }
      query.whereIn(['integration_name', 'environment'], filter.configurations);
    }
    if (filter.status) query.where('status', filter.status);
    if (filter.event) query.where('event_type', filter.event);
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.from) query.where('created_at', '>=', filter.from);
    if (filter.to) query.where('created_at', '<', filter.to);
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: DeliveryRow[] = await query
      .orderBy('seq', 'desc')
      .offset(filter.offset)
      .limit(filter.limit);
    const attempts = await this.attemptsOf(rows.map(row => Number(row.seq)));
    return {
      items: rows.map(row =>
        toDelivery(row, attempts.get(Number(row.seq)) ?? []),
      ),
      totalCount: Number(count),
    };
  }

  /** One delivery with its attempts, what was sent and what came back. */
  async get(id: string): Promise<WebhookDelivery | undefined> {
    const row: (DeliveryRow & { payload: string }) | undefined = await this.db(
      'webhook_deliveries as d',
    )
      .join('webhook_events as ev', 'ev.id', 'd.event_id')
      .where('d.id', id)
      .select('d.*', 'ev.payload')
      .first();
    if (!row) {
      return undefined;
    }
    const attempts: AttemptRow[] = await this.db('webhook_attempts')
      .where('delivery_seq', row.seq)
      .orderBy('id');
    return toDelivery(row, attempts, row.payload);
  }

  /** Queues one more attempt now, whatever the delivery's state. */
  async retry(id: string, now: Date): Promise<boolean> {
    const updated = await this.db('webhook_deliveries')
      .where('id', id)
      .update({
        status: 'pending',
        max_attempts: this.db.raw('attempts + 1'),
        next_attempt_at: now,
        completed_at: null,
      });
    return updated === 1;
  }

  /** Queues one more attempt of every failed delivery of an endpoint made in the range. */
  async retryFailed(
    endpoint: string,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<number> {
    return this.db('webhook_deliveries')
      .where({ endpoint_id: endpoint, status: 'failed' })
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .update({
        status: 'pending',
        max_attempts: this.db.raw('attempts + 1'),
        next_attempt_at: now,
        completed_at: null,
      });
  }

  /**
   * Queues a new delivery to the endpoint of every stored event since the
   * time it subscribes to, except those already waiting to go to it. Each
   * keeps its event's id, so a receiver that deduplicates sees a repeat.
   */
  async replay(
    endpoint: StoredEndpoint,
    since: Date,
    types: string[],
    now: Date,
  ): Promise<number> {
    return this.db.transaction(async tx => {
      const events: Array<{ id: string; type: string; environment: string }> =
        await tx('webhook_events as ev')
          .where('ev.integration_name', endpoint.integration)
          .where('ev.created_at', '>=', since)
          .whereIn('ev.type', types)
          .whereIn('ev.environment', endpoint.environments)
          .whereNotExists(
            tx('webhook_deliveries as d')
              .whereRaw('d.event_id = ev.id')
              .where('d.endpoint_id', endpoint.id)
              .where('d.status', 'pending'),
          )
          .orderBy('ev.created_at')
          .select('ev.id', 'ev.type', 'ev.environment');
      await insertInChunks(
        tx,
        'webhook_deliveries',
        events.map(event =>
          deliveryRow(
            endpoint,
            { ...event, integration: endpoint.integration },
            now,
          ),
        ),
      );
      return events.length;
    });
  }

  /** Figures of each endpoint's deliveries. */
  async statistics(
    endpointIds: string[],
  ): Promise<Map<string, EndpointStatistics>> {
    return statisticsOf(this.db, endpointIds);
  }

  /** Finished deliveries and events older than the cutoff, with their attempts. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.db.transaction(async tx => {
      const old = tx('webhook_deliveries')
        .whereIn('status', ['delivered', 'failed', 'cancelled'])
        .where('created_at', '<', cutoff)
        .select('seq');
      await tx('webhook_attempts').whereIn('delivery_seq', old).delete();
      const removed = await tx('webhook_deliveries')
        .whereIn('status', ['delivered', 'failed', 'cancelled'])
        .where('created_at', '<', cutoff)
        .delete();
      await tx('webhook_events')
        .where('created_at', '<', cutoff)
        .whereNotExists(
          tx('webhook_deliveries as d').whereRaw(
            'd.event_id = webhook_events.id',
          ),
        )
        .delete();
      return removed;
    });
  }

  private async attemptsOf(seqs: number[]): Promise<Map<number, AttemptRow[]>> {
    const byDelivery = new Map<number, AttemptRow[]>();
    if (seqs.length === 0) {
      return byDelivery;
    }
    const rows: AttemptRow[] = await this.db('webhook_attempts')
      .whereIn('delivery_seq', seqs)
      .select(
        'id',
        'delivery_seq',
        'attempt_number',
        'started_at',
        'duration_ms',
        'success',
        'response_status',
        'error',
      )
      .orderBy('id');
    for (const row of rows) {
      const seq = Number(row.delivery_seq);
      byDelivery.set(seq, [...(byDelivery.get(seq) ?? []), row]);
    }
    return byDelivery;
  }
}
