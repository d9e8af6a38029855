import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { SealedCredential } from '../credentials/sealedCredential';
import {
  EndpointRow,
  StoredEndpoint,
  endpointColumns,
  toEndpoint,
} from './endpointRows';

export type { StoredEndpoint } from './endpointRows';

type EditableEndpoint = Parameters<typeof endpointColumns>[0];

/** Webhook endpoints and their sealed signing secrets. */
export interface WebhookEndpointStore {
  create(
    endpoint: EditableEndpoint &
      Pick<StoredEndpoint, 'id' | 'integration' | 'secret' | 'createdBy'>,
    at: Date,
  ): Promise<StoredEndpoint>;
  get(id: string): Promise<StoredEndpoint | undefined>;
  /** Endpoints of these integrations, or of all when not given; by name. */
  list(integrations?: string[]): Promise<StoredEndpoint[]>;
  update(
    id: string,
    endpoint: EditableEndpoint & { disabledReason?: string | null },
    at: Date,
  ): Promise<StoredEndpoint | undefined>;
  /** Replaces the secret; the old one signs alongside it until `previousExpiresAt`. */
  rotateSecret(
    id: string,
    rotation: {
      secret: SealedCredential;
      previousSecret: SealedCredential;
      previousExpiresAt: Date;
      generation: number;
    },
    at: Date,
  ): Promise<StoredEndpoint | undefined>;
  /** Deletes the endpoint with its deliveries; false when there was none. */
  delete(id: string): Promise<boolean>;
}

/** Knex-backed {@link WebhookEndpointStore} for SQLite and PostgreSQL. */
export class DatabaseWebhookEndpointStore implements WebhookEndpointStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseWebhookEndpointStore> {
    return new DatabaseWebhookEndpointStore(await options.database.getClient());
  }

  constructor(private readonly db: Knex) {}

  async create(
    endpoint: EditableEndpoint &
      Pick<StoredEndpoint, 'id' | 'integration' | 'secret' | 'createdBy'>,
    at: Date,
  ): Promise<StoredEndpoint> {
    await this.db('webhook_endpoints').insert({
      id: endpoint.id,
      integration_name: endpoint.integration,
      ...endpointColumns(endpoint),
      secret: JSON.stringify(endpoint.secret),
      secret_generation: 1,
      created_by: endpoint.createdBy,
      created_at: at,
      updated_at: at,
    });
    return (await this.get(endpoint.id))!;
  }

  async get(id: string): Promise<StoredEndpoint | undefined> {
    const row: EndpointRow | undefined = await this.db('webhook_endpoints')
      .where('id', id)
      .first();
    return row && toEndpoint(row);
  }

  async list(integrations?: string[]): Promise<StoredEndpoint[]> {
    const query = this.db<EndpointRow>('webhook_endpoints').orderBy([
      'integration_name',
      'name',
      'id',
    ]);
    if (integrations) {
      query.whereIn('integration_name', integrations);
    }
    return (await query).map(toEndpoint);
  }

  async update(
    id: string,
    endpoint: EditableEndpoint & { disabledReason?: string | null },
    at: Date,
  ): Promise<StoredEndpoint | undefined> {
    const updated = await this.db('webhook_endpoints')
      .where('id', id)
      .update({
        ...endpointColumns(endpoint),
        ...(endpoint.disabledReason !== undefined
          ? { disabled_reason: endpoint.disabledReason }
          : {}),
        // Switched back on by a person: its failing streak starts over.
        ...(endpoint.status === 'active' ? { failing_since: null } : {}),
        updated_at: at,
      });
    return updated ? this.get(id) : undefined;
  }

  async rotateSecret(
    id: string,
    rotation: {
      secret: SealedCredential;
      previousSecret: SealedCredential;
      previousExpiresAt: Date;
      generation: number;
    },
    at: Date,
  ): Promise<StoredEndpoint | undefined> {
    const updated = await this.db('webhook_endpoints')
      .where({ id, secret_generation: rotation.generation - 1 })
      .update({
        secret: JSON.stringify(rotation.secret),
        previous_secret: JSON.stringify(rotation.previousSecret),
        previous_secret_expires_at: rotation.previousExpiresAt,
        secret_generation: rotation.generation,
        updated_at: at,
      });
    return updated ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      // SQLite enforces the cascade only with foreign keys switched on;
      // deleting the children first works on both.
      const seqs = tx('webhook_deliveries')
        .where('endpoint_id', id)
        .select('seq');
      await tx('webhook_attempts').whereIn('delivery_seq', seqs).delete();
      await tx('webhook_deliveries').where('endpoint_id', id).delete();
      return (await tx('webhook_endpoints').where('id', id).delete()) > 0;
    });
  }
}
