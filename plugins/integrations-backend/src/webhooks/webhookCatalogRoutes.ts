import {
  WEBHOOK_EVENT_TYPES,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { z } from 'zod';
import { RequestGuard } from '../permissions/RequestGuard';

/**
 * The event catalog: which events an endpoint may subscribe to, their
 * schemas and examples. It describes the product, not any integration, so
 * everyone signed in may read it.
 */
export function addWebhookCatalogRoutes(
  router: express.Router,
  options: { guard: RequestGuard },
) {
  const { guard } = options;
  router.get('/webhooks/event-types', async (req, res) => {
    await guard.credentials(req);
    res.json({
      items: WEBHOOK_EVENT_TYPES.map(
        (type): WebhookEventTypeDescriptor => ({
          type: type.type,
          title: type.title,
          description: type.description,
          schema: z.toJSONSchema(type.schema) as Record<string, unknown>,
          example: type.example,
        }),
      ),
    });
  });
}
