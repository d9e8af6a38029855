import {
  AuditAction,
  Environment,
  HealthCheckSchedule,
  IntegrationHealthStatus,
  nextHealthCheckAt,
} from '@internal/plugin-integrations-common';
import { NotFoundError } from '@backstage/errors';
import { Actor } from '../audit/actor';
import { AuditStore } from '../audit/AuditStore';
import { auditRecord } from '../audit/auditRecords';
import { ConfigFilter, ConfigStore } from '../configuration/ConfigStore';
import { liveConfiguration } from '../configuration/liveConfiguration';
import { HealthService } from './HealthService';
import {
  HealthCheckPause,
  HealthCheckPauseStore,
} from './HealthCheckPauseStore';

const keyOf = (item: { integration: string; environment: Environment }) =>
  `${item.integration}:${item.environment}`;

/**
 * When each configuration is health-checked next, and pausing and resuming
 * those checks, e.g. while a provider is in a maintenance window.
 */
export class HealthScheduleService {
  private readonly configs: ConfigStore;
  private readonly audit: AuditStore;
  private readonly health: HealthService;
  private readonly pauses: HealthCheckPauseStore;
  private readonly now: () => Date;

  constructor(options: {
    configs: ConfigStore;
    audit: AuditStore;
    health: HealthService;
    pauses: HealthCheckPauseStore;
    now?: () => Date;
  }) {
    this.configs = options.configs;
    this.audit = options.audit;
    this.health = options.health;
    this.pauses = options.pauses;
    this.now = options.now ?? (() => new Date());
  }

  /** The schedule of the configurations the filter selects. */
  async list(filter: ConfigFilter): Promise<HealthCheckSchedule[]> {
    const statuses = await this.health.list(filter);
    const pauses = new Map(
      (await this.pauses.list(filter.environment)).map(pause => [
        keyOf(pause),
        pause,
      ]),
    );
    const now = this.now();
    return statuses.map(status =>
      toSchedule(status, pauses.get(keyOf(status)), now),
    );
  }

  async get(name: string, environment: Environment) {
    const [item] = (await this.list({ environment, text: name })).filter(
      schedule => schedule.integration === name,
    );
    if (!item) {
      throw new NotFoundError(`${name} has no ${environment} configuration`);
    }
    return item;
  }

  /** Stops the scheduled checks of one configuration until they are resumed. */
  async pause(
    name: string,
    environment: Environment,
    actor: Actor,
  ): Promise<HealthCheckSchedule> {
    await liveConfiguration(this.configs, name, environment);
    const at = this.now();
    const pause = await this.pauses.pause(
      { integration: name, environment },
      { actor: actor.userRef, at },
    );
    await this.record(actor, at, {
      action: 'health_checks_paused',
      integration: name,
      environment,
      changed: pause.pausedAt === at.toISOString(),
    });
    return this.get(name, environment);
  }

  /** Lets the scheduled checks of one configuration run again. */
  async resume(
    name: string,
    environment: Environment,
    actor: Actor,
  ): Promise<HealthCheckSchedule> {
    await liveConfiguration(this.configs, name, environment);
    const changed = await this.pauses.resume({
      integration: name,
      environment,
    });
    await this.record(actor, this.now(), {
      action: 'health_checks_resumed',
      integration: name,
      environment,
      changed,
    });
    return this.get(name, environment);
  }

  private async record(
    actor: Actor,
    at: Date,
    event: {
      action: AuditAction;
      integration: string;
      environment: Environment;
      /** False when the checks already were in the requested state. */
      changed: boolean;
    },
  ) {
    await this.audit.append([
      auditRecord(actor, at, {
        action: event.action,
        category: 'operations',
        integration: event.integration,
        environment: event.environment,
        details: { changedFields: event.changed ? ['healthChecksPaused'] : [] },
      }),
    ]);
  }
}

function toSchedule(
  status: IntegrationHealthStatus,
  pause: HealthCheckPause | undefined,
  now: Date,
): HealthCheckSchedule {
  const intervalSeconds = status.healthCheckIntervalSeconds;
  const nextCheckAt = nextHealthCheckAt({
    enabled: status.enabled,
    paused: Boolean(pause),
    intervalSeconds,
    lastCheckedAt: status.lastCheckedAt,
    now,
  });
  return {
    integration: status.integration,
    environment: status.environment,
    displayName: status.displayName,
    provider: status.provider,
    category: status.category,
    owner: status.owner,
    enabled: status.enabled,
    status: status.status,
    paused: Boolean(pause),
    ...(pause ? { pausedBy: pause.pausedBy, pausedAt: pause.pausedAt } : {}),
    intervalSeconds,
    ...(status.lastCheckedAt ? { lastCheckedAt: status.lastCheckedAt } : {}),
    ...(nextCheckAt ? { nextCheckAt } : {}),
  };
}
