import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ActivityItem,
  Environment,
  HEALTH_SIGNAL_CHANNEL,
  HealthHistoryResponse,
  HealthRange,
  HealthSignal,
  HealthStatus,
  IntegrationConfig,
  IntegrationDashboard,
  IntegrationHealthStatus,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import {
  CheckSample,
  HealthEvent,
  HealthRollup,
  HealthState,
  hourBucket,
} from './HealthStore';
import { ConfigFilter } from '../configuration/ConfigStore';
import { HealthServiceStores } from './healthServiceStores';
import { activityFeed } from './activityFeed';
import { RANGE_MS, firstBucketOf, historyPoints } from './healthHistory';
import { RECENT_WINDOW, computeHealthStatus, uptimeOf } from './healthStatus';

const DAY_MS = 86_400_000;
const ACTIVITY_LIMIT = 30;

/**
 * The health of every configuration: updated by each check, read by the
 * dashboard, and broadcast over Signals when a status changes.
 */
export class HealthService {
  private readonly store: HealthServiceStores;
  private readonly signals?: SignalsService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    store: HealthServiceStores;
    signals?: SignalsService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.signals = options.signals;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Stores a run as a check of the configuration and updates its health. */
  async recordCheck(
    config: IntegrationConfig,
    run: TestRunResult,
  ): Promise<HealthState> {
    const sample: CheckSample = {
      at: run.startedAt,
      passed: run.status !== 'failed',
      ...(run.responseTimeMs !== undefined
        ? { responseTimeMs: run.responseTimeMs }
        : {}),
      ...(run.failure ? { failureClass: run.failure.class } : {}),
    };
    const { state, event } = await this.store.health.recordCheck({
      run,
      sample,
      nextState: previous => this.nextState(config, run, sample, previous),
    });
    if (event) {
      await this.broadcast({
        integration: config.name,
        environment: config.environment,
        status: event.status,
        previousStatus: event.previousStatus,
        checkedAt: event.occurredAt,
      });
    }
    return state;
  }

  /**
   * The state after one more check. Samples stay in time order, so a long
   * test that finishes after a later check does not count as the newest.
   */
  private nextState(
    config: IntegrationConfig,
    run: TestRunResult,
    sample: CheckSample,
    previous: HealthState | undefined,
  ): { state: HealthState; event?: HealthEvent } {
    const recent = [sample, ...(previous?.recent ?? [])]
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, RECENT_WINDOW);
    const isNewest = recent[0] === sample;
    const { status, reasons } = computeHealthStatus({
      enabled: config.enabled,
      recent,
      thresholds: config.monitoringConfig.alertThresholds,
    });
    const previousStatus: HealthStatus = previous?.status ?? 'unknown';
    const changed = previousStatus !== status;
    const latest = <T>(ours: T, theirs: T) => (isNewest ? ours : theirs);
    const state: HealthState = {
      integration: config.name,
      environment: config.environment,
      status,
      reasons,
      recent,
      lastCheckedAt: latest(run.startedAt, previous?.lastCheckedAt),
      lastSuccessAt:
        sample.passed &&
        (!previous?.lastSuccessAt || previous.lastSuccessAt < run.startedAt)
          ? run.startedAt
          : previous?.lastSuccessAt,
      statusChangedAt: changed ? run.startedAt : previous?.statusChangedAt,
      lastRunId: latest(run.id, previous?.lastRunId),
      failure: latest(run.failure, previous?.failure),
      responseTimeMs: latest(run.responseTimeMs, previous?.responseTimeMs),
      rateLimit: latest(
        run.rateLimit ?? previous?.rateLimit,
        previous?.rateLimit ?? run.rateLimit,
      ),
    };
    return {
      state,
      ...(changed
        ? {
            event: {
              id: randomUUID(),
              integration: config.name,
              environment: config.environment,
              occurredAt: run.startedAt,
              previousStatus,
              status,
              summary: reasons.join('; '),
            },
          }
        : {}),
    };
  }

  /** The spec's IntegrationHealthStatus for every live configuration that matches. */
  async list(filter: ConfigFilter): Promise<IntegrationHealthStatus[]> {
    const { items: configs } = await this.store.listConfigs(filter, {
      limit: 10_000,
    });
    const now = this.now();
    const environments = [...new Set(configs.map(c => c.environment))];
    const states = new Map<string, HealthState>();
    const rollups = new Map<string, HealthRollup[]>();
    const since30d = hourBucket(new Date(now.getTime() - RANGE_MS['30d']));
    for (const environment of environments) {
      for (const state of await this.store.health.listStates(environment)) {
        states.set(`${state.integration}:${environment}`, state);
      }
      for (const rollup of await this.store.health.listRollups(
        environment,
        since30d,
      )) {
        const key = `${rollup.integration}:${environment}`;
        rollups.set(key, [...(rollups.get(key) ?? []), rollup]);
      }
    }

    const statusOf = (config: IntegrationConfig): HealthStatus => {
      const state = states.get(`${config.name}:${config.environment}`);
      if (!config.enabled) {
        return 'disabled';
      }
      return state?.status ?? 'unknown';
    };
    const byKey = new Map(configs.map(c => [`${c.name}:${c.environment}`, c]));

    return configs.map(config => {
      const key = `${config.name}:${config.environment}`;
      const state = states.get(key);
      const own = rollups.get(key) ?? [];
      const day = own.filter(
        r => Date.parse(r.bucketStart) >= now.getTime() - DAY_MS,
      );
      const checks = day.reduce((sum, r) => sum + r.checks, 0);
      const failed = day.reduce((sum, r) => sum + r.failures, 0);
      const status = statusOf(config);
      const dependencies = config.dependencies.map(name => {
        const dependency = byKey.get(`${name}:${config.environment}`);
        return {
          name,
          status: dependency
            ? statusOf(dependency)
            : states.get(`${name}:${config.environment}`)?.status ?? 'unknown',
        };
      });
      const troubled = dependencies.find(d => d.status === 'unhealthy');
      return {
        integration: config.name,
        environment: config.environment,
        displayName: config.displayName,
        provider: config.provider,
        category: config.category,
        owner: config.owner,
        enabled: config.enabled,
        status,
        reasons:
          status === 'disabled'
            ? ['Switched off in this environment']
            : state?.reasons ?? ['Not checked yet'],
        ...(state?.lastCheckedAt ? { lastCheckedAt: state.lastCheckedAt } : {}),
        ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
        ...(state?.failure && status !== 'disabled'
          ? { failure: state.failure }
          : {}),
        ...(state?.responseTimeMs !== undefined
          ? { responseTimeMs: state.responseTimeMs }
          : {}),
        uptime: {
          last24h: uptimeOf(own, new Date(now.getTime() - DAY_MS)),
          last7d: uptimeOf(own, new Date(now.getTime() - RANGE_MS['7d'])),
          last30d: uptimeOf(own, since30d),
        },
        checks: { passed: checks - failed, failed },
        errorRate:
          checks === 0 ? null : Math.round((failed / checks) * 10_000) / 100,
        ...(state?.rateLimit ? { rateLimit: state.rateLimit } : {}),
        configVersion: config.metadata.version,
        healthCheckIntervalSeconds: config.monitoringConfig.healthCheckInterval,
        dependencies,
        ...(troubled && status !== 'healthy' && status !== 'disabled'
          ? {
              likelyCause: {
                dependency: troubled.name,
                status: troubled.status,
              },
            }
          : {}),
      };
    });
  }

  /** The spec's IntegrationDashboard for one environment, in one call. */
  async dashboard(
    environment: Environment,
    filter: ConfigFilter,
  ): Promise<IntegrationDashboard> {
    const integrations = await this.list({ ...filter, environment });
    const visible = new Set(integrations.map(i => i.integration));
    const now = this.now();
    const midnight = new Date(now);
    midnight.setUTCHours(0, 0, 0, 0);
    const today = (
      await this.store.health.listRollups(environment, midnight)
    ).filter(r => visible.has(r.integration));
    const responseCount = today.reduce((s, r) => s + r.responseMsCount, 0);
    const count = (status: HealthStatus) =>
      integrations.filter(i => i.status === status).length;
    const lastChecks = integrations
      .map(i => i.lastCheckedAt)
      .filter((at): at is string => Boolean(at))
      .sort();
    return {
      environment,
      generatedAt: now.toISOString(),
      overview: {
        total: integrations.length,
        healthy: count('healthy'),
        degraded: count('degraded'),
        unhealthy: count('unhealthy'),
        disabled: count('disabled'),
        unknown: count('unknown'),
        ...(lastChecks.length
          ? { lastHealthCheckAt: lastChecks[lastChecks.length - 1] }
          : {}),
        apiCallsToday: today.reduce((s, r) => s + r.checks, 0),
        errorsToday: today.reduce((s, r) => s + r.failures, 0),
        averageResponseTimeMs:
          responseCount === 0
            ? null
            : Math.round(
                today.reduce((s, r) => s + r.responseMsSum, 0) / responseCount,
              ),
      },
      integrations,
      activity: await this.activity(environment, visible),
    };
  }

  /** Response time, error rate and uptime per bucket, for charts and the heatmap. */
  async history(
    environment: Environment,
    range: HealthRange,
    integrations: string[],
  ): Promise<HealthHistoryResponse> {
    const now = this.now().getTime();
    const rollups = await this.store.health.listRollups(
      environment,
      new Date(firstBucketOf(range, now)),
    );
    return {
      environment,
      range,
      series: integrations.map(integration => ({
        integration,
        points: historyPoints(
          rollups.filter(r => r.integration === integration),
          range,
          now,
        ),
      })),
    };
  }

  private async activity(
    environment: Environment,
    visible: Set<string>,
  ): Promise<ActivityItem[]> {
    const [runs, events, audit] = await Promise.all([
      this.store.health.listRecentRuns(environment, ACTIVITY_LIMIT),
      this.store.health.listEvents(environment, ACTIVITY_LIMIT),
      this.store.audit.list(
        { category: 'configuration' },
        { offset: 0, limit: ACTIVITY_LIMIT * 3 },
      ),
    ]);
    return activityFeed({
      environment,
      visible,
      runs,
      events,
      audit: audit.items,
      limit: ACTIVITY_LIMIT,
    });
  }

  private async broadcast(message: HealthSignal) {
    if (!this.signals) {
      return;
    }
    try {
      await this.signals.publish<HealthSignal & Record<string, any>>({
        recipients: { type: 'broadcast' },
        channel: HEALTH_SIGNAL_CHANNEL,
        message: { ...message },
      });
    } catch (error) {
      this.logger.warn(
        `Could not broadcast the health change of ${message.integration}: ${error}`,
      );
    }
  }
}
