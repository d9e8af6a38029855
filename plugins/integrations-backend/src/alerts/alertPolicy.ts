import { RootConfigService } from '@backstage/backend-plugin-api';
import { AlertType } from '@internal/plugin-integrations-common';
import { Alert } from './AlertStore';

const MINUTE_MS = 60_000;

/** When alerts resolve and how their owners are reminded. */
export interface AlertPolicy {
  /** Consecutive evaluations with the condition clear before an alert resolves. */
  resolveAfterChecks: number;
  escalation: {
    /** Minutes an alert may stay unacknowledged before its owners are reminded. */
    ackTimeoutMinutes: number;
    /** Minutes between further reminders. */
    repeatMinutes: number;
    /** Reminders at most, the first one included. */
    maxRepeats: number;
  };
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  resolveAfterChecks: 3,
  escalation: { ackTimeoutMinutes: 30, repeatMinutes: 60, maxRepeats: 3 },
};

function wholeNumber(
  config: RootConfigService,
  key: string,
  fallback: number,
  min: number,
): number {
  const value = config.getOptionalNumber(`integrations.alerts.${key}`);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `integrations.alerts.${key} must be a whole number of at least ${min}, not ${value}`,
    );
  }
  return value;
}

/** Reads `integrations.alerts`, all of it optional. */
export function alertPolicyFromConfig(config: RootConfigService): AlertPolicy {
  const { resolveAfterChecks, escalation } = DEFAULT_ALERT_POLICY;
  return {
    resolveAfterChecks: wholeNumber(
      config,
      'resolveAfterChecks',
      resolveAfterChecks,
      1,
    ),
    escalation: {
      ackTimeoutMinutes: wholeNumber(
        config,
        'escalation.ackTimeoutMinutes',
        escalation.ackTimeoutMinutes,
        1,
      ),
      repeatMinutes: wholeNumber(
        config,
        'escalation.repeatMinutes',
        escalation.repeatMinutes,
        1,
      ),
      maxRepeats: wholeNumber(
        config,
        'escalation.maxRepeats',
        escalation.maxRepeats,
        0,
      ),
    },
  };
}

/**
 * Whether an alert's owners are to be reminded now: it was notified, nobody
 * acknowledged it within the ack timeout (then within each repeat), it is not
 * held back by a failing dependency, and fewer than maxRepeats reminders went
 * out. An alert released from suppression after its timeout is reminded at once.
 */
export function reminderDue(
  alert: Alert,
  escalation: AlertPolicy['escalation'],
  now: Date,
): boolean {
  if (
    alert.status !== 'open' ||
    !alert.notified ||
    alert.suppressedBy ||
    !alert.lastNotifiedAt ||
    alert.escalationLevel >= escalation.maxRepeats
  ) {
    return false;
  }
  const waitMinutes =
    alert.escalationLevel === 0
      ? escalation.ackTimeoutMinutes
      : escalation.repeatMinutes;
  return (
    now.getTime() - Date.parse(alert.lastNotifiedAt) >= waitMinutes * MINUTE_MS
  );
}

/**
 * Alerts a failing dependency can cause, and so are held back while one
 * fails. A credential about to expire, a spent rate limit or a budget is the
 * integration's own matter and is notified regardless.
 */
export const SYMPTOM_TYPES: readonly AlertType[] = [
  'error_rate',
  'response_time',
  'uptime',
  'health',
];

/**
 * The dependency that holds the alert back: the first of its integration's
 * dependencies (in the same environment) that is unhealthy or has an active
 * critical alert other than a budget's.
 */
export function suppressorOf(
  alert: Alert,
  context: {
    dependencies: string[];
    isUnhealthy(integration: string): boolean;
    activeAlerts: Alert[];
  },
): string | undefined {
  if (!SYMPTOM_TYPES.includes(alert.type)) {
    return undefined;
  }
  return context.dependencies.find(
    dependency =>
      dependency !== alert.integration &&
      (context.isUnhealthy(dependency) ||
        context.activeAlerts.some(
          other =>
            other.integration === dependency &&
            other.environment === alert.environment &&
            other.severity === 'critical' &&
            other.type !== 'budget',
        )),
  );
}
