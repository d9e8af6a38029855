import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Environment } from '@internal/plugin-integrations-common';
import { createAlerting } from '../__testUtils__/alerting';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { HealthState } from '../health/HealthStore';
import { AlertPolicy } from './alertPolicy';
import { AlertReport } from './AlertService';
import { AlertCondition } from './AlertStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ada = { userRef: 'user:default/ada.admin' };
const WEBHOOK = 'https://hooks.acme.example/services/T0K3N-in-the-path';

const policy: AlertPolicy = {
  resolveAfterChecks: 3,
  escalation: { ackTimeoutMinutes: 30, repeatMinutes: 60, maxRepeats: 2 },
};

function errorRate(integration: string): AlertCondition {
  return {
    integration,
    environment: 'production',
    type: 'error_rate',
    severity: 'warning',
    title: `Error rate of ${integration} (production) is 40 %`,
    message: '40 of 100 calls failed in the last 15 minutes.',
    value: '40 %',
    dedupeKey: `error_rate:${integration}:production`,
  };
}

/**
 * Stripe, and Stripe Connect which depends on it, both owned by the
 * payments team, with a webhook and a chat channel besides; a clock the test
 * moves; dependencies' health the test decides.
 */
async function setUp(databaseId: TestDatabaseId) {
  const stores = await createStores(await databases.init(databaseId));
  const { configurations } = createConfigurationServices(stores);
  const monitoringConfig = {
    notificationChannels: [
      'group:default/payments-team',
      WEBHOOK,
      '#payments-oncall',
    ],
  };
  await configurations.create(
    {
      template: 'stripe',
      name: 'stripe',
      owner: 'group:default/payments-team',
      settings: { monitoringConfig },
    },
    ada,
  );
  await configurations.create(
    {
      template: 'stripe',
      name: 'stripe-connect',
      owner: 'group:default/payments-team',
      settings: { dependencies: ['stripe'], monitoringConfig },
    },
    ada,
  );
  const start = Date.parse('2026-12-07T10:00:00Z');
  let minutes = 0;
  const unhealthy = new Set<string>();
  const alerting = createAlerting(stores, {
    now: () => new Date(start + minutes * 60_000),
    policy,
    health: {
      listStates: async (environment?: Environment) =>
        [...unhealthy].map(
          integration =>
            ({ integration, environment, status: 'unhealthy' } as HealthState),
        ),
    },
  });
  /** One evaluation of the error-rate rule at minute `at`, with what fires. */
  const evaluate = async (at: number, firing: AlertCondition[]) => {
    minutes = at;
    const report: AlertReport = { types: ['error_rate', 'health'], firing };
    return alerting.service.report(report);
  };
  const notificationsOf = (alertId: string) =>
    alerting.notifications.filter(n => n.payload.metadata?.alertId === alertId);
  return { stores, alerting, unhealthy, evaluate, notificationsOf };
}

describe('AlertService', () => {
  it.each(databases.eachSupportedId())(
    'reminds after the ack timeout, then every repeat, at most maxRepeats times (%s)',
    async databaseId => {
      const { stores, evaluate, notificationsOf } = await setUp(databaseId);

      const {
        raised: [alert],
      } = await evaluate(0, [errorRate('stripe')]);
      await evaluate(29, [errorRate('stripe')]);
      expect(notificationsOf(alert.id)).toHaveLength(1);

      await evaluate(30, [errorRate('stripe')]);
      await evaluate(89, [errorRate('stripe')]);
      await evaluate(90, [errorRate('stripe')]);
      await evaluate(400, [errorRate('stripe')]);

      expect(
        notificationsOf(alert.id).map(n => [
          n.payload.title,
          n.payload.metadata?.escalationLevel,
        ]),
      ).toEqual([
        ['Error rate of stripe (production) is 40 %', 0],
        ['Not acknowledged: Error rate of stripe (production) is 40 %', 1],
        ['Not acknowledged: Error rate of stripe (production) is 40 %', 2],
      ]);
      expect(await stores.alerts.listNotifications(alert.id)).toEqual([
        expect.objectContaining({ kind: 'raised', escalationLevel: 0 }),
        expect.objectContaining({
          kind: 'reminder',
          escalationLevel: 1,
          sentAt: '2026-12-07T10:30:00.000Z',
        }),
        expect.objectContaining({
          kind: 'reminder',
          escalationLevel: 2,
          sentAt: '2026-12-07T11:30:00.000Z',
        }),
      ]);
      expect(await stores.alerts.get(alert.id)).toMatchObject({
        escalationLevel: 2,
        notifyCount: 3,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'stops reminding once acknowledged, and records who acknowledged (%s)',
    async databaseId => {
      const { stores, alerting, evaluate, notificationsOf } = await setUp(
        databaseId,
      );
      const {
        raised: [alert],
      } = await evaluate(0, [errorRate('stripe')]);
      await evaluate(10, [errorRate('stripe')]);

      const acknowledged = await alerting.service.acknowledge(alert.id, ada);
      await evaluate(31, [errorRate('stripe')]);
      await evaluate(200, [errorRate('stripe')]);

      expect(acknowledged).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: 'user:default/ada.admin',
        acknowledgedAt: '2026-12-07T10:10:00.000Z',
      });
      expect(notificationsOf(alert.id)).toHaveLength(1);
      const audit = await stores.audit.list({ action: 'alert_acknowledge' });
      expect(audit.items).toEqual([
        expect.objectContaining({
          userId: 'user:default/ada.admin',
          integration: 'stripe',
          environment: 'production',
          category: 'operations',
          outcome: 'success',
          details: expect.objectContaining({
            alertId: alert.id,
            changedFields: ['status'],
          }),
        }),
      ]);
      expect(alerting.signals).toContainEqual({
        alertId: alert.id,
        integration: 'stripe',
        environment: 'production',
        status: 'acknowledged',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'holds an alert back while its dependency is unhealthy, and notifies it on release (%s)',
    async databaseId => {
      const { stores, unhealthy, evaluate, notificationsOf } = await setUp(
        databaseId,
      );
      unhealthy.add('stripe');

      const {
        raised: [alert],
      } = await evaluate(0, [errorRate('stripe-connect')]);
      await evaluate(60, [errorRate('stripe-connect')]);
      expect(await stores.alerts.get(alert.id)).toMatchObject({
        status: 'open',
        suppressedBy: 'stripe',
        notified: false,
      });
      expect(notificationsOf(alert.id)).toEqual([]);

      unhealthy.delete('stripe');
      await evaluate(61, [errorRate('stripe-connect')]);

      const released = await stores.alerts.get(alert.id);
      expect(released?.suppressedBy).toBeUndefined();
      expect(notificationsOf(alert.id).map(n => n.payload.title)).toEqual([
        'Error rate of stripe-connect (production) is 40 %',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'holds an alert back while its dependency has a critical alert (%s)',
    async databaseId => {
      const { stores, evaluate, notificationsOf } = await setUp(databaseId);
      const stripeDown: AlertCondition = {
        ...errorRate('stripe'),
        type: 'health',
        severity: 'critical',
        title: 'Stripe (production) is unhealthy',
        dedupeKey: 'health:stripe:production',
      };

      const { raised } = await evaluate(0, [
        stripeDown,
        errorRate('stripe-connect'),
      ]);
      const connect = raised.find(a => a.integration === 'stripe-connect')!;

      expect((await stores.alerts.get(connect.id))?.suppressedBy).toBe(
        'stripe',
      );
      expect(notificationsOf(connect.id)).toEqual([]);
      expect(
        notificationsOf(raised.find(a => a.integration === 'stripe')!.id),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells everyone who heard of an alert that it resolved, suppressed or not, and nobody else (%s)',
    async databaseId => {
      const { stores, unhealthy, evaluate, notificationsOf } = await setUp(
        databaseId,
      );
      // Notified, then held back when Stripe fails.
      const {
        raised: [heard],
      } = await evaluate(0, [errorRate('stripe-connect')]);
      unhealthy.add('stripe');
      await evaluate(1, [errorRate('stripe-connect')]);
      expect((await stores.alerts.get(heard.id))?.suppressedBy).toBe('stripe');

      // Clear for two evaluations: not resolved yet.
      await evaluate(2, []);
      await evaluate(3, []);
      expect((await stores.alerts.get(heard.id))?.status).toBe('open');
      const { resolved } = await evaluate(4, []);

      expect(resolved.map(a => a.id)).toEqual([heard.id]);
      expect(notificationsOf(heard.id).map(n => n.payload.title)).toEqual([
        'Error rate of stripe-connect (production) is 40 %',
        'Resolved: Error rate of stripe-connect (production) is 40 %',
      ]);

      // Raised while Stripe fails and resolved before it recovers: never heard of.
      const {
        raised: [unheard],
      } = await evaluate(10, [errorRate('stripe-connect')]);
      expect(unheard.id).not.toBe(heard.id);
      for (const minute of [11, 12, 13]) {
        await evaluate(minute, []);
      }
      expect((await stores.alerts.get(unheard.id))?.status).toBe('resolved');
      expect(notificationsOf(unheard.id)).toEqual([]);
      expect(await stores.alerts.listNotifications(unheard.id)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one notification per alert, updated in place from raise to reminder to resolution (%s)',
    async databaseId => {
      const { alerting, evaluate, notificationsOf } = await setUp(databaseId);
      const {
        raised: [alert],
      } = await evaluate(0, [errorRate('stripe')]);
      await evaluate(30, [errorRate('stripe')]);
      for (const minute of [31, 32, 33]) {
        await evaluate(minute, []);
      }
      const {
        raised: [returned],
      } = await evaluate(40, [errorRate('stripe')]);

      const sent = notificationsOf(alert.id);
      expect(sent.map(n => n.payload.title)).toEqual([
        'Error rate of stripe (production) is 40 %',
        'Not acknowledged: Error rate of stripe (production) is 40 %',
        'Resolved: Error rate of stripe (production) is 40 %',
      ]);
      // The same scope each time: the notifications backend updates the one
      // notification each member has instead of adding another.
      expect(new Set(sent.map(n => n.payload.scope))).toEqual(
        new Set([`integrations-alert:${alert.id}`]),
      );
      expect(sent.map(n => n.payload.severity)).toEqual([
        'high',
        'high',
        'normal',
      ]);
      for (const notification of sent) {
        expect(notification.recipients).toEqual({
          type: 'entity',
          entityRef: ['group:default/payments-team'],
        });
        expect(notification.payload.topic).toBe('integration:stripe');
      }
      // The condition returning is a new incident with a notification of its own.
      expect(notificationsOf(returned.id).map(n => n.payload.scope)).toEqual([
        `integrations-alert:${returned.id}`,
      ]);
      expect(alerting.notifications).toHaveLength(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'posts each notification to the webhook channels only, with the alert and nothing more (%s)',
    async databaseId => {
      const { alerting, evaluate } = await setUp(databaseId);
      const {
        raised: [alert],
      } = await evaluate(0, [errorRate('stripe')]);

      expect(alerting.webhookCalls.map(call => call.url)).toEqual([WEBHOOK]);
      const [call] = alerting.webhookCalls;
      expect(call.method).toBe('POST');
      expect(JSON.parse(String(call.body))).toEqual({
        event: 'raised',
        alertId: alert.id,
        integration: 'stripe',
        environment: 'production',
        type: 'error_rate',
        severity: 'warning',
        status: 'open',
        title: 'Error rate of stripe (production) is 40 %',
        message: '40 of 100 calls failed in the last 15 minutes.',
        value: '40 %',
        escalationLevel: 0,
        raisedAt: '2026-12-07T10:00:00.000Z',
        link: 'https://portal.acme.example/integrations/dashboard?environment=production',
      });
    },
  );
});
