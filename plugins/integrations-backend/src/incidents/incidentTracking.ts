import {
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AlertStore } from '../alerts/AlertStore';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { ErrorGroupStore } from '../errors/ErrorGroupStore';
import { errorRetentionDaysFromConfig } from '../errors/ErrorRetentionTask';
import { ImpactLookup } from '../impact/ImpactRecipients';
import {
  IncidentCorrelationTask,
  incidentSettingsFromConfig,
} from './IncidentCorrelationTask';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentService } from './IncidentService';
import { IncidentStore } from './IncidentStore';

/**
 * Incidents as the plugin runs them: the correlation task on its schedule,
 * with its config read and checked, the notifications their people get,
 * and the service the routes read them through.
 */
export async function createIncidentTracking(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  store: IncidentStore;
  groups: ErrorGroupStore;
  configs: ConfigStore;
  audit: AuditStore;
  alerts: AlertStore;
  signals?: SignalsService;
  notifications?: NotificationService;
  /** The owners of what depends on the incident's integrations, told too. */
  impact?: ImpactLookup;
  logger: LoggerService;
}): Promise<IncidentService> {
  const { config, store, configs, audit, signals, logger } = options;
  const notifier =
    options.notifications &&
    new IncidentNotifier({
      notifications: options.notifications,
      configs,
      impact: options.impact,
      logger,
    });
  await new IncidentCorrelationTask({
    store,
    configs,
    audit,
    settings: incidentSettingsFromConfig(config),
    retentionDays: errorRetentionDaysFromConfig(config),
    signals,
    notifier,
    logger,
  }).start(options.scheduler, options.schedule);
  return new IncidentService({
    store,
    groups: options.groups,
    alerts: options.alerts,
    audit,
    signals,
    notifier,
    logger,
  });
}
