import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ALERTS_SIGNAL_CHANNEL,
  AlertSeverity,
  AlertSignal,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { ImpactLookup, ImpactNotice } from '../impact/ImpactRecipients';
import { withAffected } from '../impact/impactSummary';
import { SafeHttpClient } from '../network';
import { Alert, NotificationKind } from './AlertStore';

type NotificationSeverity = NonNullable<
  NotificationSendOptions['payload']['severity']
>;

const SEVERITY: Record<AlertSeverity, NotificationSeverity> = {
  critical: 'critical',
  warning: 'high',
  info: 'normal',
};

/** The one Backstage notification of an alert, which every later one updates in place. */
export function notificationScopeOf(alert: Pick<Alert, 'id'>): string {
  return `integrations-alert:${alert.id}`;
}

/**
 * Catalog refs among the notification channels (`group:…`, `user:…`) are
 * told through Backstage Notifications like the owner.
 */
const ENTITY_REF = /^(group|user):[^\s]+$/i;

/** The channels that are people in the catalog, told through Backstage Notifications. */
export function peopleAmong(channels: string[]): string[] {
  return channels.filter(channel => ENTITY_REF.test(channel));
}
/** Channels that are URLs get the alert as a JSON POST. */
const WEBHOOK_URL = /^https?:\/\//i;

/**
 * Tells people about alerts: the owning group's members (and any group or
 * user named as a channel) through Backstage Notifications, one notification
 * per alert that each later message updates in place (a critical alert
 * also to the owners of what depends on the integration in the catalog);
 * every http(s) URL
 * among the configuration's notification channels through a JSON POST; and
 * open pages through Signals. Other channels (`#payments-oncall`,
 * `email:…`) are shown on the configuration but have no sender here; a
 * Notifications processor module (email, Slack) can forward the Backstage
 * notifications to them.
 *
 * Sending never throws: a failed channel is logged, and the alert's life goes on.
 */
export class AlertNotifier {
  private readonly notifications?: NotificationService;
  private readonly http: Pick<SafeHttpClient, 'request'>;
  private readonly signals?: SignalsService;
  private readonly logger: LoggerService;
  private readonly appBaseUrl?: string;
  private readonly impact?: ImpactLookup;

  constructor(options: {
    notifications?: NotificationService;
    http: Pick<SafeHttpClient, 'request'>;
    signals?: SignalsService;
    logger: LoggerService;
    /** The portal's address, so webhook receivers get a link they can open. */
    appBaseUrl?: string;
    /** The owners of dependent Components and Systems, whom critical alerts reach too. */
    impact?: ImpactLookup;
  }) {
    this.notifications = options.notifications;
    this.http = options.http;
    this.signals = options.signals;
    this.logger = options.logger;
    this.appBaseUrl = options.appBaseUrl?.replace(/\/+$/, '');
    this.impact = options.impact;
  }

  /** Tells the alert's people, by each of its channels, what happened to it. */
  async notify(
    alert: Alert,
    kind: NotificationKind,
    config: IntegrationConfig | undefined,
  ): Promise<void> {
    const channels = config?.monitoringConfig.notificationChannels ?? [];
    await Promise.all([
      this.notifyPeople(alert, kind, config?.owner, channels),
      ...channels
        .filter(channel => WEBHOOK_URL.test(channel))
        .map(url => this.callWebhook(url, alert, kind)),
    ]);
  }

  /** Tells open pages that the alert changed; only which one, not what it says. */
  async broadcast(alert: Alert): Promise<void> {
    if (!this.signals) {
      return;
    }
    try {
      await this.signals.publish<AlertSignal & Record<string, any>>({
        recipients: { type: 'broadcast' },
        channel: ALERTS_SIGNAL_CHANNEL,
        message: {
          alertId: alert.id,
          integration: alert.integration,
          environment: alert.environment,
          status: alert.status,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not broadcast the change of alert ${alert.id}: ${error}`,
      );
    }
  }

  private async notifyPeople(
    alert: Alert,
    kind: NotificationKind,
    owner: string | undefined,
    channels: string[],
  ) {
    // A team's budget alert without integrations sits on the team itself.
    const teamAlert = ENTITY_REF.test(alert.integration);
    const fallback = teamAlert ? alert.integration : undefined;
    if (!this.notifications) {
      return;
    }
    // Every send of a critical alert, its resolution too, reaches the same
    // people, so each one's notification is updated in place.
    const impact: ImpactNotice =
      this.impact && alert.severity === 'critical' && !teamAlert
        ? await this.impact.noticeFor(alert.integration)
        : { owners: [], affected: [] };
    const entityRef = [
      ...new Set(
        [owner ?? fallback, ...peopleAmong(channels), ...impact.owners]
          .filter((ref): ref is string => Boolean(ref))
          .map(ref => ref.toLowerCase()),
      ),
    ];
    if (entityRef.length === 0) {
      return;
    }
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title: titleOf(alert, kind),
          description:
            kind === 'resolved'
              ? descriptionOf(alert, kind)
              : withAffected(descriptionOf(alert, kind), impact.affected),
          link: dashboardPath(alert),
          severity: kind === 'resolved' ? 'normal' : SEVERITY[alert.severity],
          // Users can mute one integration's alerts in their settings.
          topic: `integration:${alert.integration}`,
          scope: notificationScopeOf(alert),
          metadata: {
            alertId: alert.id,
            status: alert.status,
            escalationLevel: alert.escalationLevel,
          },
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the notification of alert ${alert.id}: ${error}`,
      );
    }
  }

  private async callWebhook(url: string, alert: Alert, kind: NotificationKind) {
    // The path of a webhook URL often is its secret: logs name the origin only.
    const origin = originOf(url);
    const link = `${this.appBaseUrl ?? ''}${dashboardPath(alert)}`;
    try {
      const answer = await this.http.request({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          event: kind,
          alertId: alert.id,
          integration: alert.integration,
          environment: alert.environment,
          type: alert.type,
          severity: alert.severity,
          status: alert.status,
          title: alert.title,
          message: alert.message,
          ...(alert.rule ? { rule: alert.rule } : {}),
          ...(alert.value ? { value: alert.value } : {}),
          escalationLevel: alert.escalationLevel,
          raisedAt: alert.createdAt,
          ...(alert.resolvedAt ? { resolvedAt: alert.resolvedAt } : {}),
          link,
        }),
        maxResponseBytes: 64 * 1024,
      });
      if (answer.status < 200 || answer.status >= 300) {
        this.logger.warn(
          `The alert webhook at ${origin} answered ${answer.status} for alert ${alert.id}`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `Could not call the alert webhook at ${origin} for alert ${alert.id}: ${
          (error as Error).message
        }`,
      );
    }
  }
}

function titleOf(alert: Alert, kind: NotificationKind): string {
  if (kind === 'resolved') {
    return `Resolved: ${alert.title}`;
  }
  if (kind === 'reminder') {
    return `Not acknowledged: ${alert.title}`;
  }
  return alert.title;
}

function descriptionOf(alert: Alert, kind: NotificationKind): string {
  const where = `${alert.integration} (${alert.environment})`;
  if (kind === 'resolved') {
    return `The condition on ${where} has cleared. It was: ${alert.message}`;
  }
  if (kind === 'reminder') {
    return `Raised at ${alert.createdAt} and not acknowledged yet (reminder ${alert.escalationLevel}). ${alert.message}`;
  }
  return alert.message;
}

function dashboardPath(alert: Alert): string {
  return `/integrations/dashboard?environment=${alert.environment}`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
