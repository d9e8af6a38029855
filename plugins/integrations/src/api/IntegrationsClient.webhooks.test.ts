import { ResponseError } from '@backstage/errors';
import { IntegrationsClient } from './IntegrationsClient';

function clientAnswering(answer: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => answer());
  const client = new IntegrationsClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/integrations',
    },
    fetchApi: { fetch } as any,
  });
  const call = (index = 0) => {
    const [url, init] = fetch.mock.calls[index];
    return {
      url: url.replace('http://backend/api/integrations', ''),
      method: init?.method,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
  };
  return { client, call };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

const ID = '4b7f0c52-3e1a-4c8e-9d2f-6a1b2c3d4e5f';

describe('IntegrationsClient webhook endpoints', () => {
  it('lists, creates, edits, rotates and deletes endpoints on their routes', async () => {
    const { client, call } = clientAnswering(json({ items: [] }));

    await client.listWebhookEndpoints();
    await client.listWebhookEndpoints({ integration: 'stripe' });
    await client.createWebhookEndpoint({
      integration: 'stripe',
      name: 'Billing',
      url: 'https://billing.example.com/hooks',
      events: ['alert.raised'],
    });
    await client.getWebhookEndpoint(ID);
    await client.updateWebhookEndpoint(ID, { active: false });
    await client.rotateWebhookSecret(ID, { graceHours: 48 });
    await client.deleteWebhookEndpoint(ID);

    expect(call(0)).toMatchObject({ url: '/webhooks', method: 'GET' });
    expect(call(1).url).toBe('/webhooks?integration=stripe');
    expect(call(2)).toEqual({
      url: '/webhooks',
      method: 'POST',
      body: {
        integration: 'stripe',
        name: 'Billing',
        url: 'https://billing.example.com/hooks',
        events: ['alert.raised'],
      },
    });
    expect(call(3)).toMatchObject({ url: `/webhooks/${ID}`, method: 'GET' });
    expect(call(4)).toEqual({
      url: `/webhooks/${ID}`,
      method: 'PUT',
      body: { active: false },
    });
    expect(call(5)).toEqual({
      url: `/webhooks/${ID}/rotate-secret`,
      method: 'POST',
      body: { graceHours: 48 },
    });
    expect(call(6)).toMatchObject({ url: `/webhooks/${ID}`, method: 'DELETE' });
  });

  it('takes the empty answer of a delete as done', async () => {
    const { client } = clientAnswering(
      () => new Response(null, { status: 204 }),
    );

    await expect(client.deleteWebhookEndpoint(ID)).resolves.toBeUndefined();
  });

  it('throws the backend error with its field details', async () => {
    const { client } = clientAnswering(
      json(
        {
          error: {
            name: 'InputError',
            message: 'Invalid request. url: Use https',
            fields: [{ path: 'url', message: 'Use https' }],
          },
          response: { statusCode: 400 },
        },
        400,
      ),
    );

    const failure = await client
      .createWebhookEndpoint({
        integration: 'stripe',
        name: 'Billing',
        url: 'http://billing.example.com',
        events: ['alert.raised'],
      })
      .catch(error => error);

    expect(ResponseError.is(failure)).toBe(true);
    expect(failure.body.error.fields).toEqual([
      { path: 'url', message: 'Use https' },
    ]);
  });
});

describe('IntegrationsClient webhook deliveries', () => {
  it('reads the delivery log with its filters, and one endpoint’s deliveries', async () => {
    const { client, call } = clientAnswering(
      json({ items: [], totalCount: 0 }),
    );

    await client.listWebhookDeliveries({
      integration: 'stripe',
      endpoint: ID,
      status: 'failed',
      event: 'alert.raised',
      from: '2026-12-01T00:00:00Z',
      limit: 50,
      offset: 50,
    });
    await client.listEndpointDeliveries(ID, { environment: 'staging' });
    await client.getWebhookDelivery('d-1');

    expect(call(0).url).toBe(
      `/webhook-deliveries?integration=stripe&endpoint=${ID}&status=failed&event=alert.raised&from=2026-12-01T00%3A00%3A00Z&limit=50&offset=50`,
    );
    expect(call(1).url).toBe(`/webhooks/${ID}/deliveries?environment=staging`);
    expect(call(2)).toMatchObject({
      url: '/webhook-deliveries/d-1',
      method: 'GET',
    });
  });

  it('retries one delivery, the failed ones of a range, replays and sends a test', async () => {
    const { client, call } = clientAnswering(json({ queued: 3 }));

    await client.retryWebhookDelivery('d-1');
    await client.retryFailedDeliveries(ID, {
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-02T00:00:00Z',
    });
    await client.replayWebhookEvents(ID, { since: '2026-12-01T00:00:00Z' });
    await client.sendTestWebhook(ID, {
      event: 'alert.raised',
      environment: 'staging',
      data: { title: 'Test' },
    });

    expect(call(0)).toMatchObject({
      url: '/webhook-deliveries/d-1/retry',
      method: 'POST',
    });
    expect(call(1)).toEqual({
      url: `/webhooks/${ID}/retry-failed`,
      method: 'POST',
      body: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
    });
    expect(call(2)).toEqual({
      url: `/webhooks/${ID}/replay`,
      method: 'POST',
      body: { since: '2026-12-01T00:00:00Z' },
    });
    expect(call(3)).toEqual({
      url: `/webhooks/${ID}/test`,
      method: 'POST',
      body: {
        event: 'alert.raised',
        environment: 'staging',
        data: { title: 'Test' },
      },
    });
  });
});

describe('IntegrationsClient webhook catalog and inbound log', () => {
  it('reads the event types and the inbound log with its filters', async () => {
    const { client, call } = clientAnswering(
      json({ items: [], totalCount: 0 }),
    );

    await client.listWebhookEventTypes();
    await client.listInboundDeliveries({
      integration: 'github',
      verification: 'rejected',
      limit: 25,
    });

    expect(call(0).url).toBe('/webhooks/event-types');
    expect(call(1).url).toBe(
      '/webhooks/inbound?integration=github&verification=rejected&limit=25',
    );
  });

  it('hands back the documentation as the text the backend sent', async () => {
    const { client, call } = clientAnswering(
      () =>
        new Response('# Integration Manager webhooks\n', {
          status: 200,
          headers: { 'Content-Type': 'text/markdown' },
        }),
    );

    const markdown = await client.getWebhookDocs('markdown');
    await client.getWebhookDocs('asyncapi');

    expect(markdown).toBe('# Integration Manager webhooks\n');
    expect(call(0).url).toBe('/webhooks/docs?format=markdown');
    expect(call(1).url).toBe('/webhooks/docs?format=asyncapi');
  });
});
