import { CallTarget, matchIntegration } from './integrationMatcher';
import { endpointTemplateOf, readClientSpans } from './otlpSpans';

const targets: CallTarget[] = [
  { integration: 'stripe', authority: 'api.stripe.com:443', path: '/' },
  { integration: 'stripe-connect', authority: 'api.stripe.com:443', path: '/' },
  { integration: 'github', authority: 'api.github.com:443', path: '/' },
  {
    integration: 'partner',
    authority: 'partner.example:8443',
    path: '/api/v2/',
  },
];

const match = (_environment: unknown, url: URL, hint: string | undefined) =>
  matchIntegration(targets, url, hint);

function attribute(key: string, value: string | number) {
  return typeof value === 'number'
    ? { key, value: { intValue: String(value) } }
    : { key, value: { stringValue: value } };
}

function exportOf(
  spans: unknown[],
  resource: [string, string][] = [['service.name', 'checkout-service']],
) {
  return {
    resourceSpans: [
      {
        resource: { attributes: resource.map(([k, v]) => attribute(k, v)) },
        scopeSpans: [{ scope: { name: 'undici' }, spans }],
      },
    ],
  };
}

function clientSpan(
  attributes: [string, string | number][],
  overrides: Record<string, unknown> = {},
) {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    name: 'POST',
    kind: 3,
    startTimeUnixNano: '1764324000000000000',
    endTimeUnixNano: '1764324000182500000',
    attributes: attributes.map(([k, v]) => attribute(k, v)),
    status: {},
    ...overrides,
  };
}

describe('readClientSpans', () => {
  it('turns a client span into a usage event of the integration it called', () => {
    const read = readClientSpans(
      exportOf(
        [
          clientSpan([
            ['http.request.method', 'POST'],
            ['url.full', 'https://api.github.com/repos/acme/shop/issues/4711'],
            ['http.response.status_code', 201],
            ['http.request.body.size', 340],
            ['http.response.body.size', 5120],
          ]),
        ],
        [
          ['service.name', 'checkout-service'],
          ['deployment.environment.name', 'staging'],
          ['backstage.component', 'component:default/checkout-service'],
        ],
      ),
      match,
    );

    expect(read.events).toEqual([
      {
        id: 'otlp:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174',
        integration: 'github',
        environment: 'staging',
        endpoint: '/repos/acme/shop/issues/{id}',
        method: 'POST',
        status: 201,
        durationMs: 182.5,
        requestBytes: 340,
        responseBytes: 5120,
        caller: 'checkout-service',
        component: 'component:default/checkout-service',
        occurredAt: '2025-11-28T10:00:00.000Z',
      },
    ]);
  });

  it('reads the older HTTP conventions and an explicit url.template', () => {
    const read = readClientSpans(
      exportOf([
        clientSpan([
          ['http.method', 'GET'],
          ['net.peer.name', 'partner.example'],
          ['net.peer.port', 8443],
          ['http.target', '/api/v2/orders/ord_9f8e7d6c5b4a'],
          ['url.template', '/api/v2/orders/{order}'],
          ['http.status_code', 503],
        ]),
      ]),
      match,
    );

    expect(read.events[0]).toMatchObject({
      integration: 'partner',
      environment: 'production',
      endpoint: '/api/v2/orders/{order}',
      method: 'GET',
      status: 503,
    });
  });

  it('counts what it cannot use instead of guessing', () => {
    const read = readClientSpans(
      exportOf([
        // A server span: the service's own endpoint, not a call out.
        clientSpan([['url.full', 'https://api.github.com/user']], { kind: 2 }),
        clientSpan([['url.full', 'https://api.mailgun.net/v3/send']]),
        clientSpan([['url.full', 'https://api.mailgun.net/v3/send']]),
        clientSpan([['url.full', 'https://api.stripe.com/v1/charges']]),
        clientSpan([['http.request.method', 'GET']]),
        { spanId: 'no-trace' },
      ]),
      match,
    );

    expect(read.events).toEqual([]);
    expect(Object.fromEntries(read.unmatched)).toEqual({
      'api.mailgun.net': 2,
    });
    expect(read.ambiguous).toBe(1);
    expect(read.malformed).toBe(2);
  });

  it('lets a span name its integration where two share a base URL', () => {
    const read = readClientSpans(
      exportOf([
        clientSpan([
          ['url.full', 'https://api.stripe.com/v1/accounts'],
          ['backstage.integration', 'stripe-connect'],
          ['error.type', 'java.net.SocketTimeoutException'],
        ]),
      ]),
      match,
    );

    expect(read.events[0]).toMatchObject({
      integration: 'stripe-connect',
      errorType: 'timeout',
    });
    expect(read.events[0].status).toBeUndefined();
  });
});

describe('matchIntegration', () => {
  it('needs the same host and port and a path under the base URL', () => {
    const at = (url: string) =>
      matchIntegration(targets, new URL(url), undefined);

    expect(at('https://partner.example:8443/api/v2/x')).toEqual({
      integration: 'partner',
    });
    expect(at('https://partner.example/api/v2/x')).toBeUndefined();
    expect(at('https://partner.example:8443/api/v20/x')).toBeUndefined();
    expect(at('https://API.GitHub.com:443/user')).toEqual({
      integration: 'github',
    });
  });
});

describe('endpointTemplateOf', () => {
  it.each([
    ['/v1/customers/cus_NffrFeUfNV2Hib', '/v1/customers/{id}'],
    ['/repos/acme/shop/pulls/42', '/repos/acme/shop/pulls/{id}'],
    ['/v1/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301', '/v1/items/{id}'],
    ['/bot/getMe?offset=7', '/bot/getMe'],
    ['', '/'],
  ])('%s → %s', (path, template) => {
    expect(endpointTemplateOf(path)).toBe(template);
  });
});
