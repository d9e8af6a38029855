import {
  Environment,
  usageAnalyticsQuerySchema,
  usageBatchSchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { invalidFields } from '../errors/invalidRequest';
import { parseInput } from '../http/validation';
import { otlpTracesSchema } from './otlpSpans';
import { RequestGuard } from '../permissions/RequestGuard';
import { UsageAnalyticsService } from './UsageAnalyticsService';
import { TracesIngestResult, UsageIngestService } from './UsageIngestService';

/**
 * Usage: `POST /usage/events` takes batches of calls other services made to
 * integrations, and `GET /analytics/usage` reads them back per period. Only
 * services may report usage (another plugin, or an outside service with a
 * static token from `backend.auth.externalAccess`); people cannot, so the
 * figures stay the product's own.
 */
export function addUsageRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    usage: UsageIngestService;
    analytics: UsageAnalyticsService;
    configs: ConfigStore;
  },
) {
  const { guard, usage, analytics, configs } = options;

  router.get('/analytics/usage', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(usageAnalyticsQuerySchema, req.query, 'query');
    // The spec's call names no environment: production unless one is given.
    const environment: Environment = query.environment ?? 'production';
    const { items } = await configs.listConfigs(
      await guard.readableFilter(credentials),
      { limit: 100_000 },
    );
    res.json(
      await analytics.usage({
        environment,
        readable: items,
        integration: query.integration,
        from: query.from,
        to: query.to,
      }),
    );
  });

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

  // OpenTelemetry's OTLP/HTTP in its JSON encoding: a collector's
  // `otlphttp` exporter with `encoding: json` points here.
  router.post('/usage/otlp/v1/traces', async (req, res) => {
    await guard.serviceCredentials(req);
    if (req.is('application/x-protobuf')) {
      res.status(415).json({
        error: {
          name: 'UnsupportedMediaTypeError',
          message:
            'OTLP protobuf is not accepted here; set the exporter to JSON (collector: encoding: json; SDKs: OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json)',
        },
      });
      return;
    }
    const traces = parseInput(otlpTracesSchema, req.body, 'body');
    const result = await usage.ingestTraces(traces);
    const unmatched = Object.values(result.unmatched).reduce(
      (sum, count) => sum + count,
      0,
    );
    const rejectedSpans =
      result.rejected.length + unmatched + result.ambiguous + result.malformed;
    // The answer OTLP exporters read, with what happened to each span for
    // people trying it by hand.
    res.json({
      ...(rejectedSpans > 0
        ? {
            partialSuccess: {
              rejectedSpans,
              errorMessage: describeRejections(result, unmatched),
            },
          }
        : {}),
      usage: result,
    });
  });
}

function describeRejections(
  result: TracesIngestResult,
  unmatched: number,
): string {
  const parts = [];
  if (unmatched) {
    parts.push(
      `${unmatched} client spans went to hosts no integration uses (${Object.keys(
        result.unmatched,
      )
        .slice(0, 5)
        .join(', ')})`,
    );
  }
  if (result.ambiguous) {
    parts.push(
      `${result.ambiguous} went to a base URL several integrations share; name one in the span attribute backstage.integration`,
    );
  }
  if (result.malformed) {
    parts.push(`${result.malformed} had no URL or no start and end time`);
  }
  if (result.rejected.length) {
    parts.push(
      `${result.rejected.length} were refused: ${result.rejected[0].fields
        .map(field => `${field.path}: ${field.message}`)
        .join('; ')}`,
    );
  }
  return parts.join('; ');
}
