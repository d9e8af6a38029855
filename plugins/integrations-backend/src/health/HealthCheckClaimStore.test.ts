import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseHealthCheckClaimStore } from './HealthCheckClaimStore';

jest.setTimeout(30_000);

const stripe = {
  integration: 'stripe',
  environment: 'production' as const,
  leaseMs: 60_000,
};
const paypal = { ...stripe, integration: 'paypal' };

describe('DatabaseHealthCheckClaimStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'gives a check to one replica until its lease lapses, then to another (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const claims = await DatabaseHealthCheckClaimStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const at = new Date('2026-12-07T12:00:00Z');
      const later = (ms: number) => new Date(at.getTime() + ms);

      expect(
        await claims.claim([stripe], { owner: 'replica-a', now: at }),
      ).toEqual([{ integration: 'stripe', environment: 'production' }]);
      // B asks for both: Stripe is A's, PayPal is free.
      expect(
        await claims.claim([stripe, paypal], {
          owner: 'replica-b',
          now: later(1_000),
        }),
      ).toEqual([{ integration: 'paypal', environment: 'production' }]);

      // A died mid-check: its lease lapses and C takes Stripe over.
      expect(
        await claims.claim([stripe], {
          owner: 'replica-c',
          now: later(60_000),
        }),
      ).toEqual([{ integration: 'stripe', environment: 'production' }]);

      // C finished: Stripe stays C's until it is due again; A, back, cannot
      // move that.
      await claims.holdUntil(stripe, {
        owner: 'replica-c',
        until: later(120_000),
      });
      await claims.holdUntil(stripe, { owner: 'replica-a', until: at });
      expect(
        await claims.claim([stripe], {
          owner: 'replica-b',
          now: later(90_000),
        }),
      ).toEqual([]);
      expect(
        await claims.claim([stripe], {
          owner: 'replica-b',
          now: later(120_000),
        }),
      ).toHaveLength(1);
    },
  );
});
