import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { EventOutbox } from '../outbox/EventOutbox';
import { ConfigStore } from '../configuration/ConfigStore';
import { AutomatedFixService, AutomatedFixes } from './AutomatedFixService';
import { ErrorCaptureService } from './ErrorCaptureService';
import { DatabaseErrorEventStore } from './ErrorEventStore';
import { DatabaseErrorGroupStore } from './ErrorGroupStore';
import {
  ErrorRetentionTask,
  errorRetentionDaysFromConfig,
} from './ErrorRetentionTask';
import { ErrorService, IncidentMembership } from './ErrorService';
import { ErrorTriageService } from './ErrorTriageService';
import { fingerprintRulesFromConfig } from './fingerprint';

/**
 * Error tracking as the plugin runs it: capture, reading, triage and the
 * retention task, over one pair of stores, with its config read and checked.
 */
export async function createErrorTracking(options: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  retentionSchedule: SchedulerServiceTaskScheduleDefinition;
  configs: ConfigStore;
  /** Where opened and resolved groups are announced. */
  outbox?: EventOutbox;
  /** Which incident took each group in, for a pattern's page. */
  incidents?: IncidentMembership;
  signals?: SignalsService;
  logger: LoggerService;
  /** What each automated fix does; see {@link AutomatedFixService}. */
  fixes: () => AutomatedFixes;
}) {
  const { config, database, signals, logger } = options;
  const events = await DatabaseErrorEventStore.create({
    database,
    outbox: options.outbox,
  });
  const groups = await DatabaseErrorGroupStore.create({
    database,
    outbox: options.outbox,
  });
  await new ErrorRetentionTask({
    events,
    retentionDays: errorRetentionDaysFromConfig(config),
  }).start(options.scheduler, options.retentionSchedule);
  const automatedFixes = new AutomatedFixService({
    groups,
    configs: options.configs,
    fixes: options.fixes,
    logger,
  });
  return {
    groups,
    capture: new ErrorCaptureService({
      events,
      groups,
      configs: options.configs,
      rules: fingerprintRulesFromConfig(config),
      automatedFixes,
      signals,
      logger,
    }),
    errors: new ErrorService({ events, groups, incidents: options.incidents }),
    triage: new ErrorTriageService({ groups, automatedFixes, signals, logger }),
  };
}
