import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AlertType,
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { Actor } from '../audit/actor';
import { auditRecord } from '../audit/auditRecords';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { HealthStore } from '../health/HealthStore';
import { AlertNotifier } from './AlertNotifier';
import { AlertPolicy, reminderDue, suppressorOf } from './alertPolicy';
import {
  Alert,
  AlertCondition,
  AlertQuery,
  AlertStore,
  NotificationKind,
} from './AlertStore';

/** What one source of alerts (a rule evaluation, a check) found this time. */
export interface AlertReport {
  /**
   * The alert types this source raises: its active alerts of these types
   * that are not firing now count one more clear evaluation.
   */
  types: readonly AlertType[];
  firing: AlertCondition[];
  /**
   * Active alerts that are not raised again this time but whose condition
   * still holds, such as the 7-day warning of a credential that has since
   * expired.
   */
  stillFiring?(alert: Alert): boolean;
  /** Overrides the configured count, for sources whose checks do not flap. */
  resolveAfterChecks?: number;
}

/** Reports alert sources make; what the credential and budget checks are given. */
export type AlertReporter = Pick<AlertService, 'report'>;

const keyOf = (integration: string, environment: Environment) =>
  `${integration}:${environment}`;

/**
 * The life of alerts: raised once per condition, resolved once the condition
 * has cleared for a number of evaluations, acknowledged by people; their
 * owners notified once, reminded while nobody acknowledges, told when the
 * alert resolves; held back while a dependency fails.
 */
export class AlertService {
  private readonly store: AlertStore;
  private readonly configs: Pick<ConfigStore, 'listConfigs'>;
  private readonly health: Pick<HealthStore, 'listStates'>;
  private readonly notifier: Pick<AlertNotifier, 'notify' | 'broadcast'>;
  private readonly audit: Pick<AuditStore, 'append'>;
  private readonly policy: AlertPolicy;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    store: AlertStore;
    /** Owners, channels and dependencies of the alerts' integrations. */
    configs: Pick<ConfigStore, 'listConfigs'>;
    /** Which dependencies are unhealthy. */
    health: Pick<HealthStore, 'listStates'>;
    notifier: Pick<AlertNotifier, 'notify' | 'broadcast'>;
    audit: Pick<AuditStore, 'append'>;
    policy: AlertPolicy;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.configs = options.configs;
    this.health = options.health;
    this.notifier = options.notifier;
    this.audit = options.audit;
    this.policy = options.policy;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Raises what fires, counts a clear evaluation for the source's other
   * active alerts and resolves those clear long enough; then notifies.
   */
  async report(
    report: AlertReport,
  ): Promise<{ raised: Alert[]; resolved: Alert[] }> {
    const at = this.now();
    const raised = await this.store.raise(report.firing, at);
    const firing = new Set(report.firing.map(c => c.dedupeKey));
    const clear = (await this.store.listActive({ types: report.types })).filter(
      alert => !firing.has(alert.dedupeKey) && !report.stillFiring?.(alert),
    );
    const counted = await this.store.countClear(
      clear.map(alert => alert.id),
      at,
    );
    const needed = report.resolveAfterChecks ?? this.policy.resolveAfterChecks;
    const resolved: Alert[] = [];
    for (const alert of counted) {
      if (alert.clearCount >= needed) {
        const done = await this.store.resolve(alert.id, at);
        if (done) {
          resolved.push(done);
        }
      }
    }
    await this.settle({ raised, resolved });
    return { raised, resolved };
  }

  /**
   * Brings notifications up to date: holds back alerts whose dependency
   * fails, notifies those not notified yet once nothing holds them, reminds
   * the owners of unacknowledged ones, and tells everyone who heard of an
   * alert that it resolved, held back or not.
   */
  private async settle(
    changes: { raised?: Alert[]; resolved?: Alert[] } = {},
  ): Promise<void> {
    const at = this.now();
    const { items } = await this.configs.listConfigs({}, { limit: 100_000 });
    const configs = new Map(items.map(c => [keyOf(c.name, c.environment), c]));
    const changed = new Map<string, Alert>();
    for (const alert of [
      ...(changes.raised ?? []),
      ...(changes.resolved ?? []),
    ]) {
      changed.set(alert.id, alert);
    }

    for (const alert of changes.resolved ?? []) {
      if (alert.notified) {
        await this.send(
          alert,
          'resolved',
          alert.escalationLevel,
          configs,
          changed,
        );
      }
    }

    const active = await this.store.listActive();
    const unhealthy = await this.unhealthyIntegrations(active);
    for (const found of active) {
      let alert = found;
      const config = configs.get(keyOf(alert.integration, alert.environment));
      const suppressedBy = suppressorOf(alert, {
        dependencies: config?.dependencies ?? [],
        isUnhealthy: name => unhealthy.has(keyOf(name, alert.environment)),
        activeAlerts: active,
      });
      if (suppressedBy !== alert.suppressedBy) {
        await this.store.setSuppressedBy(alert.id, suppressedBy, at);
        const { suppressedBy: _, ...released } = alert;
        alert = suppressedBy ? { ...released, suppressedBy } : released;
        changed.set(alert.id, alert);
      }
      if (alert.status !== 'open' || alert.suppressedBy) {
        continue;
      }
      if (!alert.notified) {
        await this.send(alert, 'raised', 0, configs, changed);
      } else if (reminderDue(alert, this.policy.escalation, at)) {
        await this.send(
          alert,
          'reminder',
          alert.escalationLevel + 1,
          configs,
          changed,
        );
      }
    }

    for (const alert of changed.values()) {
      await this.notifier.broadcast(alert);
    }
  }

  /** Acknowledges an open alert for the actor, and records it in the audit log. */
  async acknowledge(id: string, actor: Actor): Promise<Alert> {
    const at = this.now();
    const result = await this.store.acknowledge(id, actor.userRef, at);
    if (!result) {
      throw new NotFoundError(`There is no alert ${id}`);
    }
    const { alert, changed } = result;
    if (alert.status === 'resolved') {
      throw new ConflictError(
        `The alert ${id} resolved at ${alert.resolvedAt}; there is nothing to acknowledge`,
      );
    }
    await this.audit.append([
      auditRecord(actor, at, {
        action: 'alert_acknowledge',
        category: 'operations',
        integration: alert.integration,
        environment: alert.environment,
        details: {
          changedFields: changed ? ['status'] : [],
          alertId: alert.id,
          title: alert.title,
        },
      }),
    ]);
    if (changed) {
      await this.notifier.broadcast(alert);
    }
    return alert;
  }

  async get(id: string): Promise<Alert | undefined> {
    return this.store.get(id);
  }

  async list(query: AlertQuery) {
    return this.store.list(query);
  }

  private async unhealthyIntegrations(active: Alert[]): Promise<Set<string>> {
    const unhealthy = new Set<string>();
    for (const environment of new Set(active.map(a => a.environment))) {
      for (const state of await this.health.listStates(environment)) {
        if (state.status === 'unhealthy') {
          unhealthy.add(keyOf(state.integration, environment));
        }
      }
    }
    return unhealthy;
  }

  /** Records the notification first, so of two backends only one sends it. */
  private async send(
    alert: Alert,
    kind: NotificationKind,
    escalationLevel: number,
    configs: Map<string, IntegrationConfig>,
    changed: Map<string, Alert>,
  ) {
    const recorded = await this.store.recordNotification(
      alert,
      { kind, escalationLevel },
      this.now(),
    );
    if (!recorded) {
      return;
    }
    changed.set(recorded.id, recorded);
    await this.notifier.notify(
      recorded,
      kind,
      configs.get(keyOf(recorded.integration, recorded.environment)),
    );
    this.logger.info(
      `Alert ${recorded.id} on ${recorded.integration} (${recorded.environment}): ${kind} notification sent`,
    );
  }
}
