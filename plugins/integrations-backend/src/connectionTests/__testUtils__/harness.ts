import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  Environment,
  IntegrationConfig,
  TestRunResult,
  TestSuite,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { TestStores, createStores } from '../../__testUtils__/createStores';
import { SafeHttpClient, SafeHttpClientOptions } from '../../network';
import { CredentialService } from '../../credentials/CredentialService';
import { DemoDataSeeder } from '../../demo/DemoDataSeeder';
import { HealthService } from '../../health/HealthService';
import { ErrorCaptureService } from '../../errors/ErrorCaptureService';
import { DatabaseErrorEventStore } from '../../errors/ErrorEventStore';
import { DatabaseErrorGroupStore } from '../../errors/ErrorGroupStore';
import { OAuthTokenService } from '../../oauth/OAuthTokenService';
import { WebhookOutbox } from '../../webhooks/WebhookOutbox';
import { CredentialVault } from '../../credentials/CredentialVault';
import { KeyRing } from '../../credentials/KeyRing';
import { ConnectionTestService } from '../ConnectionTestService';
import { ProbeRunner } from '../ProbeRunner';
import { RateLimitRecorder } from '../../rateLimits/RateLimitRecorder';

export { dumpAllTables } from '../../__testUtils__/dumpAllTables';

/** Loopback only: where the simulator listens. */
export const ALLOWED_CIDRS = ['127.0.0.0/8'];

export const ADMIN = { userRef: 'user:default/ada.admin' };

export const TESTER = 'user:default/tess.tester';

/** Everything a connection test goes through, on SQLite, seeded with the demo data. */
export interface Harness {
  knex: Knex;
  store: TestStores;
  outbox: WebhookOutbox;
  vault: CredentialVault;
  credentials: CredentialService;
  http: SafeHttpClient;
  tokens: OAuthTokenService;
  health: HealthService;
  tester: ConnectionTestService;
  /** Where the probes' rate-limit readings go; `idle()` waits for them. */
  rateLimits: RateLimitRecorder;
  signals: { publish: jest.Mock };
  logger: ReturnType<typeof mockServices.logger.mock>;
  /** Another tester on the same store, calling out through a differently set up client. */
  testerWith(options: SafeHttpClientOptions): ConnectionTestService;
  config(name: string, environment?: Environment): Promise<IntegrationConfig>;
  quick(
    name: string,
    options?: { environment?: Environment; suite?: TestSuite },
  ): Promise<TestRunResult>;
}

/**
 * Builds the real services on a fresh SQLite database. With a simulator the
 * demo integrations are seeded pointing at it.
 */
export async function createHarness(options: {
  databases: TestDatabases;
  /** SQLite unless named. */
  databaseId?: TestDatabaseId;
  simulator?: { url: string; httpsUrl?: string };
  http?: SafeHttpClientOptions;
}): Promise<Harness> {
  const knex = await options.databases.init(options.databaseId ?? 'SQLITE_3');
  const logger = mockServices.logger.mock();
  // Changes become webhook events as in the plugin, so what they carry is checked too.
  const outbox = new WebhookOutbox();
  const store = await createStores(knex, { outbox });
  const vault = new CredentialVault(
    KeyRing.fromKeys(
      [{ id: 'test', secret: 'connection-test-key-0123456789-abcdefghij' }],
      'test',
    ),
  );
  const credentials = new CredentialService({
    configs: store.configs,
    credentials: store.credentials,
    vault,
  });
  const signals = { publish: jest.fn(async () => {}) };
  const database = mockServices.database({ knex, migrations: { skip: false } });
  // Failed checks and tests become error events, as in the plugin.
  const errorCapture = new ErrorCaptureService({
    events: await DatabaseErrorEventStore.create({ database, outbox }),
    groups: await DatabaseErrorGroupStore.create({ database, outbox }),
    configs: store.configs,
    logger,
  });
  const health = new HealthService({
    ...store.healthServiceStores,
    onRecorded: checks => errorCapture.captureRuns(checks),
    signals,
    logger,
  });

  const rateLimits = new RateLimitRecorder({ store: store.rateLimits });

  const build = (httpOptions: SafeHttpClientOptions) => {
    const http = new SafeHttpClient({
      allowedCidrs: ALLOWED_CIDRS,
      ...httpOptions,
    });
    const tokens = new OAuthTokenService({
      http,
      credentials,
      leases: store.tokenLeases,
    });
    const tester = new ConnectionTestService({
      configs: store.configs,
      credentials,
      runner: new ProbeRunner({ http, tokens, rateLimits }),
      health,
      logger,
    });
    return { http, tokens, tester };
  };
  const { http, tokens, tester } = build(options.http ?? {});

  if (options.simulator) {
    await new DemoDataSeeder({
      configs: store.configs,
      credentials: store.credentials,
      vault,
      logger,
      simulator: options.simulator,
    }).seedIfEmpty();
  }

  const config = async (
    name: string,
    environment: Environment = 'development',
  ) => {
    const [found] = await store.configs.getConfigs(name, environment);
    if (!found) {
      throw new Error(`No ${environment} configuration of ${name}`);
    }
    return found;
  };

  return {
    knex,
    store,
    outbox,
    vault,
    credentials,
    http,
    tokens,
    health,
    tester,
    rateLimits,
    signals,
    logger,
    testerWith: httpOptions => build(httpOptions).tester,
    config,
    quick: (name, quickOptions = {}) =>
      tester.test(name, quickOptions.environment ?? 'development', {
        suite: quickOptions.suite ?? 'quick',
        trigger: 'manual',
        actor: TESTER,
      }),
  };
}

/** A copy of the configuration with another base URL or timeout, as an admin would save it. */
export function withConnection(
  config: IntegrationConfig,
  connection: Partial<IntegrationConfig['connectionConfig']>,
): IntegrationConfig {
  return {
    ...config,
    connectionConfig: { ...config.connectionConfig, ...connection },
  };
}

/** The step ids of a run with their status, in order. */
export function stepStatuses(run: TestRunResult): Record<string, string> {
  return Object.fromEntries(run.steps.map(step => [step.id, step.status]));
}
