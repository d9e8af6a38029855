import { usageBatchSchema } from '@internal/plugin-integrations-common';
import express from 'express';
import { invalidFields } from '../errors/invalidRequest';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { UsageIngestService } from './UsageIngestService';

/**
 * Usage ingestion: `POST /usage/events` takes batches of calls other
 * services made to integrations. Only services may report usage (another
 * plugin, or an outside service with a static token from
 * `backend.auth.externalAccess`); people cannot, so the figures stay the
 * product's own.
 */
export function addUsageRoutes(
  router: express.Router,
  options: { guard: RequestGuard; usage: UsageIngestService },
) {
  const { guard, usage } = options;

  router.post('/usage/events', async (req, res) => {
    await guard.serviceCredentials(req);
    const { events } = parseInput(usageBatchSchema, req.body, 'body');
    const result = await usage.ingest(events, 'api');
    // Nothing kept is a bad request; anything kept is accepted, with the
    // rest reported per event.
    if (result.accepted + result.duplicates === 0) {
      throw invalidFields(
        result.rejected.flatMap(({ index, fields }) =>
          fields.map(field => ({
            path: ['body', 'events', index, field.path]
              .filter(part => part !== '')
              .join('.'),
            message: field.message,
          })),
        ),
      );
    }
    res.status(202).json(result);
  });
}
