import {
  ENVIRONMENTS,
  ListWebhookEndpointsResponse,
  createWebhookEndpointSchema,
  publishCustomEventSchema,
  rotateWebhookSecretSchema,
  testSendSchema,
  updateWebhookEndpointSchema,
  webhookEndpointParamsSchema,
  webhookEndpointsQuerySchema,
  webhookManagePermission,
  webhookReadPermission,
  webhookSecurityPermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { addDeliveryRoutes } from './deliveryRoutes';
import { WebhookAccess, withoutPayload } from './webhookAccess';
import { addWebhookCatalogRoutes } from './webhookCatalogRoutes';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookOperations } from './WebhookOperations';
import { WebhookService } from './WebhookService';

/**
 * The webhook API: endpoints and their secrets, test sends and custom
 * events here, the delivery log and what people do with deliveries in
 * deliveryRoutes. Reading needs `integrations.webhooks.read` on the
 * integration, payloads their own permission; every change is audited.
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
  const { guard, webhooks, operations } = options;
  const access = new WebhookAccess(options);
  // Ahead of /webhooks/:id, which would take `event-types` for an id.
  addWebhookCatalogRoutes(router, { guard });
  addDeliveryRoutes(router, { ...options, access });

  router.get('/webhooks', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { integration } = parseInput(
      webhookEndpointsQuerySchema,
      req.query,
      'query',
    );
    const readable = await access.allowedConfigurations(
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
      environments: request.environments ?? [...ENVIRONMENTS],
    };
    const created = await access.change(
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
    await access.readableEndpoint(credentials, id);
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
    const endpoint = await access.readableEndpoint(credentials, id);
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
    const updated = await access.change(
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
    const endpoint = await access.readableEndpoint(credentials, id);
    await access.change(
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
    const endpoint = await access.readableEndpoint(credentials, id);
    const rotated = await access.change(
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

  router.post('/webhooks/:id/test', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const request = parseInput(testSendSchema, req.body, 'body');
    const endpoint = await access.readableEndpoint(credentials, id);
    const delivery = await access.change(
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
    const published = await access.change(
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
