import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { BudgetStatus } from '@internal/plugin-integrations-common';
import { createAlerting } from '../__testUtils__/alerting';
import { createStores } from '../__testUtils__/createStores';
import { BudgetAlertTask } from './BudgetAlertTask';
import { UsageAnalyticsService } from './UsageAnalyticsService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function budget(overrides: Partial<BudgetStatus>): BudgetStatus {
  return {
    scope: 'team',
    name: 'group:default/growth-team',
    currency: 'EUR',
    monthly: 200,
    spent: 170,
    projected: 260,
    percentUsed: 85,
    warningPercent: 80,
    criticalPercent: 100,
    status: 'warning',
    integrations: [
      { name: 'brevo', spent: 150 },
      { name: 'linkedin', spent: 20 },
    ],
    ...overrides,
  };
}

describe('BudgetAlertTask', () => {
  it('alerts once per budget, month and level, on what the team spends most on', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores(knex);
    let statuses = [
      budget({}),
      budget({ scope: 'integration', name: 'stripe', status: 'ok' }),
    ];
    const analytics = {
      budgets: async () => statuses,
    } as unknown as UsageAnalyticsService;
    let now = new Date('2026-11-20T10:00:00Z');
    const task = new BudgetAlertTask({
      analytics,
      alerts: createAlerting(stores, { now: () => now }).service,
      logger: mockServices.logger.mock(),
      now: () => now,
    });

    expect(await task.run()).toBe(1);
    expect(await task.run()).toBe(0);
    statuses = [budget({ spent: 210, percentUsed: 105, status: 'critical' })];
    expect(await task.run()).toBe(1);
    now = new Date('2026-12-02T10:00:00Z');
    expect(await task.run()).toBe(1);

    const { items: raised } = await stores.alerts.list({});
    expect(raised).toHaveLength(3);
    // November's alerts held until the month was over.
    expect(raised.map(alert => [alert.dedupeKey, alert.status]).sort()).toEqual(
      [
        ['budget:team:group:default/growth-team:2026-11:critical', 'resolved'],
        ['budget:team:group:default/growth-team:2026-11:warning', 'resolved'],
        ['budget:team:group:default/growth-team:2026-12:critical', 'open'],
      ],
    );
    expect(
      raised.find(alert => alert.dedupeKey.endsWith('2026-11:critical')),
    ).toMatchObject({
      integration: 'brevo',
      type: 'budget',
      title:
        'The team budget of group:default/growth-team is 105 % spent this month',
      message:
        '210.00 EUR of 200.00 EUR spent in 2026-11; 260.00 EUR by the end of the month at this rate.',
    });
  });

  it('warns of an overrun before the warning share is reached', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores(knex);
    const now = () => new Date('2026-11-08T00:00:00Z');
    const analytics = {
      budgets: async () => [
        budget({ spent: 60, percentUsed: 30, projected: 240 }),
      ],
    } as unknown as UsageAnalyticsService;

    await new BudgetAlertTask({
      analytics,
      alerts: createAlerting(stores, { now }).service,
      logger: mockServices.logger.mock(),
      now,
    }).run();

    expect((await stores.alerts.list({})).items[0].title).toBe(
      'The team budget of group:default/growth-team will be overrun: 240.00 EUR projected of 200.00 EUR a month',
    );
  });
});
