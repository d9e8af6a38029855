import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialExpiryTask } from '../credentials/CredentialExpiryTask';
import { CredentialStore } from '../credentials/CredentialStore';
import { HealthService } from '../health/HealthService';
import { HealthStore } from '../health/HealthStore';
import { ImpactLookup } from '../impact/ImpactRecipients';
import { SafeHttpClient } from '../network';
import { EventOutbox } from '../outbox/EventOutbox';
import { RateLimitService } from '../rateLimits/RateLimitService';
import {
  BUDGET_ALERT_SCHEDULE,
  CREDENTIAL_EXPIRY_SCHEDULE,
  DEFAULT_ALERT_SCHEDULE,
  scheduleFromConfig,
} from '../scheduling/schedules';
import { BudgetAlertTask } from '../usage/BudgetAlertTask';
import { UsageAnalyticsService } from '../usage/UsageAnalyticsService';
import { UsageRollupStore } from '../usage/UsageRollupStore';
import { AlertEvaluationTask } from './AlertEvaluationTask';
import { AlertNotifier } from './AlertNotifier';
import { alertPolicyFromConfig } from './alertPolicy';
import { AlertService } from './AlertService';
import { DatabaseAlertStore } from './AlertStore';

/**
 * Alerts and who hears of them: the store, the service with its policy and
 * notifier (the owners, dependents' owners of critical ones, channels, open
 * pages), and the credential expiry task. The rule evaluation and budget
 * tasks read health and usage, built after alerts, so they start with
 * `startEvaluation`.
 */
export async function createAlerting(options: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  outbox: EventOutbox;
  configs: ConfigStore;
  healthStore: HealthStore;
  audit: AuditStore;
  credentials: CredentialStore;
  http: SafeHttpClient;
  notifications: NotificationService;
  signals: SignalsService;
  impact: ImpactLookup;
  logger: LoggerService;
}) {
  const { config, scheduler, configs, logger } = options;
  const store = await DatabaseAlertStore.create({
    database: options.database,
    outbox: options.outbox,
  });
  const alerts = new AlertService({
    store,
    configs,
    health: options.healthStore,
    audit: options.audit,
    notifier: new AlertNotifier({
      notifications: options.notifications,
      http: options.http,
      signals: options.signals,
      logger,
      appBaseUrl: config.getOptionalString('app.baseUrl'),
      impact: options.impact,
    }),
    policy: alertPolicyFromConfig(config),
    logger,
  });
  await new CredentialExpiryTask({
    configs,
    credentials: options.credentials,
    alerts,
    logger,
  }).start(scheduler, CREDENTIAL_EXPIRY_SCHEDULE);

  return {
    store,
    alerts,
    async startEvaluation(sources: {
      health: HealthService;
      usageRollups: UsageRollupStore;
      rateLimits: RateLimitService;
      analytics: UsageAnalyticsService;
    }) {
      await new BudgetAlertTask({
        analytics: sources.analytics,
        alerts,
        logger,
      }).start(scheduler, BUDGET_ALERT_SCHEDULE);
      await new AlertEvaluationTask({
        configs,
        health: sources.health,
        healthStore: options.healthStore,
        usageRollups: sources.usageRollups,
        rateLimits: sources.rateLimits,
        alerts,
      }).start(
        scheduler,
        scheduleFromConfig(
          config,
          'integrations.alerts.schedule',
          DEFAULT_ALERT_SCHEDULE,
        ),
      );
    },
  };
}
