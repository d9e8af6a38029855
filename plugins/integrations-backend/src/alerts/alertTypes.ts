import {
  AlertSeverity,
  AlertStatus,
  AlertType,
  Environment,
} from '@internal/plugin-integrations-common';

/** What a rule or a check found firing about one integration in one environment. */
export interface AlertCondition {
  integration: string;
  environment: Environment;
  type: AlertType;
  severity: AlertSeverity;
  title: string;
  message: string;
  /** The rule that fired, as people read it. */
  rule?: string;
  /** What was measured, e.g. `12.5 %`. */
  value?: string;
  /** The same condition is one alert while it lasts, however often it is checked. */
  dedupeKey: string;
  /**
   * What the condition is about, for the events announcing it (e.g. the
   * credential field and when it expires); not stored with the alert.
   */
  facts?: Record<string, unknown>;
}

/** One episode of a condition: raised, perhaps acknowledged, resolved once it cleared. */
export interface Alert extends AlertCondition {
  id: string;
  /** 1 the first time the condition fired, 2 when it returned after resolving, … */
  episode: number;
  status: AlertStatus;
  createdAt: string;
  updatedAt: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  /** Consecutive evaluations that found the condition clear. */
  clearCount: number;
  notified: boolean;
  notifyCount: number;
  lastNotifiedAt?: string;
  /** Reminders sent because nobody acknowledged it. */
  escalationLevel: number;
  /** The failing dependency that holds its notifications back. */
  suppressedBy?: string;
}

/** Why owners were told about an alert. */
export type NotificationKind = 'raised' | 'reminder' | 'resolved';

/** A notification sent about an alert, as recorded before it was sent. */
export interface SentNotification {
  sequence: number;
  kind: NotificationKind;
  escalationLevel: number;
  sentAt: string;
}
