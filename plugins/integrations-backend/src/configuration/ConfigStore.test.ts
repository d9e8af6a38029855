import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  AuditLogEntry,
  Environment,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { ConfigWrite } from './ConfigStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

const at = new Date('2026-11-20T09:30:00.000Z');
const ada = 'user:default/ada.admin';

function createWrite(
  name: string,
  template: string,
  owner: string,
  dependencies: string[] = [],
): ConfigWrite {
  const provider = getProvider(template)!;
  return {
    kind: 'create',
    integration: { name, provider: provider.id, category: provider.category },
    configs: (['development', 'staging', 'production'] as Environment[]).map(
      environment => ({
        environment,
        settings: applySettingsPatch(
          defaultSettingsFor(provider, environment, { owner }),
          { dependencies },
        ),
      }),
    ),
  };
}

function auditEntry(integration: string): AuditLogEntry {
  return {
    eventId: `${integration}-${Math.random()}`,
    timestamp: at.toISOString(),
    userId: ada,
    integration,
    action: 'update',
    category: 'configuration',
    details: { changedFields: ['enabled'] },
    context: { time: at.toISOString(), ip: '127.0.0.1' },
    outcome: 'success',
  };
}

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { configs: store, audit } = await createStores(knex);
  await store.apply(
    [
      createWrite('stripe', 'stripe', 'group:default/payments-team'),
      createWrite('telegram', 'telegram', 'group:default/growth-team', []),
      createWrite(
        'stripe-connect',
        'stripe-connect',
        'group:default/payments-team',
        ['stripe'],
      ),
    ],
    { actor: ada, at, audit: [] },
  );
  return { knex, store, audit };
}

describe.each(databases.eachSupportedId())(
  'DatabaseConfigStore on %s',
  databaseId => {
    it('returns what it stored, with its first version and derived dependents', async () => {
      const { store } = await createStore(databaseId);

      const configs = await store.getConfigs('stripe');

      expect(configs.map(c => c.environment)).toEqual([
        'development',
        'staging',
        'production',
      ]);
      expect(configs[2]).toMatchObject({
        name: 'stripe',
        provider: 'stripe',
        category: 'payment',
        owner: 'group:default/payments-team',
        enabled: false,
        dependents: ['stripe-connect'],
        connectionConfig: { baseUrl: 'https://api.stripe.com' },
        metadata: {
          version: 1,
          createdAt: at.toISOString(),
          createdBy: ada,
          updatedBy: ada,
        },
      });
      const versions = await store.listVersions('stripe', 'production');
      expect(versions).toEqual([
        expect.objectContaining({
          version: 1,
          changeType: 'create',
          author: ada,
        }),
      ]);
    });

    it('filters, searches and pages listings', async () => {
      const { store } = await createStore(databaseId);

      const production = await store.listConfigs({ environment: 'production' });
      expect(production.items.map(c => c.name)).toEqual([
        'stripe',
        'stripe-connect',
        'telegram',
      ]);
      expect(production.totalCount).toBe(3);

      const growth = await store.listConfigs({
        owner: 'group:default/growth-team',
      });
      expect(new Set(growth.items.map(c => c.name))).toEqual(
        new Set(['telegram']),
      );

      const enabled = await store.listConfigs({ enabled: true });
      expect(enabled.items.every(c => c.environment === 'development')).toBe(
        true,
      );

      const text = await store.listConfigs({ text: 'CONNECT' });
      expect(new Set(text.items.map(c => c.name))).toEqual(
        new Set(['stripe-connect']),
      );

      const page = await store.listConfigs({}, { offset: 3, limit: 2 });
      expect(page.totalCount).toBe(9);
      expect(page.items.map(c => `${c.name}:${c.environment}`)).toEqual([
        'stripe-connect:development',
        'stripe-connect:staging',
      ]);
    });

    it('applies permission criteria as query filters', async () => {
      const { store } = await createStore(databaseId);

      const { items } = await store.listConfigs({
        permission: {
          allOf: [
            { property: 'owner', values: ['group:default/payments-team'] },
            { not: { property: 'environment', values: ['production'] } },
          ],
        },
      });
      expect(items.map(c => `${c.name}:${c.environment}`)).toEqual([
        'stripe:development',
        'stripe:staging',
        'stripe-connect:development',
        'stripe-connect:staging',
      ]);

      const either = await store.listConfigs({
        permission: {
          anyOf: [
            { property: 'owner', values: ['group:default/growth-team'] },
            { property: 'environment', values: ['staging'] },
          ],
        },
      });
      expect(either.totalCount).toBe(5);
    });

    it('saves a change as a new version with its audit record', async () => {
      const { store, audit } = await createStore(databaseId);
      const [before] = await store.getConfigs('stripe', 'staging');

      await store.apply(
        [
          {
            kind: 'save',
            name: 'stripe',
            environment: 'staging',
            expectedVersion: 1,
            settings: { ...before, enabled: true },
            changeType: 'update',
            changedFields: ['enabled'],
            notes: 'go live in staging',
          },
        ],
        { actor: 'user:default/max.member', at, audit: [auditEntry('stripe')] },
      );

      const [after] = await store.getConfigs('stripe', 'staging');
      expect(after.enabled).toBe(true);
      expect(after.metadata).toMatchObject({
        version: 2,
        updatedBy: 'user:default/max.member',
        notes: 'go live in staging',
      });
      const version = await store.getVersion('stripe', 'staging', 2);
      expect(version?.snapshot.enabled).toBe(true);
      expect(version?.changedFields).toEqual(['enabled']);
      expect(
        (await store.getVersion('stripe', 'staging', 1))?.snapshot.enabled,
      ).toBe(false);
      expect((await audit.list({ integration: 'stripe' })).totalCount).toBe(1);
    });

    it('writes nothing of a batch when one change was made on a stale version', async () => {
      const { store, audit } = await createStore(databaseId);
      const [stripe] = await store.getConfigs('stripe', 'development');
      const [telegram] = await store.getConfigs('telegram', 'development');

      await expect(
        store.apply(
          [
            {
              kind: 'save',
              name: 'stripe',
              environment: 'development',
              expectedVersion: 1,
              settings: { ...stripe, enabled: false },
              changeType: 'bulk_update',
              changedFields: ['enabled'],
            },
            {
              kind: 'save',
              name: 'telegram',
              environment: 'development',
              expectedVersion: 7,
              settings: { ...telegram, enabled: false },
              changeType: 'bulk_update',
              changedFields: ['enabled'],
            },
          ],
          {
            actor: ada,
            at,
            audit: [auditEntry('stripe'), auditEntry('telegram')],
          },
        ),
      ).rejects.toThrow(ConflictError);

      const [stripeAfter] = await store.getConfigs('stripe', 'development');
      expect(stripeAfter.enabled).toBe(true);
      expect(stripeAfter.metadata.version).toBe(1);
      expect(await store.listVersions('stripe', 'development')).toHaveLength(1);
      expect((await audit.list({})).totalCount).toBe(0);
    });

    it('soft-deletes and restores, keeping the history', async () => {
      const { store } = await createStore(databaseId);

      await store.apply([{ kind: 'delete', name: 'telegram' }], {
        actor: ada,
        at,
        audit: [],
      });

      expect((await store.listConfigs()).items.map(c => c.name)).not.toContain(
        'telegram',
      );
      const withDeleted = await store.listConfigs({
        includeDeleted: true,
        environment: 'production',
      });
      expect(withDeleted.items.find(c => c.name === 'telegram')?.deleted).toBe(
        true,
      );
      expect((await store.getIntegration('telegram'))?.deletedBy).toBe(ada);
      await expect(
        store.apply([{ kind: 'delete', name: 'telegram' }], {
          actor: ada,
          at,
          audit: [],
        }),
      ).rejects.toThrow(ConflictError);

      await store.apply([{ kind: 'restore', name: 'telegram' }], {
        actor: ada,
        at,
        audit: [],
      });

      const versions = await store.listVersions('telegram', 'production');
      expect(versions.map(v => v.changeType)).toEqual([
        'restore',
        'delete',
        'create',
      ]);
      expect((await store.getConfigs('telegram'))[0].deleted).toBeUndefined();
    });

    it('refuses to update or delete audit records in the database itself', async () => {
      const { knex, audit } = await createStore(databaseId);
      await audit.append([auditEntry('stripe')]);

      const outcome = (query: Promise<unknown>) =>
        query.then(
          result => `succeeded: ${JSON.stringify(result)}`,
          (error: Error) => `refused: ${error?.message}`,
        );
      expect(
        await outcome(
          knex('audit_log').update({ user_id: 'user:default/mallory' }),
        ),
      ).toMatch(/^refused: .*append-only/);
      expect(await outcome(knex('audit_log').delete())).toMatch(
        /^refused: .*append-only/,
      );

      const { items } = await audit.list({});
      expect(items).toHaveLength(1);
      expect(items[0].userId).toBe(ada);
    });

    it('lists audit records by filter, newest first', async () => {
      const { audit } = await createStore(databaseId);
      await audit.append([
        { ...auditEntry('stripe'), timestamp: '2026-11-01T00:00:00.000Z' },
        {
          ...auditEntry('telegram'),
          timestamp: '2026-11-10T00:00:00.000Z',
          action: 'delete',
        },
        {
          ...auditEntry('stripe'),
          timestamp: '2026-11-20T00:00:00.000Z',
          userId: 'user:default/max.member',
        },
      ]);

      expect(
        (await audit.list({ integration: 'stripe' })).items.map(
          i => i.timestamp,
        ),
      ).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
      expect(
        (await audit.list({ action: 'delete' })).items[0].integration,
      ).toBe('telegram');
      expect(
        (await audit.list({ user: 'user:default/max.member' })).totalCount,
      ).toBe(1);
      expect(
        (
          await audit.list({
            from: '2026-11-05T00:00:00Z',
            to: '2026-11-15T00:00:00Z',
          })
        ).items.map(i => i.integration),
      ).toEqual(['telegram']);
    });
  },
);
