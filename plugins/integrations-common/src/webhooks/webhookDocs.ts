import { z } from 'zod';
import {
  ENDPOINT_FAILURE_DISABLE_DAYS,
  STANDARD_RETRY_SCHEDULE_SECONDS,
} from './endpoints';
import {
  WEBHOOK_EVENT_TYPES,
  WebhookEventTypeDefinition,
  WebhookEventTypeDescriptor,
  WebhookMessage,
} from './eventCatalog';

/** How far a `webhook-timestamp` may be from the receiver's clock before it rejects the message. */
export const WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS = 300;

/** What the generated documentation covers and how it is titled. */
export interface WebhookDocsOptions {
  /** The document's title; "Integration Manager webhooks" when absent. */
  title?: string;
  /** The version the AsyncAPI document declares; 1.0.0 when absent. */
  version?: string;
  /** Only these event types, e.g. the ones an endpoint subscribes to; all when absent. */
  eventTypes?: readonly string[];
}

type JsonSchema = Record<string, unknown>;

const DEFAULT_TITLE = 'Integration Manager webhooks';
const EXAMPLE_TIMESTAMP = '2026-12-01T09:30:00.000Z';

/**
 * Draft 7, the dialect AsyncAPI's Schema Object extends, so the same schema
 * serves the API's event-type list and the AsyncAPI document.
 */
function dataJsonSchema(definition: WebhookEventTypeDefinition): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.schema, {
    target: 'draft-7',
  }) as JsonSchema;
  return schema;
}

function selectedTypes(
  options: WebhookDocsOptions = {},
): WebhookEventTypeDefinition[] {
  if (!options.eventTypes) {
    return WEBHOOK_EVENT_TYPES;
  }
  const wanted = new Set(options.eventTypes);
  return WEBHOOK_EVENT_TYPES.filter(definition => wanted.has(definition.type));
}

/** The message a receiver gets for the type's example data. */
export function exampleWebhookMessage(
  definition: WebhookEventTypeDefinition,
): WebhookMessage {
  return {
    type: definition.type,
    timestamp: EXAMPLE_TIMESTAMP,
    data: definition.example,
  };
}

/** Every event type with its data schema as JSON Schema, as `GET /webhooks/event-types` serves them. */
export function webhookEventTypeDescriptors(): WebhookEventTypeDescriptor[] {
  return WEBHOOK_EVENT_TYPES.map(definition => ({
    type: definition.type,
    title: definition.title,
    description: definition.description,
    schema: dataJsonSchema(definition),
    example: definition.example,
  }));
}

function durationText(seconds: number): string {
  if (seconds < 60) {
    return `${seconds} s`;
  }
  if (seconds < 3600) {
    return `${seconds / 60} min`;
  }
  return `${seconds / 3600} h`;
}

/** A property's type in a few words: `string (date-time)`, one of `a`, `b`, `array of string`. */
function typeText(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) {
    return `one of ${schema.enum.map(value => `\`${value}\``).join(', ')}`;
  }
  if (schema.type === 'array' && schema.items) {
    return `array of ${typeText(schema.items as JsonSchema)}`;
  }
  if (typeof schema.type === 'string') {
    return schema.format ? `${schema.type} (${schema.format})` : schema.type;
  }
  return 'any';
}

function fieldsTable(schema: JsonSchema): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(properties).map(
    ([name, property]) =>
      `| \`${name}\` | ${typeText(property)} | ${
        required.has(name) ? 'yes' : 'no'
      } |`,
  );
  return ['| Field | Type | Required |', '| --- | --- | --- |', ...rows].join(
    '\n',
  );
}

const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

function verify(secret, headers, rawBody) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > ${WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS}) {
    return false;
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(\`\${id}.\${timestamp}.\${rawBody}\`)
    .digest();
  return headers['webhook-signature'].split(' ').some(signature => {
    const [version, value] = signature.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length &&
      timingSafeEqual(given, expected);
  });
}`;

function introMarkdown(): string {
  const schedule = STANDARD_RETRY_SCHEDULE_SECONDS.map(durationText).join(', ');
  return [
    'Every webhook is an HTTP `POST` with a JSON body `{ "type", "timestamp", "data" }`, sent the way the [Standard Webhooks](https://www.standardwebhooks.com/) specification describes.',
    '## Verifying a webhook',
    'Each request carries three headers:',
    [
      '- `webhook-id`: the message id; the same on every retry of a message, so use it to ignore duplicates.',
      '- `webhook-timestamp`: when the attempt was signed, in seconds since the Unix epoch.',
      '- `webhook-signature`: one or more space-separated signatures, each `v1,<base64>`.',
    ].join('\n'),
    `A \`v1\` signature is the base64 of the HMAC-SHA256 of \`\${webhook-id}.\${webhook-timestamp}.\${body}\`, where \`body\` is the raw request body exactly as received (parse it only after verifying). The key is the signing secret without its \`whsec_\` prefix, base64-decoded. Accept the request when any of the listed signatures matches, and reject it when the timestamp is more than ${
      WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS / 60
    } minutes from your clock, which stops an old request from being replayed.`,
    'While a secret is being rotated, each request is signed with both the new and the old secret, so the header carries two space-separated signatures; switch your receiver to the new secret before the grace period ends.',
    `\`\`\`js\n${VERIFY_SNIPPET}\n\`\`\``,
    '## Answering and retries',
    `Answer with any 2xx status as soon as the request is verified and do the work afterwards: a slow answer counts as a failure. Any other status, a redirect, a timeout or a connection error is retried after ${schedule}. A \`429\` with a \`Retry-After\` header is retried no sooner than it asks. Answering \`410 Gone\` disables the endpoint, and so does failing without a single success for ${ENDPOINT_FAILURE_DISABLE_DAYS} days: nothing more is sent until someone turns it on again.`,
  ].join('\n\n');
}

function eventTypeMarkdown(definition: WebhookEventTypeDefinition): string {
  return [
    `### \`${definition.type}\``,
    `**${definition.title}.** ${definition.description}`,
    '#### Data',
    fieldsTable(dataJsonSchema(definition)),
    '#### Example',
    `\`\`\`json\n${JSON.stringify(
      exampleWebhookMessage(definition),
      null,
      2,
    )}\n\`\`\``,
  ].join('\n\n');
}

/** The event catalog as a Markdown page: how to verify and answer, then each event type. */
export function renderWebhookDocsMarkdown(
  options: WebhookDocsOptions = {},
): string {
  const types = selectedTypes(options);
  return `${[
    `# ${options.title ?? DEFAULT_TITLE}`,
    introMarkdown(),
    '## Event types',
    types
      .map(definition => `- \`${definition.type}\`: ${definition.title}`)
      .join('\n'),
    ...types.map(eventTypeMarkdown),
  ].join('\n\n')}\n`;
}

const HEADERS_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': {
      type: 'string',
      description:
        'The message id, the same on every retry: use it to ignore duplicates.',
    },
    'webhook-timestamp': {
      type: 'string',
      pattern: '^[0-9]+$',
      description:
        'When the attempt was signed, in seconds since the Unix epoch.',
    },
    'webhook-signature': {
      type: 'string',
      description:
        'Space-separated `v1,<base64>` HMAC-SHA256 signatures of `${webhook-id}.${webhook-timestamp}.${body}`; two while a secret is rotated.',
    },
  },
};

const EXAMPLE_HEADERS = {
  'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  'webhook-timestamp': String(Date.parse(EXAMPLE_TIMESTAMP) / 1000),
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

function messagePayloadSchema(
  definition: WebhookEventTypeDefinition,
): JsonSchema {
  return {
    type: 'object',
    required: ['type', 'timestamp', 'data'],
    properties: {
      type: { type: 'string', const: definition.type },
      timestamp: { type: 'string', format: 'date-time' },
      data: dataJsonSchema(definition),
    },
  };
}

/**
 * The event catalog as an AsyncAPI 3.0 document: one channel, message and
 * `send` operation per event type, each message with its payload schema, the
 * Standard Webhooks headers and an example. The channels have no address: it
 * is whatever URL the receiver registers.
 */
export function webhookAsyncApiDocument(
  options: WebhookDocsOptions = {},
): Record<string, unknown> {
  const types = selectedTypes(options);
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const definition of types) {
    const id = definition.type;
    messages[id] = {
      name: definition.type,
      title: definition.title,
      summary: definition.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/StandardWebhooksHeaders' },
      payload: messagePayloadSchema(definition),
      examples: [
        {
          name: 'example',
          headers: EXAMPLE_HEADERS,
          payload: exampleWebhookMessage(definition),
        },
      ],
    };
    channels[id] = {
      address: null,
      title: definition.title,
      description: definition.description,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`send.${id}`] = {
      action: 'send',
      title: `Send ${definition.type}`,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: options.title ?? DEFAULT_TITLE,
      version: options.version ?? '1.0.0',
      description:
        'Events the Integration Manager sends to registered webhook endpoints, signed as Standard Webhooks describes.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages,
      schemas: { StandardWebhooksHeaders: HEADERS_SCHEMA },
    },
  };
}
