import { NotFoundError } from '@backstage/errors';
import {
  CreateWebhookEndpointRequest,
  DEFAULT_SECRET_GRACE_HOURS,
  DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
  ENVIRONMENTS,
  Environment,
  UpdateWebhookEndpointRequest,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../audit/actor';
import { auditRecord } from '../audit/auditRecords';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialVault } from '../credentials/CredentialVault';
import { OutboundRequestError, SafeHttpClient } from '../network';
import { invalidFields } from '../requestErrors/invalidRequest';
import { StoredEndpoint } from './endpointRows';
import { sealSecret } from './endpointSecrets';
import { EndpointStatistics } from './endpointStatistics';
import { maskedSecret, newSigningSecret } from './signing';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookEndpointStore } from './WebhookEndpointStore';

const HOUR_MS = 60 * 60 * 1000;

/** An endpoint in the spec's shape, its secret shown only by its tail. */
export function toWebhookEndpoint(
  endpoint: StoredEndpoint,
  statistics: EndpointStatistics,
  now: Date,
): WebhookEndpoint {
  const graceLeft =
    endpoint.previousSecretExpiresAt &&
    Date.parse(endpoint.previousSecretExpiresAt) > now.getTime();
  return {
    id: endpoint.id,
    integration: endpoint.integration,
    name: endpoint.name,
    url: endpoint.url,
    events: endpoint.events,
    environments: endpoint.environments,
    active: endpoint.status === 'active',
    status: endpoint.status,
    ...(endpoint.disabledReason
      ? { disabledReason: endpoint.disabledReason }
      : {}),
    security: {
      signatureHeader: 'webhook-signature',
      secretKey: maskedSecret(endpoint.secret.last4),
      verificationRequired: true,
      ...(endpoint.ipAllowList ? { ipWhitelist: endpoint.ipAllowList } : {}),
      ...(graceLeft
        ? { previousSecretExpiresAt: endpoint.previousSecretExpiresAt }
        : {}),
    },
    deliverySettings: endpoint.deliverySettings,
    statistics,
    metadata: {
      createdAt: endpoint.createdAt,
      createdBy: endpoint.createdBy,
      lastUpdated: endpoint.updatedAt,
      ...(endpoint.notes ? { notes: endpoint.notes } : {}),
    },
  };
}

/** Adding, changing and removing webhook endpoints, and their secrets. */
export class WebhookService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      endpoints: WebhookEndpointStore;
      deliveries: WebhookDeliveryStore;
      configs: ConfigStore;
      vault: CredentialVault;
      http: SafeHttpClient;
      audit: AuditStore;
      /** Called after an endpoint is switched back on, so its disabled alert resolves. */
      onEndpointsChanged?: () => Promise<void>;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async list(integrations?: string[]): Promise<WebhookEndpoint[]> {
    const endpoints = await this.options.endpoints.list(integrations);
    return this.present(endpoints);
  }

  async get(id: string): Promise<WebhookEndpoint> {
    const [endpoint] = await this.present([await this.stored(id)]);
    return endpoint;
  }

  /** The stored endpoint, or a 404. */
  async stored(id: string): Promise<StoredEndpoint> {
    const endpoint = await this.options.endpoints.get(id);
    if (!endpoint) {
      throw new NotFoundError(`There is no webhook endpoint ${id}`);
    }
    return endpoint;
  }

  async create(
    request: CreateWebhookEndpointRequest,
    actor: Actor,
  ): Promise<WebhookEndpointWithSecret> {
    const integration = await this.options.configs.getIntegration(
      request.integration,
    );
    if (!integration || integration.deletedAt) {
      throw invalidFields([
        {
          path: 'integration',
          message: `There is no integration ${request.integration}`,
        },
      ]);
    }
    await this.assertReachable(request.url);
    const at = this.now();
    const id = randomUUID();
    const signingSecret = newSigningSecret();
    const endpoint = await this.options.endpoints.create(
      {
        id,
        integration: request.integration,
        name: request.name,
        url: request.url,
        events: [...new Set(request.events)],
        environments: request.environments ?? [...ENVIRONMENTS],
        status: request.active === false ? 'paused' : 'active',
        ipAllowList: request.ipWhitelist,
        deliverySettings: {
          ...DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
          ...request.deliverySettings,
        },
        notes: request.notes,
        secret: sealSecret(
          this.options.vault,
          { id, integration: request.integration },
          1,
          signingSecret,
        ),
        createdBy: actor.userRef,
      },
      at,
    );
    await this.audit(actor, at, 'webhook_create', endpoint, {
      changedFields: [
        'name',
        'url',
        'events',
        'environments',
        'deliverySettings',
      ],
      after: describe(endpoint),
    });
    const [shown] = await this.present([endpoint]);
    return { endpoint: shown, signingSecret };
  }

  async update(
    id: string,
    request: UpdateWebhookEndpointRequest,
    actor: Actor,
  ): Promise<WebhookEndpoint> {
    const before = await this.stored(id);
    if (request.url !== undefined && request.url !== before.url) {
      await this.assertReachable(request.url);
    }
    let status = before.status;
    if (request.active !== undefined) {
      status = request.active ? 'active' : 'paused';
    }
    const next = {
      name: request.name ?? before.name,
      url: request.url ?? before.url,
      events: request.events ? [...new Set(request.events)] : before.events,
      environments: request.environments ?? before.environments,
      status,
      ipAllowList:
        request.ipWhitelist !== undefined
          ? request.ipWhitelist
          : before.ipAllowList,
      deliverySettings: {
        ...before.deliverySettings,
        ...request.deliverySettings,
      },
      notes: request.notes !== undefined ? request.notes : before.notes,
      disabledReason: status === before.status ? undefined : null,
    };
    const at = this.now();
    const after = await this.options.endpoints.update(id, next, at);
    if (!after) {
      throw new NotFoundError(`There is no webhook endpoint ${id}`);
    }
    const changedFields = Object.keys(describe(after)).filter(
      key =>
        JSON.stringify((describe(before) as any)[key]) !==
        JSON.stringify((describe(after) as any)[key]),
    );
    await this.audit(actor, at, 'webhook_update', after, {
      changedFields,
      before: describe(before),
      after: describe(after),
    });
    if (before.status === 'disabled' && after.status !== 'disabled') {
      await this.options.onEndpointsChanged?.();
    }
    const [shown] = await this.present([after]);
    return shown;
  }

  async delete(id: string, actor: Actor): Promise<void> {
    const endpoint = await this.stored(id);
    const at = this.now();
    await this.options.endpoints.delete(id);
    await this.audit(actor, at, 'webhook_delete', endpoint, {
      changedFields: [],
      before: describe(endpoint),
    });
    if (endpoint.status === 'disabled') {
      await this.options.onEndpointsChanged?.();
    }
  }

  /**
   * A new secret; the old one keeps signing alongside it for the grace
   * period, so receivers can switch without missing a message.
   */
  async rotateSecret(
    id: string,
    graceHours: number | undefined,
    actor: Actor,
  ): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.stored(id);
    const at = this.now();
    const signingSecret = newSigningSecret();
    const generation = endpoint.secretGeneration + 1;
    const hours = graceHours ?? DEFAULT_SECRET_GRACE_HOURS;
    const rotated = await this.options.endpoints.rotateSecret(
      id,
      {
        secret: sealSecret(
          this.options.vault,
          endpoint,
          generation,
          signingSecret,
        ),
        // Already sealed under the binding of its own generation, which is
        // the one a previous secret is opened with.
        previousSecret: endpoint.secret,
        previousExpiresAt: new Date(at.getTime() + hours * HOUR_MS),
        generation,
      },
      at,
    );
    if (!rotated) {
      throw new NotFoundError(
        `The webhook endpoint ${id} was deleted or its secret rotated by someone else just now; reload and try again`,
      );
    }
    await this.audit(actor, at, 'webhook_secret_rotate', rotated, {
      changedFields: ['security.secretKey'],
      graceHours: hours,
      secretGeneration: generation,
    });
    const [shown] = await this.present([rotated]);
    return { endpoint: shown, signingSecret };
  }

  /** Refuses, as a field error, a URL the safe client would not send to. */
  private async assertReachable(url: string): Promise<void> {
    try {
      await this.options.http.resolve(url);
    } catch (error) {
      if (error instanceof OutboundRequestError) {
        throw invalidFields([{ path: 'url', message: error.message }]);
      }
      throw error;
    }
  }

  private async present(
    endpoints: StoredEndpoint[],
  ): Promise<WebhookEndpoint[]> {
    const statistics = await this.options.deliveries.statistics(
      endpoints.map(endpoint => endpoint.id),
    );
    const now = this.now();
    return endpoints.map(endpoint =>
      toWebhookEndpoint(endpoint, statistics.get(endpoint.id)!, now),
    );
  }

  async audit(
    actor: Actor,
    at: Date,
    action: Parameters<typeof auditRecord>[2]['action'],
    endpoint: Pick<StoredEndpoint, 'id' | 'name' | 'integration'>,
    details: Record<string, unknown> & { changedFields: string[] },
    environment?: Environment,
  ): Promise<void> {
    await this.options.audit.append([
      auditRecord(actor, at, {
        action,
        category: 'configuration',
        integration: endpoint.integration,
        ...(environment ? { environment } : {}),
        details: {
          ...details,
          webhookEndpointId: endpoint.id,
          webhookEndpointName: endpoint.name,
        } as any,
      }),
    ]);
  }
}

/** What the audit log keeps of an endpoint: everything but its secrets. */
function describe(endpoint: StoredEndpoint) {
  return {
    name: endpoint.name,
    url: endpoint.url,
    events: endpoint.events,
    environments: endpoint.environments,
    status: endpoint.status,
    ipWhitelist: endpoint.ipAllowList ?? [],
    deliverySettings: endpoint.deliverySettings,
    notes: endpoint.notes ?? '',
  };
}
