import { observeRateLimits } from './observeRateLimits';

const now = new Date('2026-11-28T12:00:00Z');
const at = (seconds: number) =>
  new Date(now.getTime() + seconds * 1000).toISOString();

describe('observeRateLimits', () => {
  it('reads the IETF structured fields of the current draft', () => {
    // draft-ietf-httpapi-ratelimit-headers, section 1.4 (example):
    //   RateLimit-Policy: "default";q=100;w=60
    //   RateLimit: "default";r=50;t=30
    const { figures } = observeRateLimits(
      {
        headers: {
          'RateLimit-Policy': '"default";q=100;w=60',
          RateLimit: '"default";r=50;t=30',
        },
      },
      now,
    );
    expect(figures).toEqual([
      {
        key: 'default',
        limit: 100,
        remaining: 50,
        resetAt: at(30),
        windowSeconds: 60,
        policy: 'default',
        source: 'header',
        field: 'ratelimit',
      },
    ]);
  });

  it('reads several IETF policies, each with its own window', () => {
    // The draft's example of a server with a day and an hour quota:
    //   RateLimit-Policy: "day";q=1000;w=86400, "hour";q=100;w=3600
    //   RateLimit: "hour";r=12;t=1200
    const { figures } = observeRateLimits(
      {
        headers: {
          'ratelimit-policy': '"day";q=1000;w=86400, "hour";q=100;w=3600',
          ratelimit: '"hour";r=12;t=1200',
        },
      },
      now,
    );
    expect(figures).toEqual([
      expect.objectContaining({
        key: 'hour',
        limit: 100,
        remaining: 12,
        windowSeconds: 3600,
        resetAt: at(1200),
      }),
    ]);
  });

  it('reads the older RateLimit-Limit/-Remaining/-Reset triple', () => {
    // draft-ietf-httpapi-ratelimit-headers-03:
    //   RateLimit-Limit: 10
    //   RateLimit-Remaining: 1
    //   RateLimit-Reset: 7
    const { figures } = observeRateLimits(
      {
        headers: {
          'ratelimit-limit': '10',
          'ratelimit-remaining': '1',
          'ratelimit-reset': '7',
        },
      },
      now,
    );
    expect(figures).toEqual([
      {
        key: 'default',
        limit: 10,
        remaining: 1,
        resetAt: at(7),
        source: 'header',
        field: 'ratelimit-remaining',
      },
    ]);
  });

  it('ignores an IETF field that is not a valid structured field', () => {
    expect(
      observeRateLimits({ headers: { ratelimit: '"default;r=' } }, now).figures,
    ).toEqual([]);
  });

  it("reads GitHub's X-RateLimit headers per resource", () => {
    // docs.github.com, Rate limits for the REST API:
    //   x-ratelimit-limit: 5000
    //   x-ratelimit-remaining: 4999
    //   x-ratelimit-used: 1
    //   x-ratelimit-reset: 1691591363
    //   x-ratelimit-resource: core
    const { figures } = observeRateLimits(
      {
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '4999',
          'x-ratelimit-used': '1',
          'x-ratelimit-reset': '1691591363',
          'x-ratelimit-resource': 'core',
        },
      },
      now,
    );
    expect(figures).toEqual([
      {
        key: 'core',
        limit: 5000,
        remaining: 4999,
        used: 1,
        resetAt: new Date(1691591363 * 1000).toISOString(),
        source: 'header',
        field: 'x-ratelimit-remaining',
      },
    ]);
  });

  it('keeps GitHub search apart from core', () => {
    const { figures } = observeRateLimits(
      {
        headers: {
          'x-ratelimit-limit': '30',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '1691591363',
          'x-ratelimit-resource': 'search',
        },
      },
      now,
    );
    expect(figures[0]).toMatchObject({ key: 'search', remaining: 0 });
  });

  it("reads X's 15-minute endpoint window and its 24-hour app and user caps", () => {
    // developer.x.com, Rate limits:
    //   x-rate-limit-limit: 900
    //   x-rate-limit-remaining: 899
    //   x-rate-limit-reset: 1705420135
    //   x-app-limit-24hour-limit: 10000
    //   x-app-limit-24hour-remaining: 9998
    //   x-app-limit-24hour-reset: 1705496535
    //   x-user-limit-24hour-limit: 100
    //   x-user-limit-24hour-remaining: 97
    //   x-user-limit-24hour-reset: 1705496535
    const { figures } = observeRateLimits(
      {
        endpoint: '/2/tweets',
        headers: {
          'x-rate-limit-limit': '900',
          'x-rate-limit-remaining': '899',
          'x-rate-limit-reset': '1705420135',
          'x-app-limit-24hour-limit': '10000',
          'x-app-limit-24hour-remaining': '9998',
          'x-app-limit-24hour-reset': '1705496535',
          'x-user-limit-24hour-limit': '100',
          'x-user-limit-24hour-remaining': '97',
          'x-user-limit-24hour-reset': '1705496535',
        },
      },
      now,
    );
    expect(figures).toEqual([
      {
        key: '/2/tweets',
        limit: 900,
        remaining: 899,
        resetAt: new Date(1705420135 * 1000).toISOString(),
        windowSeconds: 900,
        source: 'header',
        field: 'x-rate-limit-remaining',
      },
      {
        key: 'app-24h',
        limit: 10000,
        remaining: 9998,
        resetAt: new Date(1705496535 * 1000).toISOString(),
        windowSeconds: 86400,
        source: 'header',
        field: 'x-app-limit-24hour-remaining',
      },
      {
        key: 'user-24h',
        limit: 100,
        remaining: 97,
        resetAt: new Date(1705496535 * 1000).toISOString(),
        windowSeconds: 86400,
        source: 'header',
        field: 'x-user-limit-24hour-remaining',
      },
    ]);
  });

  it("reads Brevo's x-sib-ratelimit headers, whose reset is seconds from now", () => {
    // developers.brevo.com, API rate limits:
    //   x-sib-ratelimit-limit: 10
    //   x-sib-ratelimit-remaining: 9
    //   x-sib-ratelimit-reset: 1
    const { figures } = observeRateLimits(
      {
        headers: {
          'x-sib-ratelimit-limit': '10',
          'x-sib-ratelimit-remaining': '9',
          'x-sib-ratelimit-reset': '1',
        },
      },
      now,
    );
    expect(figures).toEqual([
      {
        key: 'default',
        limit: 10,
        remaining: 9,
        resetAt: at(1),
        source: 'header',
        field: 'x-sib-ratelimit-remaining',
      },
    ]);
  });

  it('reads Retry-After in seconds', () => {
    // RFC 9110, 10.2.3:  Retry-After: 120
    expect(
      observeRateLimits({ status: 429, headers: { 'retry-after': '120' } }, now)
        .refusal,
    ).toEqual({
      retryAfterSeconds: 120,
      source: 'header',
      field: 'retry-after',
    });
  });

  it('reads Retry-After as an HTTP date', () => {
    // RFC 9110, 10.2.3:  Retry-After: Fri, 31 Dec 1999 23:59:59 GMT
    expect(
      observeRateLimits(
        {
          status: 429,
          headers: { 'retry-after': 'Sat, 28 Nov 2026 12:01:30 GMT' },
        },
        now,
      ).refusal,
    ).toEqual({
      retryAfterSeconds: 90,
      source: 'header',
      field: 'retry-after',
    });
  });

  it("keeps Stripe's reason for a 429", () => {
    // docs.stripe.com, Rate limits:
    //   Stripe-Rate-Limited-Reason: global-rate
    expect(
      observeRateLimits(
        {
          status: 429,
          headers: { 'Stripe-Rate-Limited-Reason': 'global-rate' },
        },
        now,
      ).refusal,
    ).toEqual({
      reason: 'global-rate',
      source: 'header',
      field: 'stripe-rate-limited-reason',
    });
  });

  it("reads Telegram's retry_after from the JSON body of a 429", () => {
    // core.telegram.org/bots/api, ResponseParameters:
    //   {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}
    const body = JSON.parse(
      '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}',
    );
    expect(observeRateLimits({ status: 429, headers: {}, body }, now)).toEqual({
      figures: [],
      refusal: {
        retryAfterSeconds: 5,
        source: 'body',
        field: 'parameters.retry_after',
      },
    });
  });

  it("reads GA4's propertyQuota from a runReport body", () => {
    // developers.google.com/analytics/devguides/reporting/data/v1/quotas:
    //   "propertyQuota": {
    //     "tokensPerDay": { "consumed": 1, "remaining": 24997 },
    //     "tokensPerHour": { "consumed": 1, "remaining": 4997 },
    //     "concurrentRequests": { "consumed": 0, "remaining": 10 },
    //     "serverErrorsPerProjectPerHour": { "consumed": 0, "remaining": 10 },
    //     "potentiallyThresholdedRequestsPerHour": { "consumed": 0, "remaining": 120 },
    //     "tokensPerProjectPerHour": { "consumed": 1, "remaining": 1247 }
    //   }
    const body = {
      rows: [],
      propertyQuota: {
        tokensPerDay: { consumed: 1, remaining: 24997 },
        tokensPerHour: { consumed: 1, remaining: 4997 },
        concurrentRequests: { consumed: 0, remaining: 10 },
        serverErrorsPerProjectPerHour: { consumed: 0, remaining: 10 },
        potentiallyThresholdedRequestsPerHour: { consumed: 0, remaining: 120 },
        tokensPerProjectPerHour: { consumed: 1, remaining: 1247 },
      },
    };
    const { figures } = observeRateLimits(
      { status: 200, headers: {}, body },
      now,
    );
    expect(figures).toHaveLength(6);
    expect(figures[0]).toEqual({
      key: 'tokensPerDay',
      limit: 24998,
      used: 1,
      remaining: 24997,
      windowSeconds: 86400,
      source: 'body',
      field: 'propertyQuota.tokensPerDay',
    });
    expect(figures.find(f => f.key === 'concurrentRequests')).toEqual({
      key: 'concurrentRequests',
      limit: 10,
      used: 0,
      remaining: 10,
      source: 'body',
      field: 'propertyQuota.concurrentRequests',
    });
  });

  it("takes GitHub's 403 with nothing remaining as a refusal until the reset", () => {
    const { refusal } = observeRateLimits(
      {
        status: 403,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(now.getTime() / 1000 + 600),
        },
      },
      now,
    );
    expect(refusal).toEqual({
      retryAfterSeconds: 600,
      source: 'header',
      field: 'x-ratelimit-remaining',
    });
  });

  it('reports no refusal for a successful answer', () => {
    expect(
      observeRateLimits({ status: 200, headers: { 'retry-after': '5' } }, now)
        .refusal,
    ).toBeUndefined();
  });
});
