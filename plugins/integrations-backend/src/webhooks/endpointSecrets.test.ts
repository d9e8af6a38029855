import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_WEBHOOK_DELIVERY_SETTINGS } from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { assertKeyRingCoversCredentials } from '../credentials/assertKeyRingCoversCredentials';
import { CredentialVault } from '../credentials/CredentialVault';
import { KeyRing } from '../credentials/KeyRing';
import { KeyRotationService } from '../credentials/KeyRotationService';
import {
  sealSecret,
  signingSecrets,
  webhookSecretSource,
} from './endpointSecrets';
import { newSigningSecret } from './signing';
import { DatabaseWebhookEndpointStore } from './WebhookEndpointStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const oldKey = {
  id: 'k1',
  secret: 'webhook-rotation-old-key-0123456789abcdef',
};
const newKey = {
  id: 'k2',
  secret: 'webhook-rotation-new-key-0123456789abcdef',
};
const ENDPOINT_ID = '7d3f9a2e-1b4c-4e8f-9a6d-2c5b8e1f4a7d';

describe.each(databases.eachSupportedId())(
  'webhook signing secrets on %p',
  databaseId => {
    it('are re-wrapped by key rotation, old and new secret alike, and counted by the key ring check', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createStores(knex);
      const endpoints = new DatabaseWebhookEndpointStore(knex);
      const oldVault = new CredentialVault(
        KeyRing.fromKeys([oldKey], oldKey.id),
      );
      const [first, second] = [newSigningSecret(), newSigningSecret()];
      const subject = { id: ENDPOINT_ID, integration: 'stripe' };
      await endpoints.create(
        {
          ...subject,
          name: 'Partner',
          url: 'https://partner.example/hooks',
          events: ['alert.raised'],
          environments: ['production'],
          status: 'active',
          deliverySettings: DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
          secret: sealSecret(oldVault, subject, 1, first),
          createdBy: 'user:default/ada',
        },
        new Date(),
      );
      await endpoints.rotateSecret(
        ENDPOINT_ID,
        {
          secret: sealSecret(oldVault, subject, 2, second),
          previousSecret: sealSecret(oldVault, subject, 1, first),
          previousExpiresAt: new Date(Date.now() + 3_600_000),
          generation: 2,
        },
        new Date(),
      );
      const source = webhookSecretSource(knex);

      // A ring without the key that sealed them would leave them unreadable.
      await expect(
        assertKeyRingCoversCredentials(
          KeyRing.fromKeys([newKey], newKey.id),
          stores.credentials,
          [source],
        ),
      ).rejects.toThrow(
        '"k1" protects 2 credential field(s) or signing secret(s)',
      );

      const ring = KeyRing.fromKeys([oldKey, newKey], newKey.id);
      const rotation = new KeyRotationService({
        credentials: stores.credentials,
        keyRotations: stores.keyRotations,
        vault: new CredentialVault(ring),
        keyRing: ring,
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
        otherSecrets: [source],
      });
      expect((await rotation.status()).pending).toBe(2);
      expect(await rotation.rotate('test')).toMatchObject({
        rewrapped: 2,
        remaining: 0,
      });

      // The old key can go now: the secrets open with the new one alone.
      const newOnly = new CredentialVault(
        KeyRing.fromKeys([newKey], newKey.id),
      );
      expect(
        signingSecrets(
          newOnly,
          (await endpoints.get(ENDPOINT_ID))!,
          new Date(),
        ),
      ).toEqual([second, first]);
    });
  },
);
