import { randomUUID } from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  Environment,
  IntegrationSettings,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { ConfigWrite } from '../configuration/ConfigStore';
import {
  Harness,
  createHarness,
} from '../connectionTests/__testUtils__/harness';
import { HEALTH_CHECK_ACTOR, HealthCheckTask } from './HealthCheckTask';

jest.setTimeout(30_000);

const TIMEOUT_MS = 5000;
const OWNER = 'group:default/platform-team';

/** Creates integrations of one provider straight in the store, with their secret. */
async function createIntegrations(
  h: Harness,
  options: {
    provider: string;
    names: string[];
    environment?: Environment;
    credentials: Record<string, string>;
    settings: (settings: IntegrationSettings) => void;
  },
) {
  const provider = getProvider(options.provider)!;
  const environment = options.environment ?? 'development';
  const at = new Date();
  const writes: ConfigWrite[] = options.names.map(name => {
    const settings = defaultSettingsFor(provider, environment, {
      owner: OWNER,
    });
    options.settings(settings);
    return {
      kind: 'create',
      integration: { name, provider: provider.id, category: provider.category },
      configs: [{ environment, settings }],
    };
  });
  await h.store.configs.apply(writes, { actor: 'test', at, audit: [] });
  for (const name of options.names) {
    await h.store.credentials.apply(
      { integration: name, environment },
      Object.entries(options.credentials).map(([field, value]) => ({
        kind: 'set' as const,
        field,
        sealed: h.vault.seal(value, { integration: name, environment, field }),
        expiresAt: null,
      })),
      { actor: 'test', at, audit: [] },
    );
  }
}

describe('HealthCheckTask', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
  });
  afterEach(() => simulator.control.reset());
  afterAll(() => simulator.close());

  it('checks 200 integrations at once, cutting the hanging quarter off at their timeout', async () => {
    const h = await createHarness({ databases });
    const healthy = Array.from({ length: 150 }, (_, i) => `api-${i}`);
    const hanging = Array.from({ length: 50 }, (_, i) => `payments-${i}`);
    await createIntegrations(h, {
      provider: 'generic-http',
      names: healthy,
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.connectionConfig.baseUrl = `${simulator.url}/generic-http`;
        settings.connectionConfig.timeout = TIMEOUT_MS;
      },
    });
    await createIntegrations(h, {
      provider: 'stripe',
      names: hanging,
      credentials: { secretKey: 'sk_test_HealthCheckTaskKey0123456789' },
      settings: settings => {
        settings.connectionConfig.baseUrl = `${simulator.url}/stripe`;
        settings.connectionConfig.timeout = TIMEOUT_MS;
      },
    });
    simulator.control.set('stripe', { hang: true });
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      tester: h.tester,
      logger: h.logger,
      concurrency: 200,
    });
    const configs = await task.due();
    expect(configs).toHaveLength(200);

    const result = await task.check(configs);

    expect(result).toEqual({ checked: 200, failed: 50 });
    // Each check is cut off at its own timeout (plus 10 %), and the hanging
    // ones hold up none of the others. The durations are the ones the
    // stored runs report to the user.
    const durations = async (names: string[]) =>
      Promise.all(
        names.map(async name => {
          const { items } = await h.store.health.listRuns(name, 'development', {
            offset: 0,
            limit: 1,
          });
          return items[0].durationMs;
        }),
      );
    // Cut off at their timeout, not left hanging; the margin absorbs a busy machine.
    for (const duration of await durations(hanging)) {
      expect(duration).toBeLessThan(TIMEOUT_MS * 1.5);
    }
    // The others finish without waiting for the hanging ones' timeout.
    for (const duration of await durations(healthy)) {
      expect(duration).toBeLessThan(TIMEOUT_MS);
    }

    const states = await h.store.health.listStates('development');
    expect(states).toHaveLength(200);
    const byName = new Map(states.map(s => [s.integration, s]));
    for (const name of hanging) {
      expect(byName.get(name)).toMatchObject({
        status: 'unhealthy',
        failure: { class: 'timeout' },
      });
    }
    for (const name of healthy) {
      expect(byName.get(name)).toMatchObject({ status: 'healthy' });
      expect(byName.get(name)?.failure).toBeUndefined();
    }
    // Every hanging request did reach the provider.
    expect(simulator.control.requests('stripe')).toHaveLength(50);

    const { items: runs } = await h.store.health.listRuns(
      hanging[0],
      'development',
      { offset: 0, limit: 10 },
    );
    expect(runs).toEqual([
      expect.objectContaining({
        suite: 'health',
        trigger: 'scheduled',
        triggeredBy: HEALTH_CHECK_ACTOR,
        status: 'failed',
        failure: expect.objectContaining({ class: 'timeout' }),
      }),
    ]);
    expect(h.logger.warn).not.toHaveBeenCalled();
  });

  it('is due only for enabled configurations whose interval has passed', async () => {
    const h = await createHarness({ databases });
    const now = new Date('2026-11-20T12:00:00.000Z');
    const secondsAgo = (seconds: number) =>
      new Date(now.getTime() - seconds * 1000).toISOString();
    await createIntegrations(h, {
      provider: 'generic-http',
      names: ['never-checked', 'checked-just-now', 'checked-long-ago', 'slow'],
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.monitoringConfig.healthCheckInterval = 60;
      },
    });
    await createIntegrations(h, {
      provider: 'generic-http',
      names: ['switched-off'],
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.enabled = false;
      },
    });
    await createIntegrations(h, {
      provider: 'generic-http',
      names: ['hourly'],
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.monitoringConfig.healthCheckInterval = 3600;
      },
    });
    const checkedAt = {
      'checked-just-now': secondsAgo(30),
      'checked-long-ago': secondsAgo(61),
      // Exactly one interval ago is due.
      slow: secondsAgo(60),
      hourly: secondsAgo(600),
      'switched-off': secondsAgo(86_400),
    };
    for (const [integration, lastCheckedAt] of Object.entries(checkedAt)) {
      await h.health.recordCheck(await h.config(integration), {
        id: randomUUID(),
        integration,
        environment: 'development',
        suite: 'health',
        status: 'passed',
        trigger: 'scheduled',
        triggeredBy: HEALTH_CHECK_ACTOR,
        startedAt: lastCheckedAt,
        durationMs: 10,
        steps: [],
        connectivity: {},
      });
    }
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      tester: h.tester,
      logger: h.logger,
      concurrency: 5,
      now: () => now,
    });

    const due = await task.due();

    expect(due.map(c => c.name).sort()).toEqual([
      'checked-long-ago',
      'never-checked',
      'slow',
    ]);
  });

  it('counts a configuration that cannot be checked as failed, and goes on with the rest', async () => {
    const h = await createHarness({ databases });
    await createIntegrations(h, {
      provider: 'generic-http',
      names: ['fine', 'broken'],
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.connectionConfig.baseUrl = `${simulator.url}/generic-http`;
      },
    });
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      tester: h.tester,
      logger: h.logger,
      concurrency: 2,
    });
    const configs = await task.due();
    const broken = configs.find(c => c.name === 'broken')!;
    broken.provider = 'no-such-provider';

    expect(await task.check(configs)).toEqual({ checked: 2, failed: 1 });

    expect(await h.store.health.getState('fine', 'development')).toMatchObject({
      status: 'healthy',
    });
    expect(h.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Health check of broken (development) could not run',
      ),
    );
    // Recorded as a failed check, so the card does not keep its last status.
    expect(
      await h.store.health.getState('broken', 'development'),
    ).toMatchObject({
      status: 'unhealthy',
      failure: { explanation: expect.stringContaining('could not run') },
    });
  });

  it('stores finished checks while the sweep still runs, so a crash then loses none of them', async () => {
    const h = await createHarness({ databases });
    const fast = Array.from({ length: 30 }, (_, i) => `api-${i}`);
    await createIntegrations(h, {
      provider: 'generic-http',
      names: fast,
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.connectionConfig.baseUrl = `${simulator.url}/generic-http`;
        settings.connectionConfig.timeout = TIMEOUT_MS;
      },
    });
    await createIntegrations(h, {
      provider: 'stripe',
      names: ['payments'],
      credentials: { secretKey: 'sk_test_HealthCheckTaskKey0123456789' },
      settings: settings => {
        settings.connectionConfig.baseUrl = `${simulator.url}/stripe`;
        settings.connectionConfig.timeout = TIMEOUT_MS;
      },
    });
    simulator.control.set('stripe', { hang: true });
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      tester: h.tester,
      logger: h.logger,
      concurrency: 40,
    });

    const sweep = task.check(await task.due());
    let stored = await h.store.health.listStates('development');
    while (stored.length < fast.length) {
      await new Promise(resolve => setImmediate(resolve));
      stored = await h.store.health.listStates('development');
    }
    // Committed while the hanging check still holds the sweep open; its
    // credentials were opened, so their use is counted already too.
    const used = await h.store.audit.list({ action: 'credentials_use' });
    expect(stored.map(s => s.integration).sort()).toEqual([...fast].sort());
    expect(used.totalCount).toBe(fast.length + 1);
    expect(simulator.control.requests('stripe')).toHaveLength(1);

    expect(await sweep).toEqual({ checked: 31, failed: 1 });
    expect(
      await h.store.health.getState('payments', 'development'),
    ).toMatchObject({ status: 'unhealthy', failure: { class: 'timeout' } });
  });

  it("counts a configuration's scheduled credential uses in one audit row per hour", async () => {
    const h = await createHarness({ databases });
    await createIntegrations(h, {
      provider: 'generic-http',
      names: ['api'],
      credentials: { apiKey: 'generic-api-key-0123456789' },
      settings: settings => {
        settings.connectionConfig.baseUrl = `${simulator.url}/generic-http`;
      },
    });
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      tester: h.tester,
      logger: h.logger,
      concurrency: 1,
    });
    const configs = await task.due();

    for (let sweep = 0; sweep < 3; sweep++) {
      await task.check(configs);
    }

    const { items } = await h.store.audit.list({ action: 'credentials_use' });
    const hour = (at: string) => at.slice(0, 13);
    // Three checks, one row per hour they fell in (a run across the hour has two).
    expect(items.reduce((sum, item) => sum + (item.count ?? 0), 0)).toBe(3);
    expect(new Set(items.map(i => hour(i.timestamp))).size).toBe(items.length);
    expect(items[0]).toMatchObject({
      userId: HEALTH_CHECK_ACTOR,
      details: { fields: ['apiKey'], purpose: 'health check' },
    });
    expect(
      (
        await h.store.health.listRuns('api', 'development', {
          offset: 0,
          limit: 10,
        })
      ).totalCount,
    ).toBe(3);
  });
});

describe('HealthCheckTask on several replicas', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let simulator: ProviderSimulator;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
  });
  afterAll(() => simulator.close());

  it.each(databases.eachSupportedId())(
    'shares the due checks between replicas ticking together, each configuration checked once (%p)',
    async databaseId => {
      const h = await createHarness({ databases, databaseId });
      const names = Array.from({ length: 40 }, (_, i) => `api-${i}`);
      await createIntegrations(h, {
        provider: 'generic-http',
        names,
        credentials: { apiKey: 'generic-api-key-0123456789' },
        settings: settings => {
          settings.connectionConfig.baseUrl = `${simulator.url}/generic-http`;
          settings.connectionConfig.timeout = TIMEOUT_MS;
        },
      });
      const replica = () =>
        new HealthCheckTask({
          configs: h.store.configs,
          health: h.store.health,
          claims: h.store.healthClaims,
          tester: h.tester,
          logger: h.logger,
          concurrency: 5,
        });
      const replicas = [replica(), replica(), replica()];

      const results = await Promise.all(replicas.map(r => r.checkDue()));

      expect(results.reduce((sum, r) => sum + r.checked, 0)).toBe(40);
      const runs: Array<{ integration_name: string; count: number | string }> =
        await h
          .knex('test_runs')
          .select('integration_name')
          .count({ count: '*' })
          .groupBy('integration_name');
      expect(runs).toHaveLength(40);
      expect(runs.every(run => Number(run.count) === 1)).toBe(true);

      // A replica still working from the list of due checks it read before
      // those ran finds them claimed until they are due again.
      const late = replica();
      const stale = names.map(name => ({
        integration: name,
        environment: 'development' as const,
        leaseMs: 60_000,
      }));
      expect(
        await h.store.healthClaims.claim(stale, {
          owner: 'late-replica',
          now: new Date(),
        }),
      ).toEqual([]);
      expect(await late.checkDue()).toEqual({ checked: 0, failed: 0 });
    },
  );
});
