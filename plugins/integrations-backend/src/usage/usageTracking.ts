import {
  DatabaseService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { UsageEvent } from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { RateLimitRecorder } from '../rateLimits/RateLimitRecorder';
import { pricingFromConfig } from './pricing';
import { analyticsAnswersFromConfig } from './sharedAnalytics';
import { UsageAnalyticsService } from './UsageAnalyticsService';
import { DatabaseUsageEventStore } from './UsageEventStore';
import { UsageIngestService } from './UsageIngestService';
import { UsageRollupStore } from './UsageRollupStore';
import { DEFAULT_USAGE_RETENTION, UsageRollupTask } from './UsageRollupTask';

/**
 * Usage as the plugin runs it: the events store, ingest, analytics and the
 * rollup task, with the retention and pricing config read and checked.
 */
export async function createUsageTracking(options: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  rollupSchedule: SchedulerServiceTaskScheduleDefinition;
  configs: ConfigStore;
  rollups: UsageRollupStore;
  rateLimits: RateLimitRecorder;
  /** Told of each accepted batch, e.g. to capture the failed calls as errors. */
  onStored: (events: UsageEvent[]) => Promise<void>;
}) {
  const { config, configs, rollups } = options;
  const events = await DatabaseUsageEventStore.create({
    database: options.database,
  });
  const retention = {
    ...DEFAULT_USAGE_RETENTION,
    rawDays:
      config.getOptionalNumber('integrations.usage.retentionDays') ??
      DEFAULT_USAGE_RETENTION.rawDays,
  };
  await new UsageRollupTask({ events, rollups, retention }).start(
    options.scheduler,
    options.rollupSchedule,
  );
  return {
    events,
    retention,
    ingest: new UsageIngestService({
      events,
      configs,
      maxAgeDays: retention.rawDays,
      rateLimits: options.rateLimits,
      onStored: options.onStored,
    }),
    analyticsAnswers: analyticsAnswersFromConfig(config),
    analytics: new UsageAnalyticsService({
      rollups,
      configs,
      retention,
      pricing: pricingFromConfig(config),
    }),
  };
}
