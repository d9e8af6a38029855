import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { HealthCheckTask } from './HealthCheckTask';
import { createHarness } from '../connectionTests/__testUtils__/harness';
import { DatabaseHealthCheckPauseStore } from './HealthCheckPauseStore';
import { HealthScheduleService } from './HealthScheduleService';

jest.setTimeout(30_000);

const NOW = new Date('2026-11-28T09:00:00Z');
const ADA = { userRef: 'user:default/ada.admin' };

describe('HealthScheduleService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setUp() {
    const h = await createHarness({ databases });
    const provider = getProvider('generic-http')!;
    await h.store.configs.apply(
      ['orders-api', 'billing-api', 'legacy-api'].map(name => {
        const settings = defaultSettingsFor(provider, 'development', {
          owner: 'group:default/platform-team',
        });
        settings.monitoringConfig.healthCheckInterval = 60;
        settings.enabled = name !== 'legacy-api';
        return {
          kind: 'create' as const,
          integration: {
            name,
            provider: provider.id,
            category: provider.category,
          },
          configs: [{ environment: 'development' as const, settings }],
        };
      }),
      { actor: 'test', at: NOW, audit: [] },
    );
    const pauses = await DatabaseHealthCheckPauseStore.create({
      database: mockServices.database({
        knex: h.knex,
        migrations: { skip: false },
      }),
    });
    const schedule = new HealthScheduleService({
      configs: h.store.configs,
      audit: h.store.audit,
      health: h.health,
      pauses,
      now: () => NOW,
    });
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      pauses,
      tester: h.tester,
      logger: h.logger,
      concurrency: 2,
      now: () => NOW,
    });
    return { h, schedule, task };
  }

  it('says when each configuration is checked next, and not while disabled or paused', async () => {
    const { schedule } = await setUp();

    const before = await schedule.list({ environment: 'development' });
    expect(
      before.map(item => [item.integration, item.paused, item.nextCheckAt]),
    ).toEqual([
      ['billing-api', false, NOW.toISOString()],
      ['legacy-api', false, undefined],
      ['orders-api', false, NOW.toISOString()],
    ]);

    const paused = await schedule.pause('orders-api', 'development', ADA);
    expect(paused).toMatchObject({
      integration: 'orders-api',
      paused: true,
      pausedBy: ADA.userRef,
      pausedAt: NOW.toISOString(),
      intervalSeconds: 60,
    });
    expect(paused.nextCheckAt).toBeUndefined();

    const resumed = await schedule.resume('orders-api', 'development', ADA);
    expect(resumed.paused).toBe(false);
    expect(resumed.pausedBy).toBeUndefined();
    expect(resumed.nextCheckAt).toBe(NOW.toISOString());
  });

  it('records pauses and resumes in the audit log', async () => {
    const { h, schedule } = await setUp();

    await schedule.pause('orders-api', 'development', ADA);
    await schedule.resume('orders-api', 'development', ADA);

    const { items } = await h.store.audit.list({ integration: 'orders-api' });
    expect(
      items.map(entry => [entry.action, entry.category, entry.userId]),
    ).toEqual(
      expect.arrayContaining([
        ['health_checks_paused', 'operations', ADA.userRef],
        ['health_checks_resumed', 'operations', ADA.userRef],
      ]),
    );
  });

  it('refuses to pause a configuration that does not exist', async () => {
    const { schedule } = await setUp();

    await expect(
      schedule.pause('orders-api', 'production', ADA),
    ).rejects.toThrow('orders-api has no production configuration');
  });

  it('leaves paused configurations out of the scheduled checks until resumed', async () => {
    const { schedule, task } = await setUp();

    expect((await task.due()).map(c => c.name).sort()).toEqual([
      'billing-api',
      'orders-api',
    ]);

    await schedule.pause('orders-api', 'development', ADA);
    expect((await task.due()).map(c => c.name)).toEqual(['billing-api']);

    await schedule.resume('orders-api', 'development', ADA);
    expect((await task.due()).map(c => c.name).sort()).toEqual([
      'billing-api',
      'orders-api',
    ]);
  });
});
