import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  IntegrationConfig,
  RateLimitsResponse,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { HealthService } from '../health/HealthService';
import { HealthStore } from '../health/HealthStore';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';
import { addToHistogram, mergeHistograms } from '../usage/latencyHistogram';
import { bucketStart } from '../usage/usageRollup';
import { UsageRollupStore } from '../usage/UsageRollupStore';
import {
  ConfigurationReadings,
  RECENT_WINDOW_MINUTES,
  RULE_TYPES,
  firingConditions,
} from './alertRules';
import { AlertCondition } from './AlertStore';
import { AlertReporter } from './AlertService';

type Recent = ConfigurationReadings['recent'];

const keyOf = (integration: string, environment: Environment) =>
  `${integration}:${environment}`;

/**
 * Evaluates the alert rules of every enabled configuration (error rate and
 * p95 response time over the last 15 minutes, uptime over 24 hours, being
 * down, rate limits running out) and reports what fires. The report also
 * resolves what has cleared long enough and sends the notifications and
 * reminders that are due, so this task is also the clock of escalation.
 */
export class AlertEvaluationTask {
  constructor(
    private readonly options: {
      configs: Pick<ConfigStore, 'listConfigs'>;
      health: Pick<HealthService, 'list'>;
      healthStore: Pick<HealthStore, 'listStates'>;
      usageRollups: Pick<UsageRollupStore, 'list'>;
      rateLimits: Pick<RateLimitService, 'status'>;
      alerts: AlertReporter;
      now?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-alert-evaluation',
      failure: 'Alert evaluation failed',
      run: () => this.evaluate(),
    });
  }

  /** Evaluates every rule once; returns what fired. */
  async evaluate(): Promise<AlertCondition[]> {
    const now = this.options.now?.() ?? new Date();
    const [{ items: configs }, statuses] = await Promise.all([
      this.options.configs.listConfigs({ enabled: true }, { limit: 100_000 }),
      this.options.health.list({ enabled: true }),
    ]);
    const healthOf = new Map(
      statuses.map(s => [keyOf(s.integration, s.environment), s]),
    );
    const firing: AlertCondition[] = [];
    for (const environment of new Set(configs.map(c => c.environment))) {
      const inEnvironment = configs.filter(c => c.environment === environment);
      const [recent, rateLimits] = await Promise.all([
        this.recentCalls(environment, now),
        this.rateLimitsOf(environment, inEnvironment),
      ]);
      for (const config of inEnvironment) {
        const health = healthOf.get(keyOf(config.name, environment));
        if (!health) {
          continue;
        }
        firing.push(
          ...firingConditions({
            config,
            health,
            recent: recent.get(config.name) ?? emptyRecent(),
            rateLimits: rateLimits[config.name],
          }),
        );
      }
    }
    await this.options.alerts.report({ types: RULE_TYPES, firing });
    return firing;
  }

  /**
   * Each integration's calls in the window: the product's, from the minute
   * rollups' integration totals, and the health checks, which call the
   * provider too.
   */
  private async recentCalls(
    environment: Environment,
    now: Date,
  ): Promise<Map<string, Recent>> {
    const since = new Date(now.getTime() - RECENT_WINDOW_MINUTES * 60_000);
    const recent = new Map<string, Recent>();
    const of = (integration: string) => {
      const found = recent.get(integration) ?? emptyRecent();
      recent.set(integration, found);
      return found;
    };
    const [rollups, states] = await Promise.all([
      this.options.usageRollups.list({
        granularity: 'minute',
        from: bucketStart(since, 'minute'),
        to: now,
        environment,
        scope: 'totals',
      }),
      this.options.healthStore.listStates(environment),
    ]);
    for (const rollup of rollups) {
      const calls = of(rollup.integration);
      calls.calls += rollup.calls;
      calls.failed += rollup.failed;
      mergeHistograms(calls.latency, rollup.latency);
    }
    for (const state of states) {
      for (const sample of state.recent) {
        if (Date.parse(sample.at) < since.getTime()) {
          continue;
        }
        const calls = of(state.integration);
        calls.calls += 1;
        calls.failed += sample.passed ? 0 : 1;
        if (sample.responseTimeMs !== undefined) {
          addToHistogram(calls.latency, sample.responseTimeMs);
        }
      }
    }
    return recent;
  }

  /** Forecasts are read only where someone asked for rate-limit alerts. */
  private async rateLimitsOf(
    environment: Environment,
    configs: IntegrationConfig[],
  ): Promise<RateLimitsResponse> {
    const watched = configs.filter(c =>
      c.monitoringConfig.enabledAlerts.includes('rate_limit'),
    );
    return watched.length
      ? this.options.rateLimits.status({ environment, readable: watched })
      : {};
  }
}

function emptyRecent(): Recent {
  return { calls: 0, failed: 0, latency: {} };
}
