import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { Actor } from '../audit/actor';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { CredentialService } from './CredentialService';
import { assertKeyRingCoversCredentials } from './assertKeyRingCoversCredentials';
import { CredentialVault } from './CredentialVault';
import { KeyRing } from './KeyRing';

jest.setTimeout(30_000);

const ada: Actor = { userRef: 'user:default/ada.admin', ip: '10.0.0.1' };
const CANARY = 'sk_live_CANARY0123456789abcdefghijklmnopqrstuv';
const keySecret = 'credential-service-test-key-0123456789abcdef';

describe('CredentialService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createService(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await createStores(knex);
    await createConfigurationServices(store).configurations.create(
      {
        template: 'stripe',
        name: 'stripe',
        owner: 'group:default/payments-team',
      },
      ada,
    );
    const keyRing = KeyRing.fromKeys([{ id: 'k1', secret: keySecret }], 'k1');
    const service = new CredentialService({
      configs: store.configs,
      credentials: store.credentials,
      vault: new CredentialVault(keyRing),
      now: () => new Date('2026-11-20T10:00:00.000Z'),
    });
    return { knex, store, service };
  }

  it.each(databases.eachSupportedId())(
    'stores values sealed and shows only their masked status (%s)',
    async databaseId => {
      const { knex, store, service } = await createService(databaseId);

      const status = await service.update(
        'stripe',
        'production',
        {
          credentials: { secretKey: CANARY },
          expiresAt: { secretKey: '2026-12-02T10:00:00Z' },
        },
        ada,
      );

      const secretKey = status.fields.find(f => f.field === 'secretKey');
      expect(secretKey).toEqual({
        field: 'secretKey',
        label: 'Secret key',
        secret: true,
        set: true,
        last4: 'stuv',
        fingerprint: expect.stringMatching(/^k1:[0-9a-f]{16}$/),
        updatedAt: '2026-11-20T10:00:00.000Z',
        updatedBy: ada.userRef,
        expiresAt: '2026-12-02T10:00:00.000Z',
        expired: false,
      });
      expect(
        status.fields.find(f => f.field === 'webhookSigningSecret'),
      ).toMatchObject({ set: false });

      // The plaintext is nowhere in the database, not even in the audit log.
      for (const table of [
        'credentials',
        'audit_log',
        'config_versions',
        'integration_configs',
      ]) {
        expect(JSON.stringify(await knex(table).select())).not.toContain(
          'CANARY',
        );
      }
      const [audit] = (await store.audit.list({ action: 'credentials_update' }))
        .items;
      expect(audit).toMatchObject({
        category: 'credentials',
        environment: 'production',
        details: {
          changedFields: ['secretKey'],
          set: ['secretKey'],
          cleared: [],
        },
      });
    },
  );

  it('clears a field with null and keeps the ones left out', async () => {
    const { service } = await createService('SQLITE_3');
    await service.update(
      'stripe',
      'staging',
      {
        credentials: {
          secretKey: CANARY,
          webhookSigningSecret: 'whsec_abcdefghijklmnop',
        },
      },
      ada,
    );

    const status = await service.update(
      'stripe',
      'staging',
      { credentials: { webhookSigningSecret: null } },
      ada,
    );

    expect(status.fields.map(f => [f.field, f.set])).toEqual([
      ['secretKey', true],
      ['webhookSigningSecret', false],
    ]);
  });

  it('refuses unknown fields and invalid values without echoing them, and stores nothing', async () => {
    const { store, service } = await createService('SQLITE_3');

    const attempt = service.update(
      'stripe',
      'production',
      {
        credentials: {
          secretKey: 'pk_live_CANARYpublishable',
          password: 'CANARY',
        },
      },
      ada,
    );

    await expect(attempt).rejects.toThrow(InputError);
    const message = await attempt.catch(e => e.message);
    expect(message).toContain(
      'body.credentials.password: Stripe has no credential field "password"',
    );
    expect(message).toContain(
      'body.credentials.secretKey: Secret key must start with sk_live_',
    );
    expect(message).not.toContain('CANARY');
    expect(await store.credentials.list('stripe', 'production')).toEqual([]);
    expect(
      (await store.audit.list({ action: 'credentials_update' })).totalCount,
    ).toBe(0);
  });

  it('refuses a field named like an Object method as any unknown field', async () => {
    const { store, service } = await createService('SQLITE_3');

    const attempt = service.update(
      'stripe',
      'production',
      {
        credentials: { valueOf: 'x', constructor: 'y' },
        expiresAt: { toString: '2027-01-01T00:00:00Z' },
      },
      ada,
    );

    await expect(attempt).rejects.toThrow(InputError);
    const error = await attempt.catch(e => e);
    expect(error.fields.map((field: { path: string }) => field.path)).toEqual([
      'body.credentials.valueOf',
      'body.credentials.constructor',
      'body.credentials.toString',
      'body.expiresAt.toString',
    ]);
    expect(await store.credentials.list('stripe', 'production')).toEqual([]);
  });

  it('reports an expired credential and refuses an expiry for an unset field', async () => {
    const { service } = await createService('SQLITE_3');
    await service.update(
      'stripe',
      'development',
      {
        credentials: { secretKey: CANARY },
        expiresAt: { secretKey: '2026-11-19T00:00:00Z' },
      },
      ada,
    );

    const status = await service.status('stripe', 'development');
    expect(status.fields[0]).toMatchObject({
      field: 'secretKey',
      expired: true,
    });
    await expect(
      service.update(
        'stripe',
        'development',
        { expiresAt: { webhookSigningSecret: '2027-01-01T00:00:00Z' } },
        ada,
      ),
    ).rejects.toThrow('webhookSigningSecret is not set, so it cannot expire');
  });

  it('refuses credentials for a deleted integration', async () => {
    const { store, service } = await createService('SQLITE_3');
    await createConfigurationServices(store).configurations.delete(
      'stripe',
      ada,
    );

    await expect(
      service.update(
        'stripe',
        'development',
        { credentials: { secretKey: CANARY } },
        ada,
      ),
    ).rejects.toThrow(ConflictError);
  });

  it('refuses to start with a key ring that lacks a key still in use', async () => {
    const { store, service } = await createService('SQLITE_3');
    await service.update(
      'stripe',
      'production',
      { credentials: { secretKey: CANARY } },
      ada,
    );
    await service.update(
      'stripe',
      'staging',
      { credentials: { secretKey: CANARY } },
      ada,
    );

    const otherRing = KeyRing.fromKeys(
      [{ id: 'k2', secret: `${keySecret}-2` }],
      'k2',
    );
    await expect(
      assertKeyRingCoversCredentials(otherRing, store.credentials),
    ).rejects.toThrow(
      'The encryption key ring lacks keys still in use: "k1" protects 2 credential field(s) or signing secret(s)',
    );
    const bothRing = KeyRing.fromKeys(
      [
        { id: 'k1', secret: keySecret },
        { id: 'k2', secret: `${keySecret}-2` },
      ],
      'k2',
    );
    await expect(
      assertKeyRingCoversCredentials(bothRing, store.credentials),
    ).resolves.toBeUndefined();
  });
});
