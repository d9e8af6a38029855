import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_TYPE_NAMES } from './eventCatalog';
import {
  renderWebhookDocsMarkdown,
  webhookAsyncApiDocument,
  webhookEventTypeDescriptors,
} from './webhookDocs';

describe('the event catalog examples', () => {
  it.each(WEBHOOK_EVENT_TYPES.map(definition => [definition.type, definition]))(
    '%s: the example satisfies its own schema',
    (_type, definition) => {
      const parsed = definition.schema.safeParse(definition.example);
      expect(parsed.error?.issues).toBeUndefined();
    },
  );
});

describe('webhookEventTypeDescriptors', () => {
  it('describes the data of every type as a JSON Schema object with its required fields', () => {
    const descriptors = webhookEventTypeDescriptors();

    expect(descriptors.map(d => d.type)).toEqual(WEBHOOK_EVENT_TYPE_NAMES);
    const health = descriptors.find(
      d => d.type === 'integration.health_changed',
    )!;
    expect(health.schema).toMatchObject({
      type: 'object',
      properties: {
        status: { enum: expect.arrayContaining(['healthy', 'unhealthy']) },
        changedAt: { type: 'string', format: 'date-time' },
      },
      required: expect.arrayContaining(['integration', 'status', 'changedAt']),
    });
    expect(health.schema.required).not.toContain('previousStatus');
  });
});

describe('webhookAsyncApiDocument', () => {
  it('has a channel, a message and a send operation for every event type', () => {
    const document = webhookAsyncApiDocument() as any;

    expect(document.asyncapi).toBe('3.0.0');
    for (const type of WEBHOOK_EVENT_TYPE_NAMES) {
      expect(document.channels[type].messages[type].$ref).toBe(
        `#/components/messages/${type}`,
      );
      expect(document.operations[`send.${type}`]).toMatchObject({
        action: 'send',
        channel: { $ref: `#/channels/${type}` },
      });
      const message = document.components.messages[type];
      expect(message.payload.properties.type.const).toBe(type);
      expect(message.examples[0].payload.type).toBe(type);
    }
    expect(
      document.components.schemas.StandardWebhooksHeaders.required,
    ).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
  });

  it('documents only the event types asked for', () => {
    const document = webhookAsyncApiDocument({
      eventTypes: ['alert.raised'],
      title: 'Payments team webhooks',
    }) as any;

    expect(Object.keys(document.channels)).toEqual(['alert.raised']);
    expect(document.info.title).toBe('Payments team webhooks');
  });
});

describe('renderWebhookDocsMarkdown', () => {
  const markdown = renderWebhookDocsMarkdown();

  it('has a section for each event type with its fields and an example message', () => {
    for (const definition of WEBHOOK_EVENT_TYPES) {
      expect(markdown).toContain(`### \`${definition.type}\``);
      expect(markdown).toContain(`"type": "${definition.type}"`);
    }
    expect(markdown).toContain('| `changedAt` | string (date-time) | yes |');
    expect(markdown).toContain('| `previousStatus` |');
  });

  it('explains how to verify a signature and how deliveries are retried', () => {
    expect(markdown).toContain('`webhook-signature`');
    expect(markdown).toContain('HMAC-SHA256');
    expect(markdown).toContain('5 minutes');
    expect(markdown).toContain('5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h');
    expect(markdown).toContain('`410 Gone` disables the endpoint');
  });
});
