import {
  renderWebhookDocsMarkdown,
  webhookAsyncApiDocument,
  webhookDocsQuerySchema,
  webhookEventTypeDescriptors,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';

/**
 * The event catalog: which events an endpoint may subscribe to, their
 * schemas and examples, and the documentation generated from them for the
 * teams that build receivers. It describes the product, not any
 * integration, so everyone signed in may read it.
 */
export function addWebhookCatalogRoutes(
  router: express.Router,
  options: { guard: RequestGuard },
) {
  const { guard } = options;
  router.get('/webhooks/event-types', async (req, res) => {
    await guard.credentials(req);
    res.json({ items: webhookEventTypeDescriptors() });
  });

  router.get('/webhooks/docs', async (req, res) => {
    await guard.credentials(req);
    const { format } = parseInput(webhookDocsQuerySchema, req.query, 'query');
    if (format === 'asyncapi') {
      res.json(webhookAsyncApiDocument());
      return;
    }
    res.type('text/markdown; charset=utf-8').send(renderWebhookDocsMarkdown());
  });
}
