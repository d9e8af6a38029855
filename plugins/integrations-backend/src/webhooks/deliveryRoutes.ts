import {
  ListWebhookDeliveriesResponse,
  QueuedDeliveriesResponse,
  bulkRetrySchema,
  replaySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryLogQuerySchema,
  webhookDeliveryParamsSchema,
  webhookEndpointParamsSchema,
  webhookReadPermission,
  webhookRetryPermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { WebhookAccess, withoutPayload } from './webhookAccess';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookOperations } from './WebhookOperations';

const DEFAULT_PAGE = 50;

/**
 * The delivery log (payloads only in a delivery's detail, for whoever may
 * read them) and what people do with deliveries: retry one, retry the failed
 * ones of a period, replay events to an endpoint.
 */
export function addDeliveryRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    access: WebhookAccess;
    operations: WebhookOperations;
    deliveries: WebhookDeliveryStore;
  },
) {
  const { guard, access, operations, deliveries } = options;

  /** A page of the log, payloads left out: the list never carries them. */
  const deliveryPage = async (
    req: express.Request,
    query: ReturnType<typeof webhookDeliveryLogQuerySchema.parse>,
  ) => {
    const credentials = await guard.credentials(req);
    const readable = await access.allowedConfigurations(
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
    await access.readableEndpoint(credentials, id);
    res.json(await deliveryPage(req, { ...query, endpoint: id }));
  });

  router.get('/webhook-deliveries', async (req, res) => {
    const query = parseInput(webhookDeliveryLogQuerySchema, req.query, 'query');
    res.json(await deliveryPage(req, query));
  });

  router.get('/webhook-deliveries/:id', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { id } = parseInput(
      webhookDeliveryParamsSchema,
      req.params,
      'params',
    );
    res.json(await access.readableDelivery(credentials, id));
  });

  router.post('/webhook-deliveries/:id/retry', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookDeliveryParamsSchema,
      req.params,
      'params',
    );
    const delivery = await access.readableDelivery(credentials, id);
    await access.change(
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
    res.json(await access.readableDelivery(credentials, id));
  });

  router.post('/webhooks/:id/retry-failed', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(
      webhookEndpointParamsSchema,
      req.params,
      'params',
    );
    const range = parseInput(bulkRetrySchema, req.body, 'body');
    const endpoint = await access.readableEndpoint(credentials, id);
    const queued = await access.change(
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
    const endpoint = await access.readableEndpoint(credentials, id);
    const queued = await access.change(
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
}
