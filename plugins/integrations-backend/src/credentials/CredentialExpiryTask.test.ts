import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';

jest.setTimeout(30_000);
import { createAlerting } from '../__testUtils__/alerting';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { CredentialExpiryTask } from './CredentialExpiryTask';
import { CredentialService } from './CredentialService';
import { CredentialVault } from './CredentialVault';
import { KeyRing } from './KeyRing';

const ada = { userRef: 'user:default/ada.admin' };

/** A store with one integration made from a template, and its credential service. */
async function setUp(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  template: string,
  owner: string,
) {
  const knex = await databases.init(databaseId);
  const store = await createStores(knex);
  await createConfigurationServices(store).configurations.create(
    { template, name: template, owner },
    ada,
  );
  const credentials = new CredentialService({
    configs: store.configs,
    credentials: store.credentials,
    vault: new CredentialVault(
      KeyRing.fromKeys(
        [{ id: 'k1', secret: 'expiry-test-key-0123456789abcdefghij' }],
        'k1',
      ),
    ),
  });
  return { store, credentials };
}

describe('CredentialExpiryTask', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'warns 7 days and 1 day ahead and when expired, each once per value (%s)',
    async databaseId => {
      const { store, credentials } = await setUp(
        databases,
        databaseId,
        'stripe',
        'group:default/payments-team',
      );
      await credentials.update(
        'stripe',
        'production',
        {
          credentials: { secretKey: 'sk_live_CANARY00000000000000' },
          expiresAt: { secretKey: '2026-12-01T12:00:00Z' },
        },
        ada,
      );
      await credentials.update(
        'stripe',
        'staging',
        {
          credentials: { secretKey: 'sk_test_far0000000000000000' },
          expiresAt: { secretKey: '2027-06-01T00:00:00Z' },
        },
        ada,
      );
      let now = new Date('2026-11-20T12:00:00Z');
      const task = new CredentialExpiryTask({
        configs: store.configs,
        credentials: store.credentials,
        alerts: createAlerting(store, { now: () => now }).service,
        logger: mockServices.logger.mock(),
        now: () => now,
      });

      expect(await task.check()).toBe(0);

      now = new Date('2026-11-25T12:00:00Z');
      expect(await task.check()).toBe(1);
      expect(await task.check()).toBe(0);

      now = new Date('2026-11-30T13:00:00Z');
      expect(await task.check()).toBe(1);

      now = new Date('2026-12-02T00:00:00Z');
      expect(await task.check()).toBe(1);

      const { items: alerts } = await store.alerts.list({
        integration: 'stripe',
      });
      expect(
        alerts.map(a => [a.environment, a.severity, a.title, a.status]),
      ).toEqual([
        [
          'production',
          'critical',
          'The secretKey of stripe (production) has expired',
          'open',
        ],
        [
          'production',
          'critical',
          'The secretKey of stripe (production) expires within a day',
          'open',
        ],
        [
          'production',
          'warning',
          'The secretKey of stripe (production) expires within 7 days',
          'open',
        ],
      ]);
      expect(JSON.stringify(alerts)).not.toContain('CANARY');

      // A new value, expiring next year: every alert of the old one resolves.
      await credentials.update(
        'stripe',
        'production',
        {
          credentials: { secretKey: 'sk_live_REPLACED000000000000' },
          expiresAt: { secretKey: '2027-12-01T00:00:00Z' },
        },
        ada,
      );
      expect(await task.check()).toBe(0);
      expect(
        (await store.alerts.list({ integration: 'stripe' })).items.map(
          a => a.status,
        ),
      ).toEqual(['resolved', 'resolved', 'resolved']);
    },
  );

  it('raises no alert for access tokens the refresh task renews, but does for their refresh token', async () => {
    const { store, credentials } = await setUp(
      databases,
      'SQLITE_3',
      'linkedin',
      'group:default/growth-team',
    );
    await credentials.update(
      'linkedin',
      'production',
      {
        credentials: {
          accessToken: 'AQVaccess0000000000',
          refreshToken: 'AQWrefresh000000000',
        },
        expiresAt: {
          accessToken: '2026-11-20T13:00:00Z',
          refreshToken: '2026-11-25T00:00:00Z',
        },
      },
      ada,
    );
    const now = () => new Date('2026-11-20T12:00:00Z');
    const task = new CredentialExpiryTask({
      configs: store.configs,
      credentials: store.credentials,
      alerts: createAlerting(store, { now }).service,
      logger: mockServices.logger.mock(),
      now,
    });

    expect(await task.check()).toBe(1);
    const {
      items: [alert],
    } = await store.alerts.list({ integration: 'linkedin' });
    expect(alert.title).toBe(
      'The refreshToken of linkedin (production) expires within 7 days',
    );

    // Set by hand in staging, with nothing to renew it: that one is warned of.
    await credentials.update(
      'linkedin',
      'staging',
      {
        credentials: { accessToken: 'AQVhandset000000000' },
        expiresAt: { accessToken: '2026-11-20T13:00:00Z' },
      },
      ada,
    );
    expect(await task.check()).toBe(1);
    expect(
      (await store.alerts.list({ integration: 'linkedin' })).items.map(
        a => a.title,
      ),
    ).toContain('The accessToken of linkedin (staging) expires within a day');
  });
});
