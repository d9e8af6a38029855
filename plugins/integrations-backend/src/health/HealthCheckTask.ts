import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  IntegrationConfig,
  getProvider,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { HealthStore } from './HealthStore';
import { ConnectionTestService } from '../connectionTests/ConnectionTestService';
import { CheckSweep } from '../connectionTests/CheckSweep';
import { HealthCheckPauseStore } from './HealthCheckPauseStore';
import { CheckClaim, HealthCheckClaimStore } from './HealthCheckClaimStore';
import { scheduleLocalTask } from '../scheduling/scheduleTasks';
import { randomUUID } from 'node:crypto';

/** Who the audit log names for scheduled checks. */
export const HEALTH_CHECK_ACTOR = 'task:integrations-health-check';

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function forEachBounded<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
}

/** The due configurations in a random order, so replicas start on different ones. */
function shuffled<T>(items: T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** Longest a check may take: an OAuth check may first refresh its token, two calls. */
function checkTimeoutMs(config: IntegrationConfig): number {
  return (
    config.connectionConfig.timeout *
    (getProvider(config.provider)?.probes.auth.scheme === 'oauth2' ? 2 : 1)
  );
}

/** Room past a check's own timeout for recording it, before its claim lapses. */
const CLAIM_MARGIN_MS = 30_000;

/**
 * Checks every enabled configuration whose health-check interval has passed.
 * The task ticks often on every replica; each configuration keeps its own
 * interval. A replica claims due configurations a batch at a time and checks
 * what it got, so replicas share the checks and none is checked twice; a
 * finished check's claim holds until the configuration is due again. Checks
 * run with bounded concurrency and each is cut off at its own timeout, so a
 * hanging provider never holds up the others.
 */
export class HealthCheckTask {
  private readonly configs: ConfigStore;
  private readonly health: HealthStore;
  private readonly pauses?: HealthCheckPauseStore;
  private readonly claims: HealthCheckClaimStore;
  /** This replica, as its claims name it. */
  private readonly owner = randomUUID();
  private readonly tester: ConnectionTestService;
  private readonly logger: LoggerService;
  private readonly concurrency: number;
  private readonly now: () => Date;

  constructor(options: {
    configs: ConfigStore;
    health: HealthStore;
    /** Configurations whose checks an admin paused are skipped. */
    pauses?: HealthCheckPauseStore;
    /** Shared by the replicas: who checks which configuration. */
    claims: HealthCheckClaimStore;
    tester: ConnectionTestService;
    logger: LoggerService;
    concurrency: number;
    now?: () => Date;
  }) {
    this.configs = options.configs;
    this.health = options.health;
    this.pauses = options.pauses;
    this.claims = options.claims;
    this.tester = options.tester;
    this.logger = options.logger;
    this.concurrency = options.concurrency;
    this.now = options.now ?? (() => new Date());
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleLocalTask(scheduler, schedule, {
      id: 'integrations-health-check',
      failure: 'Health check failed',
      run: () => this.checkDue(),
    });
  }

  /** The configurations due for a check now. */
  async due(): Promise<IntegrationConfig[]> {
    const { items } = await this.configs.listConfigs(
      { enabled: true },
      { limit: 100_000 },
    );
    const states = new Map(
      (await this.health.listStates()).map(state => [
        `${state.integration}:${state.environment}`,
        state,
      ]),
    );
    const paused = new Set(
      ((await this.pauses?.list()) ?? []).map(
        pause => `${pause.integration}:${pause.environment}`,
      ),
    );
    const now = this.now().getTime();
    return items.filter(config => {
      if (paused.has(`${config.name}:${config.environment}`)) {
        return false;
      }
      const last = states.get(
        `${config.name}:${config.environment}`,
      )?.lastCheckedAt;
      return (
        !last ||
        Date.parse(last) + config.monitoringConfig.healthCheckInterval * 1000 <=
          now
      );
    });
  }

  /**
   * Checks the due configurations this replica claims, a batch at a time;
   * returns how many it checked and how many failed.
   */
  async checkDue(): Promise<{ checked: number; failed: number }> {
    const due = shuffled(await this.due());
    const total = { checked: 0, failed: 0 };
    for (let start = 0; start < due.length; start += this.concurrency) {
      const batch = due.slice(start, start + this.concurrency);
      const mine = await this.claim(batch);
      const result = await this.check(mine);
      total.checked += result.checked;
      total.failed += result.failed;
    }
    return total;
  }

  /** The configurations of `batch` no other replica is checking, now claimed. */
  private async claim(
    batch: IntegrationConfig[],
  ): Promise<IntegrationConfig[]> {
    const wanted: CheckClaim[] = batch.map(config => ({
      integration: config.name,
      environment: config.environment,
      leaseMs: checkTimeoutMs(config) + CLAIM_MARGIN_MS,
    }));
    const claimed = new Set(
      (
        await this.claims.claim(wanted, { owner: this.owner, now: this.now() })
      ).map(claim => `${claim.integration}:${claim.environment}`),
    );
    return batch.filter(config =>
      claimed.has(`${config.name}:${config.environment}`),
    );
  }

  async check(
    configs: IntegrationConfig[],
  ): Promise<{ checked: number; failed: number }> {
    let failed = 0;
    const sweep = this.tester.startSweep(configs);
    try {
      await this.checkAll(configs, sweep, () => failed++);
    } finally {
      await sweep.close();
    }
    return { checked: configs.length, failed };
  }

  private async checkAll(
    configs: IntegrationConfig[],
    sweep: CheckSweep,
    countFailure: () => void,
  ): Promise<void> {
    await forEachBounded(configs, this.concurrency, async config => {
      // Cleared once the check is done: a batch's finished checks must not
      // all fire their aborts at the moment the slow ones time out.
      const deadline = new AbortController();
      const claimedAt = this.now();
      const timer = setTimeout(
        () =>
          deadline.abort(
            new DOMException('The health check timed out', 'TimeoutError'),
          ),
        checkTimeoutMs(config),
      );
      try {
        const run = await this.tester.run(config, {
          suite: 'health',
          trigger: 'scheduled',
          actor: HEALTH_CHECK_ACTOR,
          signal: deadline.signal,
          sweep,
        });
        if (run.status === 'failed') {
          countFailure();
        }
      } catch (error) {
        countFailure();
        const reason = error instanceof Error ? error.name : 'unknown error';
        this.logger.warn(
          `Health check of ${config.name} (${config.environment}) could not run: ${reason}`,
        );
        // Recorded, so the card does not keep showing the last status.
        await this.tester
          .recordCouldNotRun(config, {
            trigger: 'scheduled',
            actor: HEALTH_CHECK_ACTOR,
            sweep,
          })
          .catch(() => undefined);
      } finally {
        clearTimeout(timer);
        // Held until the configuration is due again, so a replica working
        // from an older list of due checks cannot check it a second time.
        await this.claims
          .holdUntil(
            { integration: config.name, environment: config.environment },
            {
              owner: this.owner,
              until: new Date(
                claimedAt.getTime() +
                  config.monitoringConfig.healthCheckInterval * 1000,
              ),
            },
          )
          .catch(() => undefined);
      }
    });
  }
}
