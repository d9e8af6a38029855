import { usageBatchSchema } from '@internal/plugin-integrations-common';
import express, { NextFunction, Request, Response } from 'express';
import { invalidFields } from '../requestErrors/invalidRequest';
import { UnsupportedMediaTypeError } from '../requestErrors/unsupportedMediaType';
import { jsonBody } from '../http/jsonBody';
import { parseInput } from '../http/validation';
import { otlpTracesSchema } from './otlpSpans';
import { RequestGuard } from '../permissions/RequestGuard';
import { TracesIngestResult, UsageIngestService } from './UsageIngestService';

/**
 * Larger than other bodies: a full batch of 1,000 events, or an exporter's
 * batch of spans.
 */
const INGEST_BODY_LIMIT = '8mb';

/**
 * Usage coming in: `POST /usage/events` takes batches of calls other
 * services made to integrations, `POST /usage/otlp/v1/traces` OpenTelemetry
 * traces. Only services may report usage (another plugin, or an outside
 * service with a static token from `backend.auth.externalAccess`); people
 * cannot, so the figures stay the product's own. These routes read their own
 * bodies, so they are mounted before the router's shared body reader.
 */
export function addUsageIngestRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    usage: UsageIngestService;
  },
) {
  const { guard, usage } = options;

  router.post(
    '/usage/events',
    jsonBody({ limit: INGEST_BODY_LIMIT }),
    async (req: Request, res: Response) => {
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
    },
  );

  // OpenTelemetry's OTLP/HTTP in its JSON encoding: a collector's
  // `otlphttp` exporter with `encoding: json` points here.
  router.post(
    '/usage/otlp/v1/traces',
    (req: Request, _res: Response, next: NextFunction) => {
      if (req.is('application/x-protobuf')) {
        throw new UnsupportedMediaTypeError(
          'OTLP protobuf is not read here; send JSON (collector exporter: encoding: json; SDKs: OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json)',
        );
      }
      next();
    },
    jsonBody({ limit: INGEST_BODY_LIMIT }),
    async (req: Request, res: Response) => {
      await guard.serviceCredentials(req);
      const traces = parseInput(otlpTracesSchema, req.body, 'body');
      const result = await usage.ingestTraces(traces);
      const unmatched = Object.values(result.unmatched).reduce(
        (sum, count) => sum + count,
        0,
      );
      const rejectedSpans =
        result.rejected.length +
        unmatched +
        result.ambiguous +
        result.malformed;
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
    },
  );
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
