import {
  Environment,
  FailureClass,
  UsageEvent,
} from '@internal/plugin-integrations-common';
import { z } from 'zod';

/**
 * OTLP/HTTP JSON traces (`ExportTraceServiceRequest`), as much of it as
 * usage needs. Unknown fields are allowed: exporters add their own.
 */
const anyValueSchema = z
  .object({
    stringValue: z.string().optional(),
    // int64 travels as a decimal string in OTLP JSON; some send numbers.
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.number().optional(),
    boolValue: z.boolean().optional(),
  })
  .loose();

const attributesSchema = z
  .array(
    z.object({ key: z.string(), value: anyValueSchema.optional() }).loose(),
  )
  .optional();

const spanSchema = z
  .object({
    traceId: z.string().min(1).max(64),
    spanId: z.string().min(1).max(32),
    name: z.string().optional(),
    // Enums are integers in OTLP JSON (3 = CLIENT); names are accepted too.
    kind: z.union([z.number(), z.string()]).optional(),
    startTimeUnixNano: z.union([z.string(), z.number()]),
    endTimeUnixNano: z.union([z.string(), z.number()]),
    attributes: attributesSchema,
    status: z
      .object({ code: z.union([z.number(), z.string()]).optional() })
      .loose()
      .optional(),
  })
  .loose();

export const otlpTracesSchema = z
  .object({
    resourceSpans: z
      .array(
        z
          .object({
            resource: z
              .object({ attributes: attributesSchema })
              .loose()
              .optional(),
            scopeSpans: z
              .array(
                z.object({ spans: z.array(z.unknown()).optional() }).loose(),
              )
              .optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

export type OtlpTraces = z.infer<typeof otlpTracesSchema>;
type Attributes = z.infer<typeof attributesSchema>;

const SPAN_KIND_CLIENT = 3;

/** The integration a call went to, by where it went. */
export type IntegrationMatch =
  | { integration: string }
  | { ambiguous: string[] }
  | undefined;

/** What the traces held for usage. */
export interface SpansRead {
  /** Client spans that matched an integration, as usage events. */
  events: UsageEvent[];
  /** Client spans to no configured integration, by host. */
  unmatched: Map<string, number>;
  /** Client spans to a host several integrations use, with no hint which. */
  ambiguous: number;
  /** Client spans without the fields a usage event needs. */
  malformed: number;
}

function attributeMap(attributes: Attributes): Map<string, string | number> {
  const map = new Map<string, string | number>();
  for (const { key, value } of attributes ?? []) {
    const scalar =
      value?.stringValue ??
      value?.intValue ??
      value?.doubleValue ??
      (value?.boolValue === undefined ? undefined : String(value.boolValue));
    if (scalar !== undefined) {
      map.set(key, scalar);
    }
  }
  return map;
}

/** The first of the attributes that is set, as text. */
function first(
  attributes: Map<string, string | number>,
  keys: string[],
): string | undefined {
  for (const key of keys) {
    const value = attributes.get(key);
    if (value !== undefined && String(value) !== '') {
      return String(value);
    }
  }
  return undefined;
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** OpenTelemetry's deployment environment in this portal's words. */
export function environmentOf(name: string | undefined): Environment {
  const value = (name ?? '').toLowerCase();
  if (['dev', 'development', 'local'].includes(value)) {
    return 'development';
  }
  if (['stage', 'staging', 'test', 'qa', 'preprod'].includes(value)) {
    return 'staging';
  }
  return 'production';
}

/** Ids, numbers and hashes in a path become placeholders, so calls group. */
export function endpointTemplateOf(path: string): string {
  const template = path
    .split('?')[0]
    .split('/')
    .map(segment =>
      /^(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|[0-9a-f]{16,}|[a-z]{2,5}_[A-Za-z0-9]{10,})$/i.test(
        segment,
      )
        ? '{id}'
        : segment,
    )
    .join('/');
  return template.startsWith('/') ? template || '/' : `/${template}`;
}

function failureOf(errorType: string | undefined): FailureClass | undefined {
  const text = (errorType ?? '').toLowerCase();
  if (!text) {
    return undefined;
  }
  if (text.includes('timeout') || text.includes('timedout')) {
    return 'timeout';
  }
  if (text.includes('refused')) {
    return 'connection_refused';
  }
  if (
    text.includes('unknownhost') ||
    text.includes('enotfound') ||
    text.includes('dns')
  ) {
    return 'dns_failure';
  }
  if (text.includes('tls') || text.includes('ssl') || text.includes('cert')) {
    return 'tls_error';
  }
  return undefined;
}

function nanosToMs(value: string | number): number | undefined {
  try {
    return Number(BigInt(value) / 1000n) / 1000;
  } catch {
    return undefined;
  }
}

/**
 * Turns the client spans of an OTLP export into usage events. `match`
 * finds the integration a call went to in an environment, from its URL.
 */
export function readClientSpans(
  traces: OtlpTraces,
  match: (
    environment: Environment,
    url: URL,
    hint: string | undefined,
  ) => IntegrationMatch,
): SpansRead {
  const read: SpansRead = {
    events: [],
    unmatched: new Map(),
    ambiguous: 0,
    malformed: 0,
  };
  for (const resourceSpans of traces.resourceSpans ?? []) {
    const resource = attributeMap(resourceSpans.resource?.attributes);
    const environment = environmentOf(
      first(resource, [
        'deployment.environment.name',
        'deployment.environment',
      ]),
    );
    const caller = first(resource, ['service.name'])?.slice(0, 100);
    const component = first(resource, ['backstage.component']);
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const raw of scope.spans ?? []) {
        const parsed = spanSchema.safeParse(raw);
        if (!parsed.success) {
          read.malformed++;
          continue;
        }
        const span = parsed.data;
        if (
          span.kind !== SPAN_KIND_CLIENT &&
          span.kind !== 'SPAN_KIND_CLIENT'
        ) {
          continue;
        }
        const attributes = attributeMap(span.attributes);
        const url = urlOf(attributes);
        const start = nanosToMs(span.startTimeUnixNano);
        const end = nanosToMs(span.endTimeUnixNano);
        if (!url || start === undefined || end === undefined || end < start) {
          read.malformed++;
          continue;
        }
        const found = match(
          environment,
          url,
          first(attributes, ['backstage.integration']),
        );
        if (!found) {
          read.unmatched.set(url.host, (read.unmatched.get(url.host) ?? 0) + 1);
          continue;
        }
        if ('ambiguous' in found) {
          read.ambiguous++;
          continue;
        }
        const status = numberOf(
          first(attributes, ['http.response.status_code', 'http.status_code']),
        );
        const requestBytes = numberOf(
          first(attributes, [
            'http.request.body.size',
            'http.request_content_length',
          ]),
        );
        const responseBytes = numberOf(
          first(attributes, [
            'http.response.body.size',
            'http.response_content_length',
          ]),
        );
        const errorType = failureOf(first(attributes, ['error.type']));
        read.events.push({
          id: `otlp:${span.traceId}:${span.spanId}`,
          integration: found.integration,
          environment,
          endpoint:
            first(attributes, ['url.template', 'http.route']) ??
            endpointTemplateOf(url.pathname),
          method: (
            first(attributes, ['http.request.method', 'http.method']) ?? 'GET'
          ).toUpperCase() as UsageEvent['method'],
          ...(status === undefined ? {} : { status }),
          durationMs: end - start,
          ...(requestBytes === undefined ? {} : { requestBytes }),
          ...(responseBytes === undefined ? {} : { responseBytes }),
          ...(errorType ? { errorType } : {}),
          ...(caller ? { caller } : {}),
          ...(component ? { component } : {}),
          occurredAt: new Date(start).toISOString(),
        });
      }
    }
  }
  return read;
}

/** Where a client span went: its full URL, or host, port and path pieces. */
function urlOf(attributes: Map<string, string | number>): URL | undefined {
  const full = first(attributes, ['url.full', 'http.url']);
  if (full && URL.canParse(full)) {
    return new URL(full);
  }
  const host = first(attributes, [
    'server.address',
    'net.peer.name',
    'http.host',
  ]);
  if (!host) {
    return undefined;
  }
  const port = first(attributes, ['server.port', 'net.peer.port']);
  const scheme =
    first(attributes, ['url.scheme', 'http.scheme']) ??
    (port === '80' ? 'http' : 'https');
  const path = first(attributes, ['url.path', 'http.target']) ?? '/';
  const text = `${scheme}://${host}${port ? `:${port}` : ''}${
    path.startsWith('/') ? path : `/${path}`
  }`;
  return URL.canParse(text) ? new URL(text) : undefined;
}
