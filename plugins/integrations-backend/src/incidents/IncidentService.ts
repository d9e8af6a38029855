import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Incident,
  IncidentDetail,
  IncidentTimelineEntry,
  IncidentsQuery,
  IncidentsResponse,
} from '@internal/plugin-integrations-common';
import { Actor } from '../audit/actor';
import { auditRecord } from '../audit/auditRecords';
import { AuditStore } from '../audit/AuditStore';
import { AlertStore } from '../alerts/AlertStore';
import { ErrorGroupStore } from '../errors/ErrorGroupStore';
import { VisibleConfiguration } from '../errors/ErrorService';
import { incidentTitle } from './incidentCauses';
import { IncidentNotifier } from './IncidentNotifier';
import { publishIncidentSignal } from './incidentSignals';
import { IncidentStore, StoredIncident } from './IncidentStore';

/** Alerts raised this long before an incident started belong to its story. */
const ALERTS_BEFORE_MS = 30 * 60_000;

/** The incident as the API has it. */
export function incidentOf(stored: StoredIncident): Incident {
  const integrations = [
    ...new Set(stored.members.map(m => m.integration)),
  ].sort();
  return {
    id: stored.id,
    title: incidentTitle(stored.cause, integrations),
    status: stored.status,
    environment: stored.environment,
    integrations,
    groupIds: stored.members.map(m => m.groupId),
    startedAt: stored.startedAt,
    updatedAt: stored.updatedAt,
    ...(stored.resolvedAt ? { resolvedAt: stored.resolvedAt } : {}),
    ...(stored.resolvedBy ? { resolvedBy: stored.resolvedBy } : {}),
    likelyCause: stored.cause,
  };
}

function visibleTo(visible: VisibleConfiguration[], incident: StoredIncident) {
  return incident.members.every(member =>
    visible.some(
      config =>
        config.name === member.integration &&
        config.environment === incident.environment,
    ),
  );
}

/** Incidents read back with their story and groups, and resolved by hand. */
export class IncidentService {
  private readonly store: IncidentStore;
  private readonly groups: ErrorGroupStore;
  private readonly alerts: AlertStore;
  private readonly audit: AuditStore;
  private readonly signals?: SignalsService;
  private readonly notifier?: Pick<IncidentNotifier, 'notify'>;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    store: IncidentStore;
    groups: ErrorGroupStore;
    alerts: AlertStore;
    audit: AuditStore;
    signals?: SignalsService;
    /** Tells the incident's people it was resolved by hand. */
    notifier?: Pick<IncidentNotifier, 'notify'>;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.groups = options.groups;
    this.alerts = options.alerts;
    this.audit = options.audit;
    this.signals = options.signals;
    this.notifier = options.notifier;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Incidents all of whose integrations the caller may read the errors of, newest first. */
  async list(
    visible: VisibleConfiguration[],
    query: IncidentsQuery,
  ): Promise<IncidentsResponse> {
    const { items, totalCount } = await this.store.list({
      configurations: visible.map(config => [config.name, config.environment]),
      environment: query.environment,
      status: query.status,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { items: items.map(incidentOf), totalCount };
  }

  /** The incident, if the caller may read the errors of all its integrations. */
  async visibleIncident(
    id: string,
    visible: VisibleConfiguration[],
  ): Promise<StoredIncident | undefined> {
    const incident = await this.store.get(id);
    return incident && visibleTo(visible, incident) ? incident : undefined;
  }

  async detail(incident: StoredIncident): Promise<IncidentDetail> {
    const ids = incident.members.map(m => m.groupId);
    const [groups, timeline, alerts] = await Promise.all([
      this.groups.getMany(ids),
      this.store.timeline(incident.id),
      this.alertsDuring(incident),
    ]);
    // A merged group shows as the group it was merged into.
    const targets = new Map(
      (
        await this.groups.getMany(
          groups.flatMap(g => (g.mergedInto ? [g.mergedInto] : [])),
        )
      ).map(g => [g.id, g]),
    );
    const byId = new Map(groups.map(g => [g.id, g]));
    return {
      ...incidentOf(incident),
      timeline: [...timeline, ...alerts].sort((a, b) =>
        a.at.localeCompare(b.at),
      ),
      patterns: ids.flatMap(id => {
        const group = byId.get(id);
        if (!group) {
          return [];
        }
        const shown =
          (group.mergedInto && targets.get(group.mergedInto)) || group;
        return [
          {
            patternId: group.id,
            name: group.title,
            integration: group.integration,
            status: shown.status,
            severity: shown.severityOverride ?? shown.severity,
          },
        ];
      }),
    };
  }

  /** Closes an open incident; its groups stay as they are. */
  async resolve(
    incident: StoredIncident,
    note: string | undefined,
    actor: Actor,
  ): Promise<IncidentDetail> {
    const at = this.now();
    const resolved = await this.store.resolve(
      incident.id,
      actor.userRef,
      note,
      at,
    );
    if (!resolved) {
      throw new ConflictError(
        `The incident ${incident.id} is already resolved`,
      );
    }
    const integrations = [...new Set(incident.members.map(m => m.integration))];
    await this.audit.append(
      integrations.map(integration =>
        auditRecord(actor, at, {
          action: 'incident_resolve',
          category: 'operations',
          integration,
          environment: incident.environment,
          details: {
            changedFields: ['status'],
            incidentId: incident.id,
            ...(note ? { note } : {}),
          },
        }),
      ),
    );
    await publishIncidentSignal(this.signals, this.logger, {
      incidentId: incident.id,
      environment: incident.environment,
      change: 'resolved',
    });
    await this.notifier?.notify(resolved, 'resolved');
    return this.detail(resolved);
  }

  /** Alerts of the incident's integrations raised around it, as timeline entries. */
  private async alertsDuring(
    incident: StoredIncident,
  ): Promise<IncidentTimelineEntry[]> {
    const from = Date.parse(incident.startedAt) - ALERTS_BEFORE_MS;
    const to = Date.parse(incident.resolvedAt ?? this.now().toISOString());
    const { items } = await this.alerts.list({
      configurations: [
        ...new Set(incident.members.map(m => m.integration)),
      ].map(name => ({ name, environment: incident.environment })),
      limit: 50,
    });
    return items
      .filter(alert => {
        const at = Date.parse(alert.createdAt);
        return at >= from && at <= to;
      })
      .map(alert => ({
        at: alert.createdAt,
        kind: 'alert_raised' as const,
        description: `Alert raised: ${alert.title}`,
        integration: alert.integration,
      }));
  }
}
