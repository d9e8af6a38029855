import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  Environment,
  ListWebhookDeliveriesResponse,
  ListWebhookEndpointsResponse,
  QueuedDeliveriesResponse,
  WebhookDelivery,
  bulkRetrySchema,
  createWebhookEndpointSchema,
  publishCustomEventSchema,
  replaySchema,
  rotateWebhookSecretSchema,
  testSendSchema,
  updateWebhookEndpointSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryLogQuerySchema,
  webhookDeliveryParamsSchema,
  webhookEndpointParamsSchema,
  webhookEndpointsQuerySchema,
  webhookManagePermission,
  webhookPayloadsReadPermission,
  webhookReadPermission,
  webhookRetryPermission,
  webhookSecurityPermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { StoredEndpoint } from './endpointRows';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookOperations } from './WebhookOperations';
import { WebhookService } from './WebhookService';
import { addWebhookCatalogRoutes } from './webhookCatalogRoutes';

const DEFAULT_PAGE = 50;

const refsOf = (
  endpoint: Pick<StoredEndpoint, 'integration' | 'environments'>,
) =>
  endpoint.environments.map(environment =>
    integrationResourceRef(endpoint.integration, environment),
  );

/** What a reader without the payload permission sees of a delivery. */
function withoutPayload(delivery: WebhookDelivery): WebhookDelivery {
  const { responseHeaders, responseBody, ...delivered } = delivery.delivery;
  return { ...delivery, delivery: delivered, payload: {} };
}

/**
 * The webhook API: endpoints and their secrets, the delivery log, and what
 * people do with deliveries. Reading needs `integrations.webhooks.read` on
 * the integration, payloads their own permission; every change is audited.
 */
export function addWebhookRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    webhooks: WebhookService;
    operations: WebhookOperations;
    deliveries: WebhookDeliveryStore;
  },
) {
  const { guard, configs, webhooks, operations, deliveries } = options;
  // Ahead of /webhooks/:id, which would take `event-types` for an id.
  addWebhookCatalogRoutes(router, { guard });

  /** Every integration and environment the caller holds the permission on. */
  const allowedConfigurations = async (
    credentials: BackstageCredentials,
    permission: ResourcePermission,
  ): Promise<Array<[string, Environment]>> => {
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
  };

  const mayRead = async (
    credentials: BackstageCredentials,
    endpoint: StoredEndpoint,
  ) =>
    (
      await guard.allowedResources(
        credentials,
        webhookReadPermission,
        refsOf(endpoint),
      )
    ).length > 0;

  /** An endpoint the caller may see, or a 404 that does not tell whether it exists. */
  const readableEndpoint = async (
    credentials: BackstageCredentials,
    id: string,
  ) => {
    const endpoint = await webhooks.stored(id);
    if (!(await mayRead(credentials, endpoint))) {
      throw new NotFoundError(`There is no webhook endpoint ${id}`);
    }
    return endpoint;
  };

  /** Runs a change of an endpoint: audited, and only with the permission on each of its environments. */
  const change = async <T>(
    req: express.Request,
    credentials: BackstageCredentials,
    event: {
      eventId: string;
      action: Parameters<RequestGuard['audited']>[1]['action'];
    },
    endpoint: Pick<StoredEndpoint, 'integration' | 'environments'>,
    permissions: ResourcePermission[],
    mutation: () => Promise<T>,
  ) =>
    guard.audited(
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

  router.get('/webhooks', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { integration } = parseInput(
      webhookEndpointsQuerySchema,
      req.query,
      'query',
    );
    const readable = await allowedConfigurations(
      credentials,
      webhookReadPermission,
    );
    const integrations = [...new Set(readable.map(([name]) => name))].filter(
      name => !integration || name === integration,
    );
    res.json({
      items: await webhooks.list(integrations),
    } satisfies ListWebhookEndpointsResponse);
  });

  router.post('/webhooks', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const request = parseInput(createWebhookEndpointSchema, req.body, 'body');
    const target = {
      integration: request.integration,
      environments:
        request.environments ??
        (['development', 'staging', 'production'] as Environment[]),
    };
    const created = await change(
      req,
      credentials,
      { eventId: 'integration-webhook-create', action: 'webhook_create' },
      target,
      request.ipWhitelist?.length
        ? [webhookManagePermission, webhookSecurityPermission]
        : [webhookManagePermission],
      () => webhooks.create(request, guard.actor(req, credentials)),
    );
    res.status(201).json(created);
  });

  router.get('/webhooks/:id', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    await readableEndpoint(credentials, id);
    res.json(await webhooks.get(id));
  });

  router.put('/webhooks/:id', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const request = parseInput(updateWebhookEndpointSchema, req.body, 'body');
    const endpoint = await readableEndpoint(credentials, id);
    // Moving an endpoint into an environment needs the permission there too.
    const target = {
      integration: endpoint.integration,
      environments: [
        ...new Set([...endpoint.environments, ...(request.environments ?? [])]),
      ],
    };
    const security =
      request.ipWhitelist !== undefined &&
      JSON.stringify(request.ipWhitelist) !==
        JSON.stringify(endpoint.ipAllowList ?? []);
    const updated = await change(
      req,
      credentials,
      { eventId: 'integration-webhook-update', action: 'webhook_update' },
      target,
      security
        ? [webhookManagePermission, webhookSecurityPermission]
        : [webhookManagePermission],
      () => webhooks.update(id, request, guard.actor(req, credentials)),
    );
    res.json(updated);
  });

  router.delete('/webhooks/:id', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const endpoint = await readableEndpoint(credentials, id);
    await change(
      req,
      credentials,
      { eventId: 'integration-webhook-delete', action: 'webhook_delete' },
      endpoint,
      [webhookManagePermission],
      () => webhooks.delete(id, guard.actor(req, credentials)),
    );
    res.status(204).end();
  });

  router.post('/webhooks/:id/rotate-secret', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const { graceHours } = parseInput(
      rotateWebhookSecretSchema,
      req.body ?? {},
      'body',
    );
    const endpoint = await readableEndpoint(credentials, id);
    const rotated = await change(
      req,
      credentials,
      {
        eventId: 'integration-webhook-secret-rotate',
        action: 'webhook_secret_rotate',
      },
      endpoint,
      [webhookSecurityPermission],
      () =>
        webhooks.rotateSecret(id, graceHours, guard.actor(req, credentials)),
    );
    res.json(rotated);
  });

  /** A page of the log, payloads left out: the list never carries them. */
  const deliveryPage = async (
    req: express.Request,
    query: ReturnType<typeof webhookDeliveryLogQuerySchema.parse>,
  ) => {
    const credentials = await guard.credentials(req);
    const readable = await allowedConfigurations(
      credentials,
      webhookReadPermission,
    );
    const page = await deliveries.list({
      endpoint: query.endpoint,
      configurations: readable.filter(
        ([name]) => !query.integration || name === query.integration,
      ),
      status: query.status,
      event: query.event,
      environment: query.environment,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit ?? DEFAULT_PAGE,
      offset: query.offset ?? 0,
    });
    return {
      items: page.items.map(withoutPayload),
      totalCount: page.totalCount,
    } satisfies ListWebhookDeliveriesResponse;
  };

  router.get('/webhooks/:id/deliveries', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const query = parseInput(webhookDeliveriesQuerySchema, req.query, 'query');
    await readableEndpoint(credentials, id);
    res.json(await deliveryPage(req, { ...query, endpoint: id }));
  });

  router.get('/webhook-deliveries', async (req, res) => {
    const query = parseInput(webhookDeliveryLogQuerySchema, req.query, 'query');
    res.json(await deliveryPage(req, query));
  });

  /** One delivery, with payloads for whoever may read them; a 404 for whoever may not read it at all. */
  const readableDelivery = async (
    credentials: BackstageCredentials,
    id: string,
  ) => {
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
  };

  router.get('/webhook-deliveries/:id', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(
      webhookDeliveryParamsSchema,
      req.params,
      'params',
    );
    res.json(await readableDelivery(credentials, id));
  });

  router.post('/webhook-deliveries/:id/retry', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookDeliveryParamsSchema,
      req.params,
      'params',
    );
    const delivery = await readableDelivery(credentials, id);
    await change(
      req,
      credentials,
      { eventId: 'integration-webhook-retry', action: 'webhook_retry' },
      {
        integration: delivery.integration,
        environments: [delivery.environment],
      },
      [webhookRetryPermission],
      () => operations.retry(id, guard.actor(req, credentials)),
    );
    res.json(await readableDelivery(credentials, id));
  });

  router.post('/webhooks/:id/retry-failed', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const range = parseInput(bulkRetrySchema, req.body, 'body');
    const endpoint = await readableEndpoint(credentials, id);
    const queued = await change(
      req,
      credentials,
      { eventId: 'integration-webhook-retry', action: 'webhook_retry' },
      endpoint,
      [webhookRetryPermission],
      () =>
        operations.retryFailed(
          id,
          {
            from: new Date(range.from),
            to: range.to ? new Date(range.to) : undefined,
          },
          guard.actor(req, credentials),
        ),
    );
    res.json({ queued } satisfies QueuedDeliveriesResponse);
  });

  router.post('/webhooks/:id/replay', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const request = parseInput(replaySchema, req.body, 'body');
    const endpoint = await readableEndpoint(credentials, id);
    const queued = await change(
      req,
      credentials,
      { eventId: 'integration-webhook-replay', action: 'webhook_replay' },
      endpoint,
      [webhookRetryPermission],
      () =>
        operations.replay(
          id,
          { since: new Date(request.since), events: request.events },
          guard.actor(req, credentials),
        ),
    );
    res.json({ queued } satisfies QueuedDeliveriesResponse);
  });

  router.post('/webhooks/:id/test', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const request = parseInput(testSendSchema, req.body, 'body');
    const endpoint = await readableEndpoint(credentials, id);
    const delivery = await change(
      req,
      credentials,
      { eventId: 'integration-webhook-test', action: 'webhook_test' },
      endpoint,
      [webhookManagePermission],
      () => operations.sendTest(id, request, guard.actor(req, credentials)),
    );
    res.status(202).json(withoutPayload(delivery));
  });

  router.post('/webhooks/events', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const request = parseInput(publishCustomEventSchema, req.body, 'body');
    const published = await change(
      req,
      credentials,
      {
        eventId: 'integration-webhook-event-publish',
        action: 'webhook_event_publish',
      },
      { integration: request.integration, environments: [request.environment] },
      [webhookManagePermission],
      () => operations.publishCustom(request, guard.actor(req, credentials)),
    );
    res.status(202).json(published);
  });
}
