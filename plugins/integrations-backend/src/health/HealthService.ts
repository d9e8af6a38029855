import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  IntegrationErrorSummary,
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
  HealthState,
  RecordedCheck,
} from './HealthStore';
import { AuditStore, CredentialUse } from '../audit/AuditStore';
import { AlertStore } from '../alerts/AlertStore';
import { alertsBySeverity } from '../alerts/alertShape';
import { CredentialStore } from '../credentials/CredentialStore';
import { ConfigFilter, ConfigStore } from '../configuration/ConfigStore';
import { HealthStore } from './HealthStore';
import { UsageRollupStore } from '../usage/UsageRollupStore';
import { recentActivity } from './activityFeed';
import { healthStatusesOf, loadStatusSources } from './healthStatuses';
import { QUICK_ACTIONS, overviewMetrics } from './dashboardParts';
import { firstBucketOf, historyPoints } from './healthHistory';
import { RECENT_WINDOW, computeHealthStatus } from './healthStatus';

const ACTIVITY_LIMIT = 30;

const DAY_MS = 86_400_000;

function sampleOf(run: TestRunResult): CheckSample {
  return {
    at: run.startedAt,
    passed: run.status !== 'failed',
    ...(run.responseTimeMs !== undefined
      ? { responseTimeMs: run.responseTimeMs }
      : {}),
    ...(run.failure ? { failureClass: run.failure.class } : {}),
  };
}

/**
 * The health of every configuration: updated by each check, read by the
 * dashboard, and broadcast over Signals when a status changes.
 */
/** The errors most recently seen of the given integrations in one environment. */
export type RecentErrors = (
  environment: Environment,
  integrations: string[],
  limit: number,
) => Promise<IntegrationErrorSummary[]>;

export class HealthService {
  private readonly healthStore: HealthStore;
  private readonly configs: Pick<ConfigStore, 'listConfigs'>;
  private readonly audit: Pick<AuditStore, 'list'>;
  private readonly alerts: Pick<AlertStore, 'listActive'>;
  private readonly credentials: Pick<
    CredentialStore,
    'listStoredFields' | 'listExpiringFields'
  >;
  private readonly usageRollups: Pick<UsageRollupStore, 'list'>;
  private readonly recentErrors?: RecentErrors;
  private readonly onRecorded?: (
    checks: Array<{ config: IntegrationConfig; run: TestRunResult }>,
  ) => Promise<void>;
  private readonly signals?: SignalsService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    healthStore: HealthStore;
    /** The configurations it reports on. */
    configs: Pick<ConfigStore, 'listConfigs'>;
    /** Configuration changes, for the activity feed. */
    audit: Pick<AuditStore, 'list'>;
    /** Open and acknowledged alerts, for the dashboard. */
    alerts: Pick<AlertStore, 'listActive'>;
    /**
     * Which credential fields are stored (without the required ones, nothing
     * is checked) and which expire soon.
     */
    credentials: Pick<
      CredentialStore,
      'listStoredFields' | 'listExpiringFields'
    >;
    /** The product's calls to providers, for the dashboard's counts of today. */
    usageRollups: Pick<UsageRollupStore, 'list'>;
    /** The latest error groups, for the dashboard's recent errors. */
    recentErrors?: RecentErrors;
    /** Told of each stored batch of runs, e.g. to capture the failed ones as errors. */
    onRecorded?: (
      checks: Array<{ config: IntegrationConfig; run: TestRunResult }>,
    ) => Promise<void>;
    signals?: SignalsService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.onRecorded = options.onRecorded;
    this.recentErrors = options.recentErrors;
    this.healthStore = options.healthStore;
    this.configs = options.configs;
    this.audit = options.audit;
    this.alerts = options.alerts;
    this.credentials = options.credentials;
    this.usageRollups = options.usageRollups;
    this.signals = options.signals;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Stores a run as a check of the configuration and updates its health. */
  async recordCheck(
    config: IntegrationConfig,
    run: TestRunResult,
  ): Promise<HealthState> {
    const [{ state }] = await this.recordChecks([{ config, run }]);
    return state;
  }

  /**
   * Stores runs as checks, with the credential uses that went with them, in
   * one transaction; then broadcasts the status changes.
   */
  async recordChecks(
    checks: Array<{ config: IntegrationConfig; run: TestRunResult }>,
    uses: CredentialUse[] = [],
  ): Promise<RecordedCheck[]> {
    const recorded = await this.healthStore.recordChecks(
      checks.map(({ config, run }) => {
        const sample = sampleOf(run);
        return {
          run,
          sample,
          nextState: (previous: HealthState | undefined) =>
            this.nextState(config, run, sample, previous),
        };
      }),
      uses,
    );
    await this.onRecorded?.(checks);
    for (const { event } of recorded) {
      if (event) {
        await this.broadcast({
          integration: event.integration,
          environment: event.environment,
          status: event.status,
          previousStatus: event.previousStatus,
          checkedAt: event.occurredAt,
        });
      }
    }
    return recorded;
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
    const { items: configs } = await this.configs.listConfigs(filter, {
      limit: 10_000,
    });
    const now = this.now();
    const sources = await loadStatusSources(
      { health: this.healthStore, credentials: this.credentials },
      configs,
      now,
    );
    return healthStatusesOf(configs, sources, now);
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
    const [today, usageToday, alerts, activity] = await Promise.all([
      this.healthStore.listRollups(environment, midnight),
      // Today's day rollup of each integration (one row each), current to
      // the last rollup run, a minute ago at most.
      this.usageRollups.list({
        granularity: 'day',
        environment,
        from: midnight,
        to: new Date(midnight.getTime() + DAY_MS),
        scope: 'totals',
        sumsOnly: true,
      }),
      this.alerts.listActive({ environment }),
      this.activity(environment, visible),
    ]);
    return {
      environment,
      generatedAt: now.toISOString(),
      overviewMetrics: overviewMetrics(
        integrations,
        today.filter(r => visible.has(r.integration)),
        usageToday.filter(r => visible.has(r.integration)),
      ),
      integrationStatus: Object.fromEntries(
        integrations.map(i => [i.integration, i]),
      ),
      recentActivity: activity,
      alerts: alertsBySeverity(alerts.filter(a => visible.has(a.integration))),
      quickActions: QUICK_ACTIONS,
    };
  }

  /** Response time, error rate and uptime per bucket, for charts and the heatmap. */
  async history(
    environment: Environment,
    range: HealthRange,
    integrations: string[],
  ): Promise<HealthHistoryResponse> {
    const now = this.now().getTime();
    const rollups = await this.healthStore.listRollups(
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
  ): Promise<IntegrationDashboard['recentActivity']> {
    const [runs, events, audit] = await Promise.all([
      this.healthStore.listRecentRuns(environment, ACTIVITY_LIMIT),
      this.healthStore.listEvents(environment, ACTIVITY_LIMIT),
      this.audit.list(
        { category: 'configuration' },
        { offset: 0, limit: ACTIVITY_LIMIT * 3 },
      ),
    ]);
    const activity = recentActivity({
      environment,
      visible,
      runs,
      events,
      audit: audit.items,
      limit: ACTIVITY_LIMIT,
    });
    // Grouped errors say more than the failed runs alone, where they are kept.
    const errors = await this.recentErrors?.(
      environment,
      [...visible],
      ACTIVITY_LIMIT,
    );
    return errors ? { ...activity, errors } : activity;
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
