import {
  Environment,
  WebhookDeliverySettings,
  WebhookEndpointStatus,
} from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';
import { SealedCredential } from '../credentials/sealedCredential';

/** An endpoint as stored: its secrets sealed by the vault. */
export interface StoredEndpoint {
  id: string;
  integration: string;
  name: string;
  url: string;
  events: string[];
  environments: Environment[];
  status: WebhookEndpointStatus;
  disabledReason?: string;
  secret: SealedCredential;
  /** The secret before the last rotation, while it still signs. */
  previousSecret?: SealedCredential;
  previousSecretExpiresAt?: string;
  /** Counts rotations; part of each secret's vault binding, so an old ciphertext opens nowhere else. */
  secretGeneration: number;
  ipAllowList?: string[];
  deliverySettings: WebhookDeliverySettings;
  notes?: string;
  failingSince?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface EndpointRow {
  id: string;
  integration_name: string;
  name: string;
  url: string;
  events: string;
  environments: string;
  status: string;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
  secret_generation: number;
  ip_allow_list: string | null;
  delivery_settings: string;
  ordered: boolean | number;
  notes: string | null;
  failing_since: Date | string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const optionalTime = (value: Date | string | null) =>
  value === null ? undefined : toIsoString(value);

export function toEndpoint(row: EndpointRow): StoredEndpoint {
  return {
    id: row.id,
    integration: row.integration_name,
    name: row.name,
    url: row.url,
    events: JSON.parse(row.events),
    environments: JSON.parse(row.environments),
    status: row.status as WebhookEndpointStatus,
    disabledReason: row.disabled_reason ?? undefined,
    secret: JSON.parse(row.secret),
    previousSecret: row.previous_secret
      ? JSON.parse(row.previous_secret)
      : undefined,
    previousSecretExpiresAt: optionalTime(row.previous_secret_expires_at),
    secretGeneration: Number(row.secret_generation),
    ipAllowList: row.ip_allow_list ? JSON.parse(row.ip_allow_list) : undefined,
    deliverySettings: JSON.parse(row.delivery_settings),
    notes: row.notes ?? undefined,
    failingSince: optionalTime(row.failing_since),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
  };
}

/** The columns of an endpoint's editable parts. */
export function endpointColumns(
  endpoint: Pick<
    StoredEndpoint,
    | 'name'
    | 'url'
    | 'events'
    | 'environments'
    | 'status'
    | 'ipAllowList'
    | 'deliverySettings'
    | 'notes'
  >,
) {
  return {
    name: endpoint.name,
    url: endpoint.url,
    events: JSON.stringify(endpoint.events),
    environments: JSON.stringify(endpoint.environments),
    status: endpoint.status,
    ip_allow_list: endpoint.ipAllowList?.length
      ? JSON.stringify(endpoint.ipAllowList)
      : null,
    delivery_settings: JSON.stringify(endpoint.deliverySettings),
    ordered: endpoint.deliverySettings.ordered,
    notes: endpoint.notes ?? null,
  };
}
