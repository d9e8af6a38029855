import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { jsonPost, useSimulator } from '../testUtils';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver that records what arrives and answers with the given status. */
function useReceiver() {
  const received: Received[] = [];
  let answer = { status: 200, body: '{"received":true}' };
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          url: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => {
    received.length = 0;
    answer = { status: 200, body: '{"received":true}' };
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  return {
    received,
    answerWith(status: number, body: unknown) {
      answer = { status, body: JSON.stringify(body) };
    },
    get url() {
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
}

describe('POST /_control/:provider/webhooks', () => {
  const simulator = useSimulator();
  const receiver = useReceiver();
  const send = (provider: string, body: unknown) =>
    simulator.request(`/_control/${provider}/webhooks`, jsonPost(body));

  it('sends a Stripe event signed as Stripe signs, and answers what the receiver said', async () => {
    const secret = 'whsec_simulatorTest';
    const response = await send('stripe', {
      url: `${receiver.url}/webhooks/inbound/stripe`,
      secret,
      environment: 'staging',
    });

    const [webhook] = receiver.received;
    const event = JSON.parse(webhook.body);
    expect(await response.json()).toEqual({
      status: 200,
      body: { received: true },
      sent: { id: event.id, type: 'payment_intent.succeeded' },
    });
    expect(webhook.url).toBe('/webhooks/inbound/stripe?environment=staging');
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_[A-Za-z0-9]{24}$/),
      object: 'event',
      type: 'payment_intent.succeeded',
      livemode: false,
      api_version: '2024-06-20',
      data: { object: { object: 'payment_intent', status: 'succeeded' } },
    });
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
      webhook.headers['stripe-signature'] as string,
    )!;
    expect(Number(t)).toBe(event.created);
    expect(v1).toBe(
      createHmac('sha256', secret).update(`${t}.${webhook.body}`).digest('hex'),
    );
  });

  it('sends a GitHub push or ping with its delivery id and X-Hub-Signature-256', async () => {
    const secret = "It's a Secret to Everybody";
    for (const type of ['push', 'ping']) {
      await send('github', { url: receiver.url, secret, type });
    }

    const [push, ping] = receiver.received;
    expect(push.headers).toMatchObject({
      'x-github-event': 'push',
      'x-github-delivery': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'user-agent': expect.stringMatching(/^GitHub-Hookshot\//),
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret)
        .update(push.body)
        .digest('hex')}`,
    });
    expect(JSON.parse(push.body)).toMatchObject({
      ref: 'refs/heads/main',
      repository: { full_name: 'acme-shop/web-shop' },
    });
    expect(ping.headers['x-github-event']).toBe('ping');
    expect(JSON.parse(ping.body).zen).toEqual(expect.any(String));
  });

  it('sends a Telegram update with the secret token header', async () => {
    await send('telegram', { url: receiver.url, secret: 'acme-bot-token' });

    const [update] = receiver.received;
    expect(update.headers['x-telegram-bot-api-secret-token']).toBe(
      'acme-bot-token',
    );
    expect(JSON.parse(update.body)).toMatchObject({
      update_id: expect.any(Number),
      message: { text: '/status', chat: { type: 'private' } },
    });
  });

  it("passes on the receiver's refusal", async () => {
    receiver.answerWith(400, { error: { message: 'bad signature' } });

    const response = await send('stripe', {
      url: receiver.url,
      secret: 'whsec_x',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 400,
      body: { error: { message: 'bad signature' } },
    });
  });

  it.each([
    [{ secret: 'x' }, 'url: must be an absolute http or https URL'],
    [
      { url: 'ftp://example.com', secret: 'x' },
      'url: must be an absolute http or https URL',
    ],
    [{ url: 'http://127.0.0.1:1' }, 'secret: must be a non-empty string'],
    [
      { url: 'http://127.0.0.1:1', secret: 'x', type: 'customer.created' },
      'type: must be one of payment_intent.succeeded, payment_intent.payment_failed, charge.refunded',
    ],
    [
      { url: 'http://127.0.0.1:1', secret: 'x', retries: 3 },
      'retries: is not a webhook setting',
    ],
    [[1], 'body: must be a JSON object'],
  ])('refuses %j with 400', async (body, error) => {
    const response = await send('stripe', body);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
    expect(receiver.received).toEqual([]);
  });

  it('answers 404 for a provider that sends no webhooks, or none at all', async () => {
    const brevo = await send('brevo', { url: receiver.url, secret: 'x' });
    const unknown = await send('acme', { url: receiver.url, secret: 'x' });

    expect(brevo.status).toBe(404);
    expect(await brevo.json()).toEqual({
      error: 'brevo sends no webhooks from the simulator',
    });
    expect(unknown.status).toBe(404);
  });

  it('answers 502 when the receiver cannot be reached', async () => {
    const response = await send('github', {
      url: 'http://127.0.0.1:1/webhooks',
      secret: 'x',
    });

    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatch(
      /^could not deliver the webhook to http:\/\/127\.0\.0\.1:1: /,
    );
  });
});
