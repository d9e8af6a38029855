import { getProvider } from './index';
import { inboundWebhookSetup } from './inboundWebhooks';

describe('inboundWebhookSetup', () => {
  it("verifies Stripe webhooks with the signing secret and the integration's tolerance", () => {
    expect(
      inboundWebhookSetup(getProvider('stripe')!, {
        webhookToleranceSeconds: 120,
      }),
    ).toEqual({
      scheme: 'stripe',
      secretField: 'webhookSigningSecret',
      toleranceSeconds: 120,
    });
    expect(
      inboundWebhookSetup(getProvider('stripe')!, {})?.toleranceSeconds,
    ).toBe(300);
  });

  it.each([
    ['github', 'github', 'webhookSecret'],
    ['telegram', 'telegram', 'webhookSecretToken'],
  ])('verifies %s webhooks with its own scheme', (id, scheme, secretField) => {
    expect(inboundWebhookSetup(getProvider(id)!, {})).toMatchObject({
      scheme,
      secretField,
    });
  });

  it('receives nothing from a provider that sends no webhooks', () => {
    expect(inboundWebhookSetup(getProvider('brevo')!, {})).toBeUndefined();
  });

  it('lets a generic API choose Standard Webhooks, its default', () => {
    expect(inboundWebhookSetup(getProvider('generic-http')!, {})).toEqual({
      scheme: 'standard_webhooks',
      secretField: 'webhookSecret',
      toleranceSeconds: 300,
    });
  });

  it('reads a generic HMAC signature from the settings, header names in lower case', () => {
    expect(
      inboundWebhookSetup(getProvider('generic-http')!, {
        webhookScheme: 'hmac',
        webhookSignatureHeader: 'X-Acme-Signature',
        webhookHmacAlgorithm: 'sha1',
        webhookSignatureEncoding: 'base64',
        webhookSignaturePrefix: 'sha1=',
        webhookEventIdHeader: 'X-Acme-Event',
      })?.hmac,
    ).toEqual({
      header: 'x-acme-signature',
      algorithm: 'sha1',
      encoding: 'base64',
      prefix: 'sha1=',
      eventIdHeader: 'x-acme-event',
    });
  });

  it('falls back to an HMAC-SHA256 in hex where settings say nothing', () => {
    expect(
      inboundWebhookSetup(getProvider('generic-http')!, {
        webhookScheme: 'hmac',
        webhookHmacAlgorithm: 'md5',
      })?.hmac,
    ).toEqual({
      header: 'x-signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: '',
    });
  });

  it('accepts the webhook settings in the generic provider schema and names a bad one', () => {
    const schema = getProvider('generic-http')!.settingsSchema;
    const defaults = getProvider('generic-http')!.defaultSettings;
    expect(
      schema.safeParse({
        ...defaults,
        webhookScheme: 'hmac',
        webhookSignatureHeader: 'X-Hub-Signature-256',
        webhookSignaturePrefix: 'sha256=',
      }).success,
    ).toBe(true);
    const bad = schema.safeParse({
      ...defaults,
      webhookSignatureHeader: 'X Signature',
    });
    expect(bad.error?.issues[0].message).toBe(
      'Webhook signature header must be an HTTP header name, such as X-Signature',
    );
  });
});
