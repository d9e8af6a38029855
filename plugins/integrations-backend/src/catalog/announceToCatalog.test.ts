import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { EventParams } from '@backstage/plugin-events-node';
import {
  INTEGRATION_CONFIGURATION_TOPIC,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { DatabaseAuditStore } from '../audit/AuditStore';
import { DatabaseConfigStore } from '../configuration/ConfigStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { announceToCatalog } from './announceToCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const at = new Date('2026-12-14T09:00:00.000Z');
const ada = 'user:default/ada.admin';
const owner = 'group:default/payments-team';
const stripe = getProvider('stripe')!;

async function storeAnnouncingTo(
  databaseId: TestDatabaseId,
  publish: jest.Mock,
) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  await applyDatabaseMigrations(database);
  const logger = mockServices.logger.mock();
  const configs = await DatabaseConfigStore.create({
    database,
    audit: await DatabaseAuditStore.create({ database }),
    onApplied: announceToCatalog({
      events: mockServices.events.mock({ publish }),
      logger,
    }),
  });
  return { configs, logger };
}

function created(name: string) {
  return {
    kind: 'create' as const,
    integration: { name, provider: stripe.id, category: stripe.category },
    configs: [
      {
        environment: 'production' as const,
        settings: defaultSettingsFor(stripe, 'production', { owner }),
      },
    ],
  };
}

describe.each(databases.eachSupportedId())(
  'announcing configuration changes to the catalog on %s',
  databaseId => {
    it('announces each integration a committed change touched, once', async () => {
      const publish = jest.fn(async (_event: EventParams) => {});
      const { configs } = await storeAnnouncingTo(databaseId, publish);

      await configs.apply([created('stripe'), created('stripe-eu')], {
        actor: ada,
        at,
        audit: [],
      });
      await configs.apply(
        [
          { kind: 'delete', name: 'stripe-eu' },
          { kind: 'restore', name: 'stripe-eu' },
        ],
        { actor: ada, at, audit: [] },
      );

      expect(publish.mock.calls.map(([event]) => event)).toEqual([
        {
          topic: INTEGRATION_CONFIGURATION_TOPIC,
          eventPayload: { integration: 'stripe' },
        },
        {
          topic: INTEGRATION_CONFIGURATION_TOPIC,
          eventPayload: { integration: 'stripe-eu' },
        },
        {
          topic: INTEGRATION_CONFIGURATION_TOPIC,
          eventPayload: { integration: 'stripe-eu' },
        },
      ]);
    });

    it('announces nothing when the transaction rolls back', async () => {
      const publish = jest.fn(async () => {});
      const { configs } = await storeAnnouncingTo(databaseId, publish);
      await configs.apply([created('stripe')], { actor: ada, at, audit: [] });
      publish.mockClear();

      const stale = configs.apply(
        [
          {
            kind: 'save',
            name: 'stripe',
            environment: 'production',
            expectedVersion: 7,
            settings: defaultSettingsFor(stripe, 'production', { owner }),
            changeType: 'update',
            changedFields: [],
          },
        ],
        { actor: ada, at, audit: [] },
      );

      await expect(stale).rejects.toThrow(ConflictError);
      expect(publish).not.toHaveBeenCalled();
    });

    it('keeps a committed change when the events service fails, and says so', async () => {
      const publish = jest.fn(async () => {
        throw new Error('events backend unavailable');
      });
      const { configs, logger } = await storeAnnouncingTo(databaseId, publish);

      await configs.apply([created('stripe')], { actor: ada, at, audit: [] });

      expect(await configs.getConfigs('stripe')).toHaveLength(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Could not announce the change to stripe'),
        expect.any(Error),
      );
    });
  },
);
