import {
  forwardedHeaders,
  returnedHeaders,
  scrubSecrets,
} from './providerRequest';

describe('what crosses the client in each direction', () => {
  it('keeps the caller session, the hop and the body encoding from the provider', () => {
    expect(
      forwardedHeaders({
        authorization: 'Bearer portal-token',
        cookie: 'session=1',
        connection: 'keep-alive, x-trace-hop',
        'x-trace-hop': '1',
        'x-forwarded-for': '10.0.0.1',
        'x-integrations-component': 'component:default/checkout',
        'accept-encoding': 'gzip',
        'content-type': 'application/json',
        'idempotency-key': 'order-1042',
        'stripe-version': '2024-06-20',
      }),
    ).toEqual({
      'content-type': 'application/json',
      'idempotency-key': 'order-1042',
      'stripe-version': '2024-06-20',
    });
  });

  it('gives back neither cookies nor hop-by-hop headers', () => {
    expect(
      returnedHeaders({
        'set-cookie': 'tracking=1',
        'transfer-encoding': 'chunked',
        connection: 'close',
        'content-length': '10',
        'x-ratelimit-remaining': '41',
        'content-type': 'application/json',
      }),
    ).toEqual({
      'x-ratelimit-remaining': '41',
      'content-type': 'application/json',
    });
  });

  it('scrubs a credential a provider echoes, raw or URL-encoded', () => {
    const secret = '123456789:AAdemoTelegramBotToken0000000000';
    const scrubbed = scrubSecrets(
      {
        headers: { 'x-echo': `token ${secret}` },
        body: Buffer.from(
          `{"url":"/bot${encodeURIComponent(secret)}/getMe","raw":"${secret}"}`,
        ),
      },
      [secret],
    );
    expect(scrubbed.headers['x-echo']).toBe('token ***');
    expect(scrubbed.body.toString()).toBe(
      '{"url":"/bot***/getMe","raw":"***"}',
    );
  });
});
