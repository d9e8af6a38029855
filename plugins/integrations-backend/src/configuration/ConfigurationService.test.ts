import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Actor } from '../audit/actor';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';

jest.setTimeout(30_000);

const ada: Actor = {
  userRef: 'user:default/ada.admin',
  ip: '10.1.2.3',
  userAgent: 'jest',
};
const max: Actor = { userRef: 'user:default/max.member' };

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'ConfigurationService on %s',
  databaseId => {
    async function createService() {
      const knex = await databases.init(databaseId);
      const store = await createStores(knex);
      let clock = Date.parse('2026-11-20T09:00:00.000Z');
      const { configurations: service, history } = createConfigurationServices(
        store,
        { now: () => new Date((clock += 60_000)) },
      );
      await service.create(
        {
          template: 'stripe',
          name: 'stripe',
          owner: 'group:default/payments-team',
        },
        ada,
      );
      return { store, service, history };
    }

    it('creates an integration from its template in every environment', async () => {
      const { service, store } = await createService();

      const configs = await service.create(
        {
          template: 'paypal',
          name: 'paypal-eu',
          displayName: 'PayPal EU',
          owner: 'group:default/payments-team',
          settings: { dependencies: ['stripe'] },
        },
        ada,
      );

      expect(configs.map(c => [c.environment, c.enabled])).toEqual([
        ['development', true],
        ['staging', false],
        ['production', false],
      ]);
      expect(configs[0].connectionConfig.baseUrl).toBe(
        'https://api-m.sandbox.paypal.com',
      );
      expect(configs[2].connectionConfig.baseUrl).toBe(
        'https://api-m.paypal.com',
      );
      expect(configs[2].authConfig.type).toBe('oauth2');
      expect(configs[2].displayName).toBe('PayPal EU');
      const audit = await store.audit.list({ integration: 'paypal-eu' });
      expect(audit.items.map(i => i.action)).toEqual([
        'create',
        'create',
        'create',
      ]);
      expect(audit.items[0].context).toMatchObject({
        ip: '10.1.2.3',
        userAgent: 'jest',
      });
    });

    it('refuses an unknown template, a taken name and invalid settings', async () => {
      const { service, store } = await createService();

      await expect(
        service.create(
          { template: 'mystery', name: 'x', owner: 'group:default/a' },
          ada,
        ),
      ).rejects.toThrow(/template: no template "mystery"/);
      await expect(
        service.create(
          { template: 'stripe', name: 'stripe', owner: 'group:default/a' },
          ada,
        ),
      ).rejects.toThrow(ConflictError);
      await expect(
        service.create(
          {
            template: 'stripe',
            name: 'stripe-eu',
            owner: 'group:default/a',
            settings: {
              connectionConfig: { baseUrl: 'http://api.stripe.com' },
            },
          },
          ada,
        ),
      ).rejects.toThrow(
        /settings \(staging\) connectionConfig.baseUrl: Must use https in staging/,
      );
      expect(await store.configs.countIntegrations()).toBe(1);
    });

    it('previews a change without saving it, then saves it as a new version', async () => {
      const { service, store } = await createService();

      const preview = await service.update(
        'stripe',
        'production',
        { version: 1, connectionConfig: { timeout: 7000 } },
        { dryRun: true },
        ada,
      );
      expect(preview.dryRun).toBe(true);
      expect(preview.changes).toEqual([
        {
          path: 'connectionConfig.timeout',
          kind: 'changed',
          before: 5000,
          after: 7000,
        },
      ]);
      expect(preview.config.connectionConfig.timeout).toBe(7000);
      const [unchanged] = await store.configs.getConfigs(
        'stripe',
        'production',
      );
      expect(unchanged.connectionConfig.timeout).toBe(5000);
      expect(unchanged.metadata.version).toBe(1);

      const saved = await service.update(
        'stripe',
        'production',
        {
          version: 1,
          connectionConfig: { timeout: 7000 },
          notes: 'slow acquirer',
        },
        { dryRun: false },
        max,
      );
      expect(saved.config.metadata).toMatchObject({
        version: 2,
        updatedBy: max.userRef,
        notes: 'slow acquirer',
      });
      expect(saved.config.connectionConfig.retryAttempts).toBe(3);
    });

    it('answers a change made on a stale version with a conflict naming the current one', async () => {
      const { service } = await createService();
      await service.update(
        'stripe',
        'staging',
        { version: 1, enabled: true },
        { dryRun: false },
        max,
      );

      await expect(
        service.update(
          'stripe',
          'staging',
          { version: 1, enabled: false },
          { dryRun: false },
          ada,
        ),
      ).rejects.toThrow(
        /the current version is 2, saved by user:default\/max.member/,
      );
    });

    it('applies the validation rules beyond field types', async () => {
      const { service } = await createService();
      await service.create(
        {
          template: 'stripe-connect',
          name: 'stripe-connect',
          owner: 'group:default/payments-team',
          settings: { dependencies: ['stripe'] },
        },
        ada,
      );

      const attempt = (
        patch: object,
        environment: 'production' | 'development' = 'production',
      ) =>
        service.update(
          'stripe',
          environment,
          { version: 1, ...patch },
          { dryRun: true },
          ada,
        );

      await expect(
        attempt({ complianceConfig: { encryptionRequired: false } }),
      ).rejects.toThrow(
        'complianceConfig.encryptionRequired: Production requires encryption',
      );
      await expect(
        attempt({ complianceConfig: { auditEnabled: false } }),
      ).rejects.toThrow(
        'complianceConfig.auditEnabled: Production requires auditing',
      );
      await expect(
        attempt({ monitoringConfig: { healthCheckInterval: 10 } }),
      ).rejects.toThrow(
        'monitoringConfig.healthCheckInterval: At least 30 seconds',
      );
      await expect(
        attempt({ monitoringConfig: { alertThresholds: { uptime: 140 } } }),
      ).rejects.toThrow(
        'monitoringConfig.alertThresholds.uptime: A percentage, 0 to 100',
      );
      await expect(attempt({ dependencies: ['ghost'] })).rejects.toThrow(
        'dependencies.0: No integration is named "ghost"',
      );
      await expect(
        attempt({ dependencies: ['stripe-connect'] }),
      ).rejects.toThrow(
        'dependencies.0: Would form a cycle: stripe → stripe-connect → stripe',
      );
      await expect(
        attempt(
          { connectionConfig: { baseUrl: 'http://localhost:7071/stripe' } },
          'development',
        ),
      ).resolves.toMatchObject({ dryRun: true });
    });

    it('copies settings between environments, never credentials nor the on/off switch', async () => {
      const { service } = await createService();
      await service.update(
        'stripe',
        'staging',
        { version: 1, connectionConfig: { timeout: 9000 }, enabled: true },
        { dryRun: false },
        ada,
      );

      const result = await service.copy(
        'stripe',
        { from: 'staging', to: 'production' },
        ada,
      );

      expect(result.config.connectionConfig.timeout).toBe(9000);
      expect(result.config.enabled).toBe(false);
      expect(result.config.metadata.version).toBe(2);
      expect(result.copiedFields).toContain('connectionConfig.timeout');
      expect(result.notCopied.map(n => n.field)).toEqual([
        'credentials',
        'enabled',
      ]);
    });

    it('keeps a history with diffs, and rolls back as a new version', async () => {
      const { service, history } = await createService();
      await service.update(
        'stripe',
        'development',
        { version: 1, connectionConfig: { timeout: 2000 } },
        { dryRun: false },
        ada,
      );
      await service.update(
        'stripe',
        'development',
        { version: 2, enabled: false },
        { dryRun: false },
        ada,
      );

      const { items } = await history.listVersions('stripe', 'development');
      expect(
        items.map(v => [v.version, v.changeType, v.changedFields]),
      ).toEqual([
        [3, 'update', ['enabled']],
        [2, 'update', ['connectionConfig.timeout']],
        [1, 'create', []],
      ]);
      const diff = await history.diff('stripe', 'development', 1, 3);
      expect(diff.changes.map(c => c.path)).toEqual([
        'connectionConfig.timeout',
        'enabled',
      ]);

      const rolledBack = await history.rollback(
        'stripe',
        'development',
        { version: 1 },
        ada,
      );

      expect(rolledBack.metadata.version).toBe(4);
      expect(rolledBack.connectionConfig.timeout).toBe(10_000);
      expect(rolledBack.enabled).toBe(true);
      expect(
        (await history.listVersions('stripe', 'development')).items[0],
      ).toMatchObject({
        version: 4,
        changeType: 'rollback',
        notes: 'Rolled back to version 1',
      });
      await expect(
        history.rollback('stripe', 'development', { version: 4 }, ada),
      ).rejects.toThrow(InputError);
      await expect(
        history.getVersion('stripe', 'development', 99),
      ).rejects.toThrow(NotFoundError);
    });

    it('applies a bulk update all-or-nothing', async () => {
      const { service, store } = await createService();
      await service.create(
        {
          template: 'telegram',
          name: 'telegram',
          owner: 'group:default/growth-team',
        },
        ada,
      );

      await expect(
        service.bulkUpdate(
          {
            stripe: { enabled: true },
            telegram: {
              environment: 'production',
              monitoringConfig: { healthCheckInterval: 5 },
            },
          },
          ada,
        ),
      ).rejects.toThrow(
        /nothing was changed.*telegram \(production\) monitoringConfig.healthCheckInterval/,
      );
      expect(
        (await store.configs.listConfigs({ enabled: true })).totalCount,
      ).toBe(2);

      const result = await service.bulkUpdate(
        {
          stripe: { enabled: true },
          telegram: { environment: 'production', enabled: true },
        },
        ada,
      );

      expect(result.applied).toBe(true);
      expect(
        result.results.map(r => [r.name, r.environment, r.status, r.version]),
      ).toEqual([
        ['stripe', 'development', 'unchanged', 1],
        ['stripe', 'staging', 'updated', 2],
        ['stripe', 'production', 'updated', 2],
        ['telegram', 'production', 'updated', 2],
      ]);
      expect(
        (await store.configs.listConfigs({ enabled: true })).totalCount,
      ).toBe(5);
    });

    it('soft-deletes, refuses changes while deleted, and restores', async () => {
      const { service, store } = await createService();

      await service.delete('stripe', ada);
      await expect(
        service.update(
          'stripe',
          'staging',
          { version: 2, enabled: true },
          { dryRun: false },
          ada,
        ),
      ).rejects.toThrow(/deleted; restore it/);
      expect((await store.configs.listConfigs()).totalCount).toBe(0);

      const restored = await service.restore('stripe', ada);
      expect(restored).toHaveLength(3);
      expect(
        (await store.audit.list({ integration: 'stripe' })).items
          .map(i => i.action)
          .slice(0, 2),
      ).toEqual(['restore', 'delete']);
    });

    it('refuses secrets typed into custom settings, saving and recording nothing', async () => {
      const { service, store } = await createService();

      await expect(
        service.update(
          'stripe',
          'staging',
          {
            version: 1,
            featureConfig: {
              customSettings: { webhookSecret: 'whsec_canary', region: 'eu' },
            },
          },
          { dryRun: false },
          ada,
        ),
      ).rejects.toThrow(
        'featureConfig.customSettings.webhookSecret: Looks like a secret: store it as a credential',
      );

      const [config] = await store.configs.getConfigs('stripe', 'staging');
      expect(config.metadata.version).toBe(1);
      expect(JSON.stringify(await store.audit.list({}))).not.toContain(
        'whsec_canary',
      );
    });

    it('records before and after of each change in the audit log', async () => {
      const { service, store } = await createService();

      await service.update(
        'stripe',
        'staging',
        { version: 1, featureConfig: { customSettings: { region: 'eu' } } },
        { dryRun: false },
        ada,
      );

      const [entry] = (await store.audit.list({ action: 'update' })).items;
      expect(entry.details).toMatchObject({
        changedFields: ['featureConfig.customSettings.region'],
        version: 2,
      });
      expect(
        (entry.details.before as any).featureConfig.customSettings,
      ).toEqual({});
      expect((entry.details.after as any).featureConfig.customSettings).toEqual(
        {
          region: 'eu',
        },
      );
    });
    it('refuses to delete an integration others depend on', async () => {
      const { service, store } = await createService();
      await service.create(
        {
          template: 'stripe-connect',
          name: 'stripe-connect',
          owner: 'group:default/payments-team',
          settings: { dependencies: ['stripe'] },
        },
        ada,
      );

      await expect(service.delete('stripe', ada)).rejects.toThrow(
        'stripe cannot be deleted while stripe-connect depend on it',
      );
      expect(
        (await store.configs.getIntegration('stripe'))?.deletedAt,
      ).toBeUndefined();
    });

    it('refuses a bulk update whose items would form a dependency cycle together', async () => {
      const { service, store } = await createService();
      await service.create(
        {
          template: 'paypal',
          name: 'paypal',
          owner: 'group:default/payments-team',
        },
        ada,
      );

      await expect(
        service.bulkUpdate(
          {
            stripe: { environment: 'staging', dependencies: ['paypal'] },
            paypal: { environment: 'staging', dependencies: ['stripe'] },
          },
          ada,
        ),
      ).rejects.toThrow(/Would form a cycle: stripe → paypal → stripe/);
      expect(
        (await store.configs.getDependencyGraph('staging')).get('stripe'),
      ).toEqual([]);
    });

    it('refuses a rollback that would change nothing', async () => {
      const { service, history } = await createService();
      await service.update(
        'stripe',
        'staging',
        { version: 1, enabled: true },
        { dryRun: false },
        ada,
      );
      await service.update(
        'stripe',
        'staging',
        { version: 2, enabled: false },
        { dryRun: false },
        ada,
      );

      await expect(
        history.rollback('stripe', 'staging', { version: 1 }, ada),
      ).rejects.toThrow(/has the same settings as the current version 3/);
    });
  },
);
