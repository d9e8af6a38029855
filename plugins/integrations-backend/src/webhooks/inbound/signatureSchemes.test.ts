import { InboundWebhookSetup } from '@internal/plugin-integrations-common';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  SignedRequest,
  UnusableSecretError,
  verifySignature,
} from './signatureSchemes';

const NOW = new Date('2026-12-07T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

function request(body: string, headers: Record<string, string>): SignedRequest {
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { rawBody: Buffer.from(body), header: name => lower[name] };
}

describe('Stripe-Signature', () => {
  const secret = 'whsec_test_5f2b8c1e9a7d4f3b';
  const setup: InboundWebhookSetup = {
    scheme: 'stripe',
    secretField: 'webhookSigningSecret',
    toleranceSeconds: 300,
  };
  const body = JSON.stringify({ id: 'evt_1', object: 'event' });
  // As Stripe documents it: HMAC-SHA256 with the endpoint secret of
  // "<timestamp>.<payload>", hex, in t=<timestamp>,v1=<signature>.
  const signed = (timestamp: number, payload = body) =>
    createHmac('sha256', secret)
      .update(`${timestamp}.${payload}`, 'utf8')
      .digest('hex');

  it('accepts a header built the documented way', () => {
    const header = `t=${NOW_SECONDS},v1=${signed(NOW_SECONDS)}`;
    expect(
      verifySignature(
        setup,
        secret,
        request(body, { 'Stripe-Signature': header }),
        NOW,
      ),
    ).toEqual({ verified: true });
  });

  it('accepts a header with two v1 signatures where only one is right, as during a secret roll', () => {
    const wrong = createHmac('sha256', 'whsec_the_old_secret')
      .update(`${NOW_SECONDS}.${body}`)
      .digest('hex');
    const header = `t=${NOW_SECONDS},v1=${wrong},v1=${signed(
      NOW_SECONDS,
    )},v0=ignored`;
    expect(
      verifySignature(
        setup,
        secret,
        request(body, { 'stripe-signature': header }),
        NOW,
      ).verified,
    ).toBe(true);
  });

  it('refuses a body changed after signing', () => {
    const header = `t=${NOW_SECONDS},v1=${signed(NOW_SECONDS)}`;
    const check = verifySignature(
      setup,
      secret,
      request(body.replace('evt_1', 'evt_2'), { 'stripe-signature': header }),
      NOW,
    );
    expect(check).toEqual({
      verified: false,
      reason:
        'No v1 signature in Stripe-Signature matches the body and the stored signing secret',
    });
  });

  it('refuses a genuine but stale webhook as a replay, saying how old it is', () => {
    const then = NOW_SECONDS - 301;
    const check = verifySignature(
      setup,
      secret,
      request(body, { 'stripe-signature': `t=${then},v1=${signed(then)}` }),
      NOW,
    );
    expect(check).toEqual({
      verified: false,
      reason:
        'Stale timestamp: signed 301 s ago, more than the 300 s tolerance; a replay is refused',
    });
  });

  it("follows the integration's tolerance", () => {
    const then = NOW_SECONDS - 600;
    const header = { 'stripe-signature': `t=${then},v1=${signed(then)}` };
    expect(
      verifySignature(
        { ...setup, toleranceSeconds: 900 },
        secret,
        request(body, header),
        NOW,
      ).verified,
    ).toBe(true);
  });

  it.each([
    [{}, 'Missing the Stripe-Signature header'],
    [
      { 'stripe-signature': 'v1=abc' },
      'The Stripe-Signature header has no timestamp (t=)',
    ],
    [
      { 'stripe-signature': 't=12x,v1=abc' },
      'The Stripe-Signature header has no timestamp (t=)',
    ],
    [
      { 'stripe-signature': `t=${NOW_SECONDS}` },
      'The Stripe-Signature header has no v1 signature',
    ],
    [
      { 'stripe-signature': '\u0001=\u0002,,,=' },
      'The Stripe-Signature header has no timestamp (t=)',
    ],
  ])('refuses %j: %s', (headers, reason) => {
    expect(verifySignature(setup, secret, request(body, headers), NOW)).toEqual(
      {
        verified: false,
        reason,
      },
    );
  });
});

describe('X-Hub-Signature-256', () => {
  const setup: InboundWebhookSetup = {
    scheme: 'github',
    secretField: 'webhookSecret',
    toleranceSeconds: 0,
  };

  it("accepts GitHub's documented test vector", () => {
    const check = verifySignature(
      setup,
      "It's a Secret to Everybody",
      request('Hello, World!', {
        'X-Hub-Signature-256':
          'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      }),
      NOW,
    );
    expect(check).toEqual({ verified: true });
  });

  it('refuses the vector signed with another secret, or without its header', () => {
    const header = {
      'x-hub-signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    };
    expect(
      verifySignature(
        setup,
        'another secret',
        request('Hello, World!', header),
        NOW,
      ),
    ).toEqual({
      verified: false,
      reason:
        'The x-hub-signature-256 signature does not match the body and the stored secret',
    });
    expect(
      verifySignature(
        setup,
        "It's a Secret to Everybody",
        request('Hello, World!', {}),
        NOW,
      ).verified,
    ).toBe(false);
  });
});

describe('X-Telegram-Bot-Api-Secret-Token', () => {
  const setup: InboundWebhookSetup = {
    scheme: 'telegram',
    secretField: 'webhookSecretToken',
    toleranceSeconds: 0,
  };

  it('accepts the stored token and refuses any other', () => {
    const body = '{"update_id":1}';
    const as = (token: string) =>
      verifySignature(
        setup,
        'acme-bot-token_1',
        request(body, { 'x-telegram-bot-api-secret-token': token }),
        NOW,
      ).verified;
    expect(as('acme-bot-token_1')).toBe(true);
    expect(as('acme-bot-token_2')).toBe(false);
    expect(as('acme-bot-token_1 ')).toBe(false);
    expect(
      verifySignature(setup, 'acme-bot-token_1', request(body, {}), NOW),
    ).toEqual({
      verified: false,
      reason: 'Missing the X-Telegram-Bot-Api-Secret-Token header',
    });
  });
});

describe('Standard Webhooks', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const setup: InboundWebhookSetup = {
    scheme: 'standard_webhooks',
    secretField: 'webhookSecret',
    toleranceSeconds: 300,
  };
  const body = '{"type":"invoice.paid","data":{"id":"in_1"}}';
  const headersAt = (at: Date, id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W') => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  });

  it('accepts a webhook signed by the library', () => {
    expect(
      verifySignature(setup, secret, request(body, headersAt(NOW)), NOW),
    ).toEqual({
      verified: true,
    });
  });

  it('accepts any of several signatures, as during a secret rotation', () => {
    const headers = headersAt(NOW);
    headers[
      'webhook-signature'
    ] = `v1,bm90IHRoZSByaWdodCBvbmU= ${headers['webhook-signature']}`;
    expect(
      verifySignature(setup, secret, request(body, headers), NOW).verified,
    ).toBe(true);
  });

  it('refuses a stale one and one whose id was changed', () => {
    const stale = new Date(NOW.getTime() - 6 * 60_000);
    expect(
      verifySignature(setup, secret, request(body, headersAt(stale)), NOW),
    ).toEqual({
      verified: false,
      reason:
        'Stale timestamp: signed 360 s ago, more than the 300 s tolerance; a replay is refused',
    });
    const moved = { ...headersAt(NOW), 'webhook-id': 'msg_other' };
    expect(
      verifySignature(setup, secret, request(body, moved), NOW).verified,
    ).toBe(false);
  });

  it('says a stored secret that is not whsec_ and base64 cannot verify anything', () => {
    expect(() =>
      verifySignature(
        setup,
        'whsec_not*base64!',
        request(body, headersAt(NOW)),
        NOW,
      ),
    ).toThrow(UnusableSecretError);
  });
});

describe('generic HMAC', () => {
  const setup = (hmac: InboundWebhookSetup['hmac']): InboundWebhookSetup => ({
    scheme: 'hmac',
    secretField: 'webhookSecret',
    toleranceSeconds: 300,
    hmac,
  });
  const body = '{"event":"order.created"}';

  it.each([
    ['sha256', 'hex', 'sha256='],
    ['sha1', 'hex', ''],
    ['sha512', 'base64', 'v1='],
  ] as const)(
    'accepts %s in %s with prefix %j',
    (algorithm, encoding, prefix) => {
      const signature = `${prefix}${createHmac(algorithm, 's3cret')
        .update(body)
        .digest(encoding)}`;
      const format = {
        header: 'x-acme-signature',
        algorithm,
        encoding,
        prefix,
      };
      expect(
        verifySignature(
          setup(format),
          's3cret',
          request(body, { 'X-Acme-Signature': signature }),
          NOW,
        ).verified,
      ).toBe(true);
      expect(
        verifySignature(
          setup(format),
          'other',
          request(body, { 'X-Acme-Signature': signature }),
          NOW,
        ).verified,
      ).toBe(false);
    },
  );

  it('refuses a signature without the prefix', () => {
    const digest = createHmac('sha256', 's3cret').update(body).digest('hex');
    const format = {
      header: 'x-signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: 'sha256=',
    } as const;
    expect(
      verifySignature(
        setup(format),
        's3cret',
        request(body, { 'x-signature': digest }),
        NOW,
      ).verified,
    ).toBe(false);
  });
});
