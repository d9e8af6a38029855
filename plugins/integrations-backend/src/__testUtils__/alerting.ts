import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AlertSignal } from '@internal/plugin-integrations-common';
import { AlertNotifier } from '../alerts/AlertNotifier';
import { AlertPolicy, DEFAULT_ALERT_POLICY } from '../alerts/alertPolicy';
import { AlertService } from '../alerts/AlertService';
import { HealthStore } from '../health/HealthStore';
import { SafeHttpRequest, SafeHttpResponse } from '../network';
import { TestStores } from './createStores';

/**
 * The alert service over the test stores with its real notifier, whose
 * channels (Backstage Notifications, webhooks, Signals) record what they
 * were given.
 */
export function createAlerting(
  stores: TestStores,
  options: {
    now?: () => Date;
    policy?: AlertPolicy;
    /** Which integrations are unhealthy; the stored health states by default. */
    health?: Pick<HealthStore, 'listStates'>;
  } = {},
) {
  const notifications: NotificationSendOptions[] = [];
  const webhookCalls: SafeHttpRequest[] = [];
  const signals: AlertSignal[] = [];
  const notifier = new AlertNotifier({
    notifications: {
      send: async notification => {
        notifications.push(notification);
      },
    },
    http: {
      request: async request => {
        webhookCalls.push(request);
        return { status: 204 } as SafeHttpResponse;
      },
    },
    signals: {
      publish: async (signal: { message: AlertSignal }) => {
        signals.push(signal.message);
      },
    } as unknown as SignalsService,
    logger: mockServices.logger.mock(),
    appBaseUrl: 'https://portal.acme.example',
  });
  const service = new AlertService({
    store: stores.alerts,
    configs: stores.configs,
    health: options.health ?? stores.health,
    audit: stores.audit,
    notifier,
    policy: options.policy ?? DEFAULT_ALERT_POLICY,
    logger: mockServices.logger.mock(),
    now: options.now,
  });
  return { service, notifications, webhookCalls, signals };
}
