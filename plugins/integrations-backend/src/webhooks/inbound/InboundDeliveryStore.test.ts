import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../../database/migrations';
import {
  DatabaseInboundDeliveryStore,
  ReceivedDelivery,
} from './InboundDeliveryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const START = Date.parse('2026-12-07T10:00:00Z');
const at = (minutes: number) => new Date(START + minutes * 60_000);

function received(overrides: Partial<ReceivedDelivery> = {}): ReceivedDelivery {
  return {
    integration: 'stripe',
    environment: 'production',
    scheme: 'stripe',
    receivedAt: at(0),
    verification: 'verified',
    providerEventId: 'evt_1',
    eventType: 'payment_intent.succeeded',
    responseStatus: 200,
    topic: 'integrations.webhooks.stripe',
    size: 42,
    body: '{"id":"evt_1"}',
    ...overrides,
  };
}

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  await applyDatabaseMigrations(database);
  return DatabaseInboundDeliveryStore.create({ database });
}

describe.each(databases.eachSupportedId())(
  'InboundDeliveryStore on %s',
  databaseId => {
    it('records a verified webhook with its body, and the same event again as a duplicate without one', async () => {
      const store = await createStore(databaseId);

      const first = await store.record(received());
      const again = await store.record(received({ receivedAt: at(1) }));

      expect(first).toMatchObject({
        verification: 'verified',
        providerEventId: 'evt_1',
        topic: 'integrations.webhooks.stripe',
        body: '{"id":"evt_1"}',
        receivedAt: at(0).toISOString(),
      });
      expect(again.verification).toBe('duplicate');
      expect(again.body).toBeUndefined();
      expect(again.topic).toBeUndefined();
      expect(again.providerEventId).toBe('evt_1');
    });

    it('records one verified row when two replicas receive the same event at once', async () => {
      const store = await createStore(databaseId);

      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => store.record(received())),
      );

      expect(outcomes.map(outcome => outcome.verification).sort()).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
        'verified',
      ]);
    });

    it('keeps event ids apart per configuration', async () => {
      const store = await createStore(databaseId);

      await store.record(received());
      const staging = await store.record(received({ environment: 'staging' }));
      const other = await store.record(received({ integration: 'stripe-eu' }));

      expect([staging.verification, other.verification]).toEqual([
        'verified',
        'verified',
      ]);
    });

    it('keeps rejected webhooks with their reason, never their body', async () => {
      const store = await createStore(databaseId);

      const rejected = await store.record(
        received({
          verification: 'rejected',
          reason: 'Missing the Stripe-Signature header',
          responseStatus: 400,
          topic: undefined,
        }),
      );
      // A rejected webhook does not use up its event id.
      const genuine = await store.record(received());

      expect(rejected).toMatchObject({
        verification: 'rejected',
        reason: 'Missing the Stripe-Signature header',
        responseStatus: 400,
      });
      expect(rejected.body).toBeUndefined();
      expect(genuine.verification).toBe('verified');
    });

    it('lists the readable configurations newest first, filtered and paged', async () => {
      const store = await createStore(databaseId);
      await store.record(
        received({ providerEventId: 'evt_a', receivedAt: at(1) }),
      );
      await store.record(
        received({ providerEventId: 'evt_b', receivedAt: at(3) }),
      );
      await store.record(
        received({
          verification: 'rejected',
          reason: 'bad signature',
          providerEventId: undefined,
          receivedAt: at(2),
          responseStatus: 400,
        }),
      );
      await store.record(
        received({
          integration: 'github',
          scheme: 'github',
          receivedAt: at(4),
        }),
      );

      const all = await store.list({
        configurations: [['stripe', 'production']],
        limit: 10,
        offset: 0,
      });
      expect(all.totalCount).toBe(3);
      expect(all.items.map(item => item.receivedAt)).toEqual([
        at(3).toISOString(),
        at(2).toISOString(),
        at(1).toISOString(),
      ]);

      const page = await store.list({
        configurations: [
          ['stripe', 'production'],
          ['github', 'production'],
        ],
        verification: 'verified',
        limit: 2,
        offset: 1,
      });
      expect(page.totalCount).toBe(3);
      expect(page.items.map(item => item.providerEventId)).toEqual([
        'evt_b',
        'evt_a',
      ]);

      expect(
        await store.list({ configurations: [], limit: 10, offset: 0 }),
      ).toEqual({ items: [], totalCount: 0 });
    });

    it('deletes webhooks received before the cutoff', async () => {
      const store = await createStore(databaseId);
      await store.record(
        received({ providerEventId: 'evt_old', receivedAt: at(0) }),
      );
      await store.record(
        received({ providerEventId: 'evt_new', receivedAt: at(10) }),
      );

      expect(await store.deleteOlderThan(at(5))).toBe(1);
      const { items } = await store.list({
        configurations: [['stripe', 'production']],
        limit: 10,
        offset: 0,
      });
      expect(items.map(item => item.providerEventId)).toEqual(['evt_new']);
    });
  },
);
