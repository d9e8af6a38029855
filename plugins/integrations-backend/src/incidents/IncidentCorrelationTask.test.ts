import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { Environment } from '@internal/plugin-integrations-common';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { auditRecord } from '../audit/auditRecords';
import { ErrorCaptureService } from '../errors/ErrorCaptureService';
import { DatabaseErrorEventStore } from '../errors/ErrorEventStore';
import { DatabaseErrorGroupStore } from '../errors/ErrorGroupStore';
import { ErrorTriageService } from '../errors/ErrorTriageService';
import { IncidentCorrelationTask } from './IncidentCorrelationTask';
import { IncidentService } from './IncidentService';
import { DatabaseIncidentStore } from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MINUTE = 60_000;
const START = Date.parse('2026-12-07T10:00:00Z');
const ada = { userRef: 'user:default/ada' };

/**
 * The plugin's stores on a fresh database, a clock the test moves, and the
 * pieces that turn failures into groups and groups into incidents.
 */
async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const stores = await createStores(knex);
  const database = mockServices.database({ knex, migrations: { skip: true } });
  const clock = { now: new Date(START) };
  const now = () => clock.now;
  const events = await DatabaseErrorEventStore.create({ database });
  const groups = await DatabaseErrorGroupStore.create({ database });
  const incidentStore = await DatabaseIncidentStore.create({ database });
  const logger = mockServices.logger.mock();
  const { configurations } = createConfigurationServices(stores, { now });
  /** What the incident's people were told, as `[incidentId, change]`. */
  const notified: Array<[string, string]> = [];
  const notifier = {
    notify: async (incident: { id: string }, change: string) => {
      notified.push([incident.id, change]);
    },
  };
  const capture = new ErrorCaptureService({
    events,
    groups,
    configs: stores.configs,
    logger,
    now,
  });
  const task = new IncidentCorrelationTask({
    store: incidentStore,
    configs: stores.configs,
    audit: stores.audit,
    settings: { windowMinutes: 10, changeLookbackMinutes: 30 },
    retentionDays: 30,
    notifier,
    logger,
    now,
  });
  const incidents = new IncidentService({
    store: incidentStore,
    groups,
    alerts: stores.alerts,
    audit: stores.audit,
    notifier,
    logger,
    now,
  });
  const everything = () =>
    stores.configs.listConfigs({}, { limit: 1000 }).then(({ items }) =>
      items.map(c => ({
        name: c.name,
        environment: c.environment,
        provider: c.provider,
        sensitive: false,
      })),
    );

  return {
    clock,
    notified,
    stores,
    task,
    incidents,
    incidentStore,
    triage: new ErrorTriageService({ groups, logger, now }),
    groups,
    /** Moves the clock to `minutes` after the start. */
    at(minutes: number) {
      clock.now = new Date(START + minutes * MINUTE);
    },
    async integration(
      name: string,
      template: string,
      settings: Record<string, unknown> = {},
    ) {
      await configurations.create(
        {
          template,
          name,
          owner: 'group:default/payments-team',
          environments: ['production'],
          settings,
        },
        ada,
      );
    },
    /** Changes the integration's timeout as Ada; it becomes version `version + 1`. */
    async changeConfiguration(name: string, version: number) {
      await configurations.update(
        name,
        'production',
        { version, connectionConfig: { timeout: 7000 + version } },
        { dryRun: false },
        ada,
      );
    },
    /** A failed call on the integration, happening now. */
    async fails(integration: string, code: string) {
      await capture.capture([
        {
          id: `${integration}-${code}-${clock.now.getTime()}`,
          integration,
          environment: 'production' as Environment,
          source: 'usage',
          errorType: 'server_error',
          httpStatus: 503,
          providerCode: code,
          endpoint: '/v1/charges',
          message: `${code} from ${integration}`,
          occurredAt: clock.now.toISOString(),
        },
      ]);
    },
    async list() {
      return incidents.list(await everything(), {});
    },
  };
}

describe.each(databases.eachSupportedId())(
  'IncidentCorrelationTask on %p',
  databaseId => {
    it('makes one incident of two integrations of one provider failing together', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      await t.integration('stripe-eu', 'stripe');
      await t.integration('github', 'github');
      t.at(60);
      await t.fails('stripe', 'overloaded');
      t.at(62);
      await t.fails('stripe-eu', 'overloaded');
      await t.fails('github', 'unavailable');

      await t.task.run();

      const { items, totalCount } = await t.list();
      expect(totalCount).toBe(1);
      expect(items[0]).toMatchObject({
        title: 'Stripe failing on stripe, stripe-eu',
        status: 'open',
        environment: 'production',
        integrations: ['stripe', 'stripe-eu'],
        startedAt: new Date(START + 60 * MINUTE).toISOString(),
        likelyCause: {
          kind: 'provider',
          provider: 'stripe',
          description: 'provider Stripe failing',
        },
      });
      expect(items[0].groupIds).toHaveLength(2);
    });

    it('names a dependency the failing integrations share', async () => {
      const t = await setUp(databaseId);
      await t.integration('statuspage', 'generic-http');
      await t.integration('github', 'github', {
        dependencies: ['statuspage'],
      });
      await t.integration('telegram', 'telegram', {
        dependencies: ['statuspage'],
      });
      t.at(60);
      await t.fails('github', 'unavailable');
      await t.fails('telegram', 'unavailable');

      await t.task.run();

      const { items } = await t.list();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        title: 'github, telegram failing: shared dependency statuspage',
        likelyCause: {
          kind: 'dependency',
          dependency: 'statuspage',
          description: 'shared dependency statuspage',
        },
      });
    });

    it('blames a configuration change minutes before a new group, pointing at the version before it', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      t.at(55);
      await t.changeConfiguration('stripe', 1);
      t.at(60);
      await t.fails('stripe', 'invalid_request');
      t.at(61);

      await t.task.run();

      const { items } = await t.list();
      expect(items).toHaveLength(1);
      const changedAt = new Date(START + 55 * MINUTE).toISOString();
      expect(items[0]).toMatchObject({
        title: 'stripe failing after configuration change v2 of stripe',
        integrations: ['stripe'],
        likelyCause: {
          kind: 'configuration_change',
          description: `configuration change v2 of stripe by user:default/ada at ${changedAt}`,
          integration: 'stripe',
          version: 2,
          rollbackToVersion: 1,
          changedBy: 'user:default/ada',
          changedAt,
        },
      });
      const detail = await t.incidents.detail(
        (await t.incidentStore.get(items[0].id))!,
      );
      expect(detail.timeline.map(entry => entry.kind)).toEqual([
        'configuration_change',
        'group_first_seen',
        'opened',
      ]);
      expect(detail.timeline[0]).toMatchObject({
        at: changedAt,
        description:
          'Configuration of stripe saved as v2 (connectionConfig.timeout)',
        actor: 'user:default/ada',
      });
      expect(detail.patterns).toEqual([
        expect.objectContaining({ integration: 'stripe', status: 'open' }),
      ]);
    });

    it('leaves a lone group alone when nothing changed before it', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      t.at(40);
      await t.changeConfiguration('stripe', 1);
      t.at(80);
      await t.fails('stripe', 'invalid_request');

      await t.task.run();

      expect((await t.list()).totalCount).toBe(0);
    });

    it('blames a credential change of the integration', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      const changedAt = new Date(START + 58 * MINUTE);
      await t.stores.audit.append([
        auditRecord({ userRef: 'user:default/bob' }, changedAt, {
          action: 'credentials_update',
          category: 'credentials',
          integration: 'stripe',
          environment: 'production',
          details: { changedFields: ['secretKey'] },
        }),
      ]);
      t.at(60);
      await t.fails('stripe', 'api_key_invalid');

      await t.task.run();

      const { items } = await t.list();
      expect(items[0]).toMatchObject({
        title: 'stripe failing after the credentials of stripe changed',
        likelyCause: {
          kind: 'credential_change',
          description: `credentials of stripe changed by user:default/bob at ${changedAt.toISOString()}`,
          changedBy: 'user:default/bob',
        },
      });
      expect(items[0].likelyCause.rollbackToVersion).toBeUndefined();
    });

    it('makes nothing twice when it runs again, and lets a later group of the cause join', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      await t.integration('stripe-eu', 'stripe');
      await t.integration('stripe-us', 'stripe');
      t.at(60);
      await t.fails('stripe', 'overloaded');
      await t.fails('stripe-eu', 'overloaded');
      await t.task.run();
      t.at(61);
      await t.task.run();
      await t.task.run();

      let { items } = await t.list();
      expect(items).toHaveLength(1);
      const before = await t.incidents.detail(
        (await t.incidentStore.get(items[0].id))!,
      );
      expect(before.timeline).toHaveLength(3);

      t.at(64);
      await t.fails('stripe-us', 'overloaded');
      await t.task.run();
      await t.task.run();

      ({ items } = await t.list());
      expect(items).toHaveLength(1);
      expect(items[0].integrations).toEqual([
        'stripe',
        'stripe-eu',
        'stripe-us',
      ]);
      const after = await t.incidents.detail(
        (await t.incidentStore.get(items[0].id))!,
      );
      expect(after.timeline).toHaveLength(4);
      expect(after.timeline[3]).toMatchObject({
        kind: 'group_first_seen',
        integration: 'stripe-us',
      });
      // Told once when it opened and once when a group joined, not per run.
      expect(t.notified).toEqual([
        [items[0].id, 'opened'],
        [items[0].id, 'changed'],
      ]);
    });

    it('resolves an incident once all its groups are resolved', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      await t.integration('stripe-eu', 'stripe');
      t.at(60);
      await t.fails('stripe', 'overloaded');
      await t.fails('stripe-eu', 'overloaded');
      await t.task.run();
      const [incident] = (await t.list()).items;
      const [first, second] = await t.groups.getMany(incident.groupIds);
      const fixed = {
        resolution: 'resolved' as const,
        text: 'Stripe recovered',
        preventionMeasures: [],
      };

      t.at(70);
      await t.triage.resolve(first, fixed, 'user:default/ada');
      await t.task.run();
      expect((await t.list()).items[0].status).toBe('open');

      await t.triage.resolve(second, fixed, 'user:default/ada');
      await t.task.run();

      const [resolved] = (await t.list()).items;
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolvedBy: 'integrations-backend',
        resolvedAt: new Date(START + 70 * MINUTE).toISOString(),
      });
      const detail = await t.incidents.detail(
        (await t.incidentStore.get(resolved.id))!,
      );
      expect(detail.timeline[detail.timeline.length - 1]).toMatchObject({
        kind: 'resolved',
        description: 'Resolved: all its error groups were resolved',
      });
      expect(t.notified).toEqual([
        [resolved.id, 'opened'],
        [resolved.id, 'resolved'],
      ]);
    });

    it('tells the incident’s people when someone resolves it by hand', async () => {
      const t = await setUp(databaseId);
      await t.integration('stripe', 'stripe');
      await t.integration('stripe-eu', 'stripe');
      t.at(60);
      await t.fails('stripe', 'overloaded');
      await t.fails('stripe-eu', 'overloaded');
      await t.task.run();
      const [incident] = (await t.list()).items;

      await t.incidents.resolve(
        (await t.incidentStore.get(incident.id))!,
        'Stripe confirmed the outage is over',
        ada,
      );

      expect(t.notified).toEqual([
        [incident.id, 'opened'],
        [incident.id, 'resolved'],
      ]);
    });
  },
);
