import { mockServices } from '@backstage/backend-test-utils';
import { demoWebhookSenders } from '@internal/plugin-integrations-backend';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DemoWebhooks } from './DemoWebhooks';

describe('DemoWebhooks', () => {
  let simulator: ProviderSimulator;
  let receiver: http.Server;
  const received: Array<{
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }> = [];

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          url: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"received":true}');
      });
    });
    await new Promise<void>(resolve =>
      receiver.listen(0, '127.0.0.1', resolve),
    );
  });

  afterAll(async () => {
    await simulator.close();
    await new Promise(resolve => receiver.close(resolve));
  });

  it("has the simulator send a Stripe and a GitHub webhook signed with the demo integrations' secrets", async () => {
    const port = (receiver.address() as AddressInfo).port;
    const webhooks = new DemoWebhooks({
      simulatorUrl: simulator.url,
      inboundUrl: `http://127.0.0.1:${port}/api/integrations/webhooks/inbound`,
      environment: 'production',
      senders: demoWebhookSenders(),
      logger: mockServices.logger.mock(),
    });

    expect(await webhooks.sendAll()).toEqual([200, 200]);

    const secrets = Object.fromEntries(
      demoWebhookSenders().map(sender => [sender.integration, sender.secret]),
    );
    const stripe = received.find(r => r.headers['stripe-signature'])!;
    const github = received.find(r => r.headers['x-hub-signature-256'])!;
    expect(stripe.url).toBe(
      '/api/integrations/webhooks/inbound/stripe?environment=production',
    );
    const [, t, v1] = /^t=(\d+),v1=(\w+)$/.exec(
      stripe.headers['stripe-signature'] as string,
    )!;
    expect(v1).toBe(
      createHmac('sha256', secrets.stripe)
        .update(`${t}.${stripe.body}`)
        .digest('hex'),
    );
    expect(github.url).toBe(
      '/api/integrations/webhooks/inbound/github?environment=production',
    );
    expect(github.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', secrets.github)
        .update(github.body)
        .digest('hex')}`,
    );
  });

  it('logs, and does not throw, when the simulator is not there', async () => {
    const logger = mockServices.logger.mock();
    const webhooks = new DemoWebhooks({
      simulatorUrl: 'http://127.0.0.1:1',
      inboundUrl: 'http://127.0.0.1:1/api/integrations/webhooks/inbound',
      environment: 'production',
      senders: demoWebhookSenders(),
      logger,
    });

    expect(await webhooks.sendAll()).toEqual([0, 0]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /could not have the simulator send a stripe webhook/,
      ),
    );
  });
});
