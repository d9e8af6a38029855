import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ImpactedEntity } from '@internal/plugin-integrations-common';
import { peopleAmong } from '../alerts/AlertNotifier';
import { ConfigStore } from '../configuration/ConfigStore';
import { ImpactLookup } from '../impact/ImpactRecipients';
import { withAffected } from '../impact/impactSummary';
import { incidentTitle } from './incidentCauses';
import { StoredIncident } from './IncidentStore';

/** The one Backstage notification of an incident, which every later one updates in place. */
export function incidentNotificationScope(
  incident: Pick<StoredIncident, 'id'>,
) {
  return `integrations-incident:${incident.id}`;
}

/** What happened to the incident that its people hear of. */
export type IncidentChange = 'opened' | 'changed' | 'resolved';

/**
 * Tells the people of an incident through Backstage Notifications: the
 * owning groups of its integrations (and the groups and users among their
 * channels), and the owners of what depends on them in the catalog. One
 * notification per incident, updated in place as groups join and when it
 * resolves. Its topic is that of the integration it started on (or whose
 * change caused it), so muting an integration mutes its incidents too.
 *
 * Sending never throws: a failure is logged, and the incident goes on.
 */
export class IncidentNotifier {
  private readonly notifications: NotificationService;
  private readonly configs: Pick<ConfigStore, 'getConfigs'>;
  private readonly impact?: ImpactLookup;
  private readonly logger: LoggerService;

  constructor(options: {
    notifications: NotificationService;
    configs: Pick<ConfigStore, 'getConfigs'>;
    impact?: ImpactLookup;
    logger: LoggerService;
  }) {
    this.notifications = options.notifications;
    this.configs = options.configs;
    this.impact = options.impact;
    this.logger = options.logger;
  }

  async notify(incident: StoredIncident, change: IncidentChange) {
    try {
      const integrations = [
        ...new Set(incident.members.map(member => member.integration)),
      ];
      const [people, notices] = await Promise.all([
        this.ownersOf(integrations, incident),
        Promise.all(
          integrations.map(
            name =>
              this.impact?.noticeFor(name) ?? { owners: [], affected: [] },
          ),
        ),
      ]);
      const entityRef = [
        ...new Set(
          [...people, ...notices.flatMap(notice => notice.owners)].map(ref =>
            ref.toLowerCase(),
          ),
        ),
      ];
      if (entityRef.length === 0) {
        return;
      }
      const affected = new Map<string, ImpactedEntity>();
      for (const entity of notices.flatMap(notice => notice.affected)) {
        affected.set(
          entity.entityRef,
          affected.get(entity.entityRef) ?? entity,
        );
      }
      const title = incidentTitle(incident.cause, [...integrations].sort());
      const resolved = change === 'resolved';
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title: resolved ? `Resolved: ${title}` : title,
          description: resolved
            ? `The incident is resolved. Its likely cause was ${incident.cause.description}.`
            : withAffected(`Likely cause: ${incident.cause.description}.`, [
                ...affected.values(),
              ]),
          link: `/integrations/errors/incidents/${incident.id}`,
          severity: resolved ? 'normal' : 'high',
          topic: `integration:${
            incident.cause.integration ?? incident.members[0].integration
          }`,
          scope: incidentNotificationScope(incident),
          metadata: { incidentId: incident.id, status: incident.status },
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the notification of incident ${incident.id}: ${error}`,
      );
    }
  }

  /** The owners and people channels of the incident's configurations. */
  private async ownersOf(
    integrations: string[],
    incident: StoredIncident,
  ): Promise<string[]> {
    const configs = await Promise.all(
      integrations.map(name =>
        this.configs.getConfigs(name, incident.environment),
      ),
    );
    return configs
      .flat()
      .flatMap(config => [
        config.owner,
        ...peopleAmong(config.monitoringConfig.notificationChannels),
      ]);
  }
}
