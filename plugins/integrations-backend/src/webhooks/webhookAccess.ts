import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  Environment,
  WebhookDelivery,
  webhookPayloadsReadPermission,
  webhookReadPermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { StoredEndpoint } from './endpointRows';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookService } from './WebhookService';

/** What a reader without the payload permission sees of a delivery. */
export function withoutPayload(delivery: WebhookDelivery): WebhookDelivery {
  const { responseHeaders, responseBody, ...delivered } = delivery.delivery;
  return { ...delivery, delivery: delivered, payload: {} };
}

const refsOf = (
  endpoint: Pick<StoredEndpoint, 'integration' | 'environments'>,
) =>
  endpoint.environments.map(environment =>
    integrationResourceRef(endpoint.integration, environment),
  );

/**
 * Who may see and change which endpoints and deliveries. An endpoint serves
 * one integration in one or more environments: reading it needs the
 * permission in any of them, changing it the permission in each.
 */
export class WebhookAccess {
  constructor(
    private readonly options: {
      guard: RequestGuard;
      configs: ConfigStore;
      webhooks: WebhookService;
      deliveries: WebhookDeliveryStore;
    },
  ) {}

  /** Every integration and environment the caller holds the permission on. */
  async allowedConfigurations(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
  ): Promise<Array<[string, Environment]>> {
    const { configs, guard } = this.options;
    const { items } = await configs.listConfigs({}, { limit: 100_000 });
    const pairs = items.map(
      c => [c.name, c.environment] as [string, Environment],
    );
    const allowed = new Set(
      await guard.allowedResources(
        credentials,
        permission,
        pairs.map(([name, environment]) =>
          integrationResourceRef(name, environment),
        ),
      ),
    );
    return pairs.filter(([name, environment]) =>
      allowed.has(integrationResourceRef(name, environment)),
    );
  }

  /** An endpoint the caller may see, or a 404 that does not tell whether it exists. */
  async readableEndpoint(credentials: BackstageCredentials, id: string) {
    const endpoint = await this.options.webhooks.stored(id);
    const readable = await this.options.guard.allowedResources(
      credentials,
      webhookReadPermission,
      refsOf(endpoint),
    );
    if (readable.length === 0) {
      throw new NotFoundError(`There is no webhook endpoint ${id}`);
    }
    return endpoint;
  }

  /** One delivery, with payloads for whoever may read them; a 404 for whoever may not read it at all. */
  async readableDelivery(credentials: BackstageCredentials, id: string) {
    const { guard, deliveries } = this.options;
    const delivery = await deliveries.get(id);
    const ref =
      delivery &&
      integrationResourceRef(delivery.integration, delivery.environment);
    if (
      !delivery ||
      !(
        await guard.allowedResources(credentials, webhookReadPermission, [ref!])
      ).length
    ) {
      throw new NotFoundError(`There is no webhook delivery ${id}`);
    }
    const payloads = await guard.allowedResources(
      credentials,
      webhookPayloadsReadPermission,
      [ref!],
    );
    return payloads.length ? delivery : withoutPayload(delivery);
  }

  /** Runs a change of an endpoint: audited, and only with the permission on each of its environments. */
  async change<T>(
    req: express.Request,
    credentials: BackstageCredentials,
    event: {
      eventId: string;
      action: Parameters<RequestGuard['audited']>[1]['action'];
    },
    endpoint: Pick<StoredEndpoint, 'integration' | 'environments'>,
    permissions: ResourcePermission[],
    mutation: () => Promise<T>,
  ): Promise<T> {
    const { guard } = this.options;
    return guard.audited(
      req,
      {
        ...event,
        severityLevel: endpoint.environments.includes('production')
          ? 'high'
          : 'medium',
        integrations: [endpoint.integration],
      },
      async () => {
        for (const permission of permissions) {
          await guard.authorizeResources(
            credentials,
            permission,
            refsOf(endpoint),
          );
        }
        return mutation();
      },
    );
  }
}
