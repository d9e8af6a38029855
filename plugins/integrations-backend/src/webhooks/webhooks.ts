import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { AlertReporter } from '../alerts/AlertService';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialVault } from '../credentials/CredentialVault';
import { ErrorOccurrence } from '../errors/errorOccurrence';
import { SafeHttpClient } from '../network';
import { disabledEndpointAlerts } from './disabledEndpointAlerts';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookDispatcher } from './WebhookDispatcher';
import { DatabaseWebhookEndpointStore } from './WebhookEndpointStore';
import { WebhookOperations } from './WebhookOperations';
import { WebhookOutbox } from './WebhookOutbox';
import { WebhookRetentionTask } from './WebhookRetentionTask';
import { WebhookService } from './WebhookService';

/**
 * Outbound webhooks, put together: endpoints, the dispatcher that every
 * backend runs, what people do with deliveries, and the retention of old
 * ones. The outbox is made first, by the plugin, since the stores whose
 * changes it announces take it.
 */
export async function createWebhooks(options: {
  db: Knex;
  outbox: WebhookOutbox;
  scheduler: SchedulerService;
  dispatchSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
  configs: ConfigStore;
  vault: CredentialVault;
  http: SafeHttpClient;
  audit: AuditStore;
  alerts: AlertReporter;
  signals?: SignalsService;
  logger: LoggerService;
  onFailedAttempts?: (occurrences: ErrorOccurrence[]) => Promise<void>;
}) {
  const { db, outbox, configs, vault, http, audit, logger } = options;
  const endpoints = new DatabaseWebhookEndpointStore(db);
  const deliveries = new WebhookDeliveryStore(db);
  const reportDisabled = () =>
    disabledEndpointAlerts(endpoints, options.alerts);
  const dispatcher = new WebhookDispatcher({
    deliveries,
    http,
    vault,
    logger,
    signals: options.signals,
    onFailedAttempts: options.onFailedAttempts,
    onEndpointDisabled: reportDisabled,
  });
  outbox.onQueued(() => dispatcher.wake());
  await dispatcher.start(options.scheduler, options.dispatchSchedule);
  await new WebhookRetentionTask({
    deliveries,
    retentionDays: options.retentionDays,
  }).start(options.scheduler, options.retentionSchedule);
  const webhooks = new WebhookService({
    endpoints,
    deliveries,
    configs,
    vault,
    http,
    audit,
    onEndpointsChanged: reportDisabled,
  });
  const operations = new WebhookOperations({
    db,
    endpoints: webhooks,
    deliveries,
    outbox,
    wake: () => dispatcher.wake(),
  });
  return { webhooks, operations, deliveries, dispatcher };
}
