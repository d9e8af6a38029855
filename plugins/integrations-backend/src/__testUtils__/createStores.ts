import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseAlertStore } from '../alerts/AlertStore';
import { DatabaseAuditStore } from '../audit/AuditStore';
import { DatabaseConfigStore } from '../configuration/ConfigStore';
import { ConfigurationHistoryService } from '../configuration/ConfigurationHistoryService';
import { ConfigurationService } from '../configuration/ConfigurationService';
import { ConfigurationWriter } from '../configuration/ConfigurationWriter';
import { DatabaseCredentialStore } from '../credentials/CredentialStore';
import { DatabaseKeyRotationStore } from '../credentials/KeyRotationStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseHealthStore } from '../health/HealthStore';
import { DatabaseHealthCheckClaimStore } from '../health/HealthCheckClaimStore';
import { DatabaseTokenRefreshLeaseStore } from '../oauth/TokenRefreshLeaseStore';
import { DatabaseRateLimitStore } from '../rateLimits/RateLimitStore';
import { DatabaseUsageRollupStore } from '../usage/UsageRollupStore';
import { EventOutbox } from '../outbox/EventOutbox';

/** Every store of the plugin on a migrated test database, as plugin.ts builds them. */
export async function createStores(
  knex: Knex,
  options: {
    /** Where configuration, health and alert changes are announced as webhook events. */
    outbox?: EventOutbox;
  } = {},
) {
  const { outbox } = options;
  const database = mockServices.database({ knex, migrations: { skip: false } });
  await applyDatabaseMigrations(database);
  const audit = await DatabaseAuditStore.create({ database });
  const stores = {
    audit,
    configs: await DatabaseConfigStore.create({ database, audit, outbox }),
    credentials: await DatabaseCredentialStore.create({ database, audit }),
    keyRotations: await DatabaseKeyRotationStore.create({ database }),
    alerts: await DatabaseAlertStore.create({ database, outbox }),
    health: await DatabaseHealthStore.create({ database, audit, outbox }),
    healthClaims: await DatabaseHealthCheckClaimStore.create({ database }),
    tokenLeases: await DatabaseTokenRefreshLeaseStore.create({ database }),
    rateLimits: await DatabaseRateLimitStore.create({ database }),
    usageRollups: await DatabaseUsageRollupStore.create({ database }),
  };
  return {
    ...stores,
    /** What the health service is given. */
    healthServiceStores: {
      healthStore: stores.health,
      configs: stores.configs,
      audit: stores.audit,
      alerts: stores.alerts,
      credentials: stores.credentials,
      usageRollups: stores.usageRollups,
    },
  };
}

export type TestStores = Awaited<ReturnType<typeof createStores>>;

/** The configuration services over the test stores. */
export function createConfigurationServices(
  stores: TestStores,
  options: { now?: () => Date } = {},
) {
  const writer = new ConfigurationWriter({
    configs: stores.configs,
    credentials: stores.credentials,
    now: options.now,
  });
  return {
    configurations: new ConfigurationService({
      configs: stores.configs,
      writer,
    }),
    history: new ConfigurationHistoryService({
      configs: stores.configs,
      writer,
    }),
  };
}
