import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Actor } from '../audit/actor';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { CredentialService } from './CredentialService';
import { assertKeyRingCoversCredentials } from './assertKeyRingCoversCredentials';
import { CredentialVault } from './CredentialVault';
import { KeyRing } from './KeyRing';
import { KeyRotationService } from './KeyRotationService';

jest.setTimeout(60_000);

const ada: Actor = { userRef: 'user:default/ada.admin' };
const oldKey = {
  id: 'key-2025',
  secret: 'old-rotation-test-key-0123456789abcdefgh',
};
const newKey = {
  id: 'key-2026',
  secret: 'new-rotation-test-key-0123456789abcdefgh',
};
const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 10 } };
const integrations = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const environments = ['development', 'staging', 'production'] as const;

function token(n: number) {
  return `ghp_${String(n).padStart(36, '0')}`;
}

describe('KeyRotationService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await createStores(knex);
    const { configurations } = createConfigurationServices(store);
    const oldVault = new CredentialVault(KeyRing.fromKeys([oldKey], oldKey.id));
    const before = new CredentialService({
      configs: store.configs,
      credentials: store.credentials,
      vault: oldVault,
    });
    let n = 0;
    for (const name of integrations) {
      await configurations.create(
        { template: 'github', name, owner: 'group:default/platform-team' },
        ada,
      );
      for (const environment of environments) {
        await before.update(
          name,
          environment,
          { credentials: { token: token(n++) } },
          ada,
        );
      }
    }
    // The operator adds a key and makes it primary; the old one stays until rotated.
    const ring = KeyRing.fromKeys([oldKey, newKey], newKey.id);
    const vault = new CredentialVault(ring);
    const rotation = new KeyRotationService({
      credentials: store.credentials,
      keyRotations: store.keyRotations,
      vault,
      keyRing: ring,
      schedule,
      batchSize: 4,
    });
    const credentials = new CredentialService({
      configs: store.configs,
      credentials: store.credentials,
      vault,
    });
    return { store, rotation, credentials, vault };
  }

  it.each(databases.eachSupportedId())(
    're-wraps everything online while reads and writes go on, losing nothing (%s)',
    async databaseId => {
      const { store, rotation, credentials, vault } = await setUp(databaseId);
      expect((await rotation.status()).keys).toEqual([
        { id: 'key-2025', primary: false, protects: 15 },
        { id: 'key-2026', primary: true, protects: 0 },
      ]);

      const expected = new Map<string, string>();
      integrations.forEach((name, i) =>
        environments.forEach((environment, j) =>
          expected.set(`${name}:${environment}`, token(i * 3 + j)),
        ),
      );
      // Writers replace some values while the rotation runs; readers open others.
      const writes = integrations.slice(0, 3).map(async (name, i) => {
        const value = token(1000 + i);
        await credentials.update(
          name,
          'staging',
          { credentials: { token: value } },
          ada,
        );
        expected.set(`${name}:staging`, value);
      });
      const reads = integrations.map(async name => {
        const [stored] = await store.credentials.list(name, 'production');
        return vault.open(stored, {
          integration: name,
          environment: 'production',
          field: 'token',
        });
      });
      const [result] = await Promise.all([
        rotation.rotate('user:default/ada.admin'),
        ...writes,
      ]);
      expect((await Promise.all(reads)).every(v => v.startsWith('ghp_'))).toBe(
        true,
      );
      expect(result.remaining).toBe(0);

      const status = await rotation.status();
      expect(status.keys).toEqual([
        { id: 'key-2025', primary: false, protects: 0 },
        { id: 'key-2026', primary: true, protects: 15 },
      ]);
      expect(status.lastRotation).toMatchObject({
        primaryKeyId: 'key-2026',
        trigger: 'user:default/ada.admin',
        remaining: 0,
      });

      // The old key can now be removed: a ring without it opens every value.
      const newOnly = KeyRing.fromKeys([newKey], newKey.id);
      await expect(
        assertKeyRingCoversCredentials(newOnly, store.credentials),
      ).resolves.toBeUndefined();
      const newOnlyVault = new CredentialVault(newOnly);
      for (const name of integrations) {
        for (const environment of environments) {
          const [stored] = await store.credentials.list(name, environment);
          expect(
            newOnlyVault.open(stored, {
              integration: name,
              environment,
              field: 'token',
            }),
          ).toBe(expected.get(`${name}:${environment}`));
        }
      }
    },
  );

  it('is idempotent and resumes where a run stopped', async () => {
    const { store, rotation } = await setUp('SQLITE_3');
    const [first] = await store.credentials.list('alpha', 'development');
    // A run that stopped after one field: the next run does the rest, once.
    const ring = KeyRing.fromKeys([oldKey, newKey], newKey.id);
    await store.credentials.replaceWrappedKey(
      first,
      new CredentialVault(ring).rewrap(first, {
        integration: 'alpha',
        environment: 'development',
        field: 'token',
      }),
    );

    expect(await rotation.rotate('schedule')).toEqual({
      primaryKeyId: 'key-2026',
      rewrapped: 14,
      remaining: 0,
    });
    expect(await rotation.rotate('schedule')).toEqual({
      primaryKeyId: 'key-2026',
      rewrapped: 0,
      remaining: 0,
    });
  });
});
