import { TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../__testUtils__/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const target = { integration: 'twitter', environment: 'production' as const };
const at = (seconds: number) =>
  new Date(Date.parse('2026-11-26T10:00:00Z') + seconds * 1000);

describe('TokenRefreshLeaseStore', () => {
  it.each(databases.eachSupportedId())(
    'gives a refresh to one holder at a time until it is released or expires (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { tokenLeases } = await createStores(knex);

      expect(
        await tokenLeases.tryAcquire(target, 'a', {
          now: at(0),
          until: at(20),
        }),
      ).toBe(true);
      expect(
        await tokenLeases.tryAcquire(target, 'b', {
          now: at(5),
          until: at(25),
        }),
      ).toBe(false);
      // Another configuration is not held up.
      expect(
        await tokenLeases.tryAcquire(
          { ...target, environment: 'staging' },
          'b',
          { now: at(5), until: at(25) },
        ),
      ).toBe(true);

      await tokenLeases.release(target, 'b');
      expect(
        await tokenLeases.tryAcquire(target, 'b', {
          now: at(6),
          until: at(26),
        }),
      ).toBe(false);

      await tokenLeases.release(target, 'a');
      expect(
        await tokenLeases.tryAcquire(target, 'b', {
          now: at(7),
          until: at(27),
        }),
      ).toBe(true);

      // A holder that crashed frees the refresh when its lease expires.
      expect(
        await tokenLeases.tryAcquire(target, 'c', {
          now: at(28),
          until: at(48),
        }),
      ).toBe(true);
    },
  );
});
