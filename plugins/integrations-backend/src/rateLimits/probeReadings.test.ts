import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import {
  Harness,
  TESTER,
  createHarness,
} from '../connectionTests/__testUtils__/harness';

jest.setTimeout(30_000);

/** Health checks and connection tests keep what the provider said of its limits. */
describe('rate limits read by health checks and connection tests', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;
  let h: Harness;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0, httpsPort: 0 });
    h = await createHarness({ databases, simulator });
  });
  afterEach(() => simulator.control.reset());
  afterAll(() => simulator.close());

  const healthCheck = async (name: string) => {
    await h.tester.test(name, 'development', {
      suite: 'health',
      trigger: 'scheduled',
      actor: TESTER,
    });
    await h.rateLimits.idle();
  };

  const readings = () =>
    h.store.rateLimits.listReadings({ environment: 'development' });

  it("records GitHub's core limit from a health check, labelled with its header", async () => {
    await healthCheck('github');

    expect(await readings()).toContainEqual({
      integration: 'github',
      environment: 'development',
      figure: {
        key: 'core',
        limit: 5000,
        remaining: expect.any(Number),
        used: expect.any(Number),
        resetAt: expect.any(String),
        source: 'header',
        field: 'x-ratelimit-remaining',
      },
      readBy: 'health_check',
      readAt: expect.any(String),
    });
  });

  it("records GA4's property quota from the body of a connection test", async () => {
    await h.quick('google-analytics');
    await h.rateLimits.idle();

    const quota = (await readings()).filter(
      reading => reading.integration === 'google-analytics',
    );
    expect(quota.map(reading => reading.figure.key)).toEqual(
      expect.arrayContaining(['tokensPerDay', 'tokensPerHour']),
    );
    expect(
      quota.find(reading => reading.figure.key === 'tokensPerDay'),
    ).toMatchObject({
      figure: {
        limit: 200_000,
        source: 'body',
        field: 'propertyQuota.tokensPerDay',
      },
      readBy: 'connection_test',
    });
  });

  it('records a 429 as a hit with the delay the provider asked for', async () => {
    simulator.control.set('telegram', { retryAfterSeconds: 12 });

    await healthCheck('telegram');

    const hits = await h.store.rateLimits.listHits({
      environment: 'development',
      integrations: ['telegram'],
      since: new Date(0),
      limit: 10,
    });
    expect(hits).toEqual([
      expect.objectContaining({
        integration: 'telegram',
        status: 429,
        delaySeconds: 12,
        source: 'header',
        field: 'retry-after',
        readBy: 'health_check',
      }),
    ]);
  });

  it('records the 429 of a window spent under pressure once, with its delay', async () => {
    await fetch(`${simulator.url}/_control/twitter`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitRemaining: 1 }),
    });

    await healthCheck('twitter');

    const twitter = (await readings()).filter(
      reading => reading.integration === 'twitter',
    );
    expect(
      twitter.map(reading => [reading.figure.key, reading.figure.remaining]),
    ).toEqual(expect.arrayContaining([['app-24h', expect.any(Number)]]));
    const hits = await h.store.rateLimits.listHits({
      environment: 'development',
      integrations: ['twitter'],
      since: new Date(0),
      limit: 10,
    });
    expect(hits).toEqual([
      expect.objectContaining({
        status: 429,
        source: 'header',
        field: 'retry-after',
        delaySeconds: expect.any(Number),
      }),
    ]);
  });
});
