import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { AlertCondition, DatabaseAlertStore } from './AlertStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function condition(overrides: Partial<AlertCondition> = {}): AlertCondition {
  return {
    integration: 'stripe',
    environment: 'production',
    type: 'error_rate',
    severity: 'warning',
    title: 'Error rate of Stripe (production) is 12 %',
    message: '12 of 100 calls failed in the last 15 minutes.',
    value: '12 %',
    dedupeKey: 'error_rate:stripe:production',
    ...overrides,
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute, 0));

describe('DatabaseAlertStore', () => {
  async function twoStores(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    await applyDatabaseMigrations(database);
    // Two backends sharing one database.
    return [
      await DatabaseAlertStore.create({ database }),
      await DatabaseAlertStore.create({ database }),
    ];
  }

  it.each(databases.eachSupportedId())(
    'keeps one alert per condition while it lasts, and a new one when it returns (%s)',
    async databaseId => {
      const [store] = await twoStores(databaseId);

      const [first] = await store.raise([condition()], at(0));
      expect(first).toMatchObject({ episode: 1, status: 'open' });
      expect(await store.raise([condition({ value: '30 %' })], at(1))).toEqual(
        [],
      );
      await store.countClear([first.id], at(2));
      expect(await store.raise([condition()], at(3))).toEqual([]);
      expect(await store.get(first.id)).toMatchObject({
        clearCount: 0,
        value: '12 %',
        updatedAt: at(3).toISOString(),
      });

      expect(await store.resolve(first.id, at(4))).toMatchObject({
        status: 'resolved',
        resolvedAt: at(4).toISOString(),
      });
      expect(await store.resolve(first.id, at(5))).toBeUndefined();

      const [second] = await store.raise([condition()], at(6));
      expect(second.id).not.toBe(first.id);
      expect(second).toMatchObject({ episode: 2, status: 'open' });
      const { items, totalCount } = await store.list({ status: 'active' });
      expect(totalCount).toBe(1);
      expect(items.map(a => a.id)).toEqual([second.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'opens one alert when two backends raise the same condition at once (%s)',
    async databaseId => {
      const [one, other] = await twoStores(databaseId);
      const results = await Promise.all([
        one.raise([condition()], at(0)),
        other.raise([condition()], at(0)),
        one.raise([condition()], at(0)),
      ]);
      expect(results.flat()).toHaveLength(1);
      expect((await one.list({})).totalCount).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets only one backend record a notification (%s)',
    async databaseId => {
      const [one, other] = await twoStores(databaseId);
      const [alert] = await one.raise([condition()], at(0));
      const claims = await Promise.all([
        one.recordNotification(
          alert,
          { kind: 'raised', escalationLevel: 0 },
          at(1),
        ),
        other.recordNotification(
          alert,
          { kind: 'raised', escalationLevel: 0 },
          at(1),
        ),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await one.listNotifications(alert.id)).toEqual([
        {
          sequence: 1,
          kind: 'raised',
          escalationLevel: 0,
          sentAt: at(1).toISOString(),
        },
      ]);
      expect(await one.get(alert.id)).toMatchObject({
        notified: true,
        notifyCount: 1,
        lastNotifiedAt: at(1).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'acknowledges open alerts only, once, and filters by configuration (%s)',
    async databaseId => {
      const [store] = await twoStores(databaseId);
      const [stripe, paypal] = await store.raise(
        [
          condition(),
          condition({
            integration: 'paypal',
            environment: 'staging',
            severity: 'critical',
            dedupeKey: 'health:paypal:staging',
          }),
        ],
        at(0),
      );

      const acknowledged = await store.acknowledge(
        stripe.id,
        'user:default/ada',
        at(1),
      );
      expect(acknowledged).toMatchObject({
        changed: true,
        alert: {
          status: 'acknowledged',
          acknowledgedBy: 'user:default/ada',
          acknowledgedAt: at(1).toISOString(),
        },
      });
      expect(
        (await store.acknowledge(stripe.id, 'user:default/bob', at(2)))
          ?.changed,
      ).toBe(false);
      expect((await store.get(stripe.id))?.acknowledgedBy).toBe(
        'user:default/ada',
      );
      expect(
        await store.acknowledge(
          '00000000-0000-4000-8000-000000000000',
          'x',
          at(2),
        ),
      ).toBeUndefined();

      const readable = await store.list({
        configurations: [{ name: 'paypal', environment: 'staging' }],
      });
      expect(readable.items.map(a => a.id)).toEqual([paypal.id]);
      expect((await store.list({ configurations: [] })).totalCount).toBe(0);
      expect(
        (await store.list({ severity: 'critical', status: 'open' })).items,
      ).toHaveLength(1);
      expect(
        (await store.list({ status: 'acknowledged' })).items.map(a => a.id),
      ).toEqual([stripe.id]);
    },
  );
});
