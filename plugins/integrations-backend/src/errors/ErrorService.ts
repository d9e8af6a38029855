import {
  Environment,
  ErrorPattern,
  ErrorPatternDetail,
  ErrorPatternsQuery,
  ErrorPatternsResponse,
  ErrorSummary,
  ErrorsQuery,
  IntegrationError,
  IntegrationErrorSummary,
  IntegrationErrorsResponse,
} from '@internal/plugin-integrations-common';
import { ErrorEventStore } from './ErrorEventStore';
import { ErrorGroupStore } from './ErrorGroupStore';
import { StoredErrorEvent, StoredErrorGroup } from './errorRows';
import { TREND_HOURS, errorOf, patternOf } from './errorPatterns';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Events shown with a pattern's detail. */
const RECENT_EVENTS = 20;
/** Periods longer than this chart their trend per day. */
const HOURLY_TREND_LIMIT_MS = 3 * DAY_MS;

/** A configuration whose errors the caller may see. */
export interface VisibleConfiguration {
  name: string;
  environment: Environment;
  provider: string;
  /** The team's runbook for the integration, from its monitoring settings. */
  runbookUrl?: string;
  /** Whether the caller may read its requests and responses too. */
  sensitive: boolean;
}

/** Which incident took a group in; incidents are correlated from groups elsewhere. */
export interface IncidentMembership {
  incidentOf(groupId: string): Promise<string | undefined>;
}

/** Error patterns and events read back, shaped as the spec has them. */
export class ErrorService {
  private readonly events: ErrorEventStore;
  private readonly groups: ErrorGroupStore;
  private readonly incidents?: IncidentMembership;
  private readonly now: () => Date;

  constructor(options: {
    events: ErrorEventStore;
    groups: ErrorGroupStore;
    incidents?: IncidentMembership;
    now?: () => Date;
  }) {
    this.events = options.events;
    this.groups = options.groups;
    this.incidents = options.incidents;
    this.now = options.now ?? (() => new Date());
  }

  async listPatterns(
    visible: VisibleConfiguration[],
    query: ErrorPatternsQuery,
  ): Promise<ErrorPatternsResponse> {
    const { items, totalCount } = await this.groups.list({
      configurations: pairsOf(visible, query),
      status: query.status,
      severity: query.severity,
      type: query.type,
      includeSnoozed: query.includeSnoozed === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { items: await this.patternsOf(items, visible), totalCount };
  }

  /** A pattern and what belongs to it; a merged group answers as its target. */
  async getPattern(
    id: string,
    visible: VisibleConfiguration[],
  ): Promise<ErrorPatternDetail | undefined> {
    const group = await this.visibleGroup(id, visible);
    if (!group) {
      return undefined;
    }
    const [pattern] = await this.patternsOf([group], visible);
    const merged = pattern.mergedPatterns.map(m => m.patternId);
    const [{ items }, history, incidentId] = await Promise.all([
      this.events.list({
        configurations: [[group.integration, group.environment]],
        groupIds: [group.id, ...merged],
        limit: RECENT_EVENTS,
        offset: 0,
      }),
      this.groups.history(group.id),
      this.incidents?.incidentOf(group.id),
    ]);
    const sensitive = configurationOf(visible, group)?.sensitive ?? false;
    const related = items.map(event => event.id);
    return {
      ...pattern,
      recentErrors: items.map(event =>
        errorOf(event, pattern, { sensitive, related }),
      ),
      history,
      ...(incidentId ? { incidentId } : {}),
    };
  }

  async listErrors(
    visible: VisibleConfiguration[],
    query: ErrorsQuery,
  ): Promise<IntegrationErrorsResponse> {
    const configurations = pairsOf(visible, query);
    let groupIds: string[] | undefined;
    if (query.pattern || query.status || query.severity) {
      groupIds = await this.groupIdsFor(configurations, query);
    }
    const { items, totalCount } = await this.events.list({
      configurations,
      groupIds,
      type: query.type,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { items: await this.errorsOf(items, visible), totalCount };
  }

  async getError(
    id: string,
    visible: VisibleConfiguration[],
  ): Promise<IntegrationError | undefined> {
    const event = await this.events.get(id);
    if (!event || !configurationOf(visible, event)) {
      return undefined;
    }
    const [error] = await this.errorsOf([event], visible);
    return error;
  }

  async summary(
    visible: VisibleConfiguration[],
    query: {
      environment?: Environment;
      integration?: string;
      from?: string;
      to?: string;
    },
  ): Promise<ErrorSummary> {
    const to = query.to ? new Date(query.to) : this.now();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - DAY_MS);
    const counts = await this.groups.summaryCounts(
      pairsOf(visible, query),
      from,
      to,
    );
    const open = counts.patterns.filter(
      p => p.status === 'open' || p.status === 'investigating',
    );
    const sum = (rows: Array<{ count: number }>) =>
      rows.reduce((total, row) => total + row.count, 0);
    const integrations = new Set([
      ...counts.eventsByIntegration.keys(),
      ...open.map(p => p.integration),
    ]);
    return {
      totalErrors: [...counts.eventsByIntegration.values()].reduce(
        (a, b) => a + b,
        0,
      ),
      uniqueErrors: counts.patterns.reduce((n, p) => n + p.seenInPeriod, 0),
      openErrors: sum(open),
      resolvedErrors: sum(counts.patterns.filter(p => p.status === 'resolved')),
      criticalErrors: sum(open.filter(p => p.severity === 'critical')),
      errorTrends: trendOver(counts.hours, from, to),
      errorsByIntegration: [...integrations]
        .map(integration => ({
          integration,
          totalErrors: counts.eventsByIntegration.get(integration) ?? 0,
          openPatterns: sum(open.filter(p => p.integration === integration)),
          criticalPatterns: sum(
            open.filter(
              p => p.integration === integration && p.severity === 'critical',
            ),
          ),
        }))
        .sort((a, b) => b.totalErrors - a.totalErrors),
    };
  }

  /**
   * The groups of the given integrations seen most recently, as the
   * dashboard's recent errors: one line per cause, not per failure.
   */
  async recentForDashboard(
    environment: Environment,
    integrations: string[],
    limit: number,
  ): Promise<IntegrationErrorSummary[]> {
    const { items } = await this.groups.list({
      configurations: integrations.map(name => [name, environment]),
      limit,
      offset: 0,
    });
    return items.map(group => ({
      id: group.id,
      integration: group.integration,
      environment: group.environment,
      errorType: group.errorType,
      severity: group.severityOverride ?? group.severity,
      status:
        group.status === 'resolved' || group.status === 'false_positive'
          ? 'resolved'
          : 'open',
      errorDetails: {
        message: group.lastMessage,
        operation: group.title,
        ...(group.httpStatus !== undefined
          ? { httpStatus: group.httpStatus }
          : {}),
      },
      context: { timestamp: group.lastSeen },
    }));
  }

  /** The group, or the one it was merged into, if the caller may see it. */
  async visibleGroup(
    id: string,
    visible: VisibleConfiguration[],
  ): Promise<StoredErrorGroup | undefined> {
    let group = await this.groups.get(id);
    if (group?.mergedInto) {
      group = await this.groups.get(group.mergedInto);
    }
    return group && configurationOf(visible, group) ? group : undefined;
  }

  private async groupIdsFor(
    configurations: Array<[string, string]>,
    query: ErrorsQuery,
  ): Promise<string[]> {
    if (query.pattern) {
      const group = await this.groups.get(query.pattern);
      if (!group || group.mergedInto) {
        return group ? [group.id] : [];
      }
      const merged = await this.groups.mergedInto([group.id]);
      return [group.id, ...merged.map(m => m.id)];
    }
    const { items } = await this.groups.list({
      configurations,
      status: query.status,
      severity: query.severity,
      includeSnoozed: true,
      limit: 1000,
      offset: 0,
    });
    const merged = await this.groups.mergedInto(items.map(g => g.id));
    return [...items, ...merged].map(g => g.id);
  }

  private async patternsOf(
    groups: StoredErrorGroup[],
    visible: VisibleConfiguration[],
  ): Promise<ErrorPattern[]> {
    const now = this.now();
    const merged = await this.groups.mergedInto(groups.map(g => g.id));
    const hours = await this.groups.hours(
      [...groups, ...merged].map(g => g.id),
      new Date(
        Math.floor(now.getTime() / HOUR_MS) * HOUR_MS -
          (TREND_HOURS - 1) * HOUR_MS,
      ),
    );
    return groups.map(group => {
      const own = merged.filter(m => m.mergedInto === group.id);
      const ids = new Set([group.id, ...own.map(m => m.id)]);
      const config = configurationOf(visible, group);
      return patternOf(group, {
        provider: config?.provider,
        runbookUrl: config?.runbookUrl,
        merged: own,
        hours: hours.filter(h => ids.has(h.groupId)),
        now,
      });
    });
  }

  private async errorsOf(
    events: StoredErrorEvent[],
    visible: VisibleConfiguration[],
  ): Promise<IntegrationError[]> {
    const owners = await this.groups.getMany([
      ...new Set(events.map(e => e.groupId)),
    ]);
    const targets = await this.groups.getMany([
      ...new Set(owners.flatMap(g => (g.mergedInto ? [g.mergedInto] : []))),
    ]);
    const byId = new Map([...owners, ...targets].map(g => [g.id, g]));
    const shown = [
      ...new Map(
        owners.map(g => {
          const target = byId.get(g.mergedInto ?? g.id) ?? g;
          return [target.id, target];
        }),
      ).values(),
    ];
    const patterns = new Map(
      (await this.patternsOf(shown, visible)).map(p => [p.patternId, p]),
    );
    return events.map(event => {
      const owner = byId.get(event.groupId)!;
      const pattern = patterns.get(owner.mergedInto ?? owner.id)!;
      return errorOf(event, pattern, {
        sensitive: configurationOf(visible, event)?.sensitive ?? false,
        related: [],
      });
    });
  }
}

function configurationOf(
  visible: VisibleConfiguration[],
  item: { integration: string; environment: Environment },
) {
  return visible.find(
    config =>
      config.name === item.integration &&
      config.environment === item.environment,
  );
}

/** The visible configurations a query narrows to, as column pairs. */
function pairsOf(
  visible: VisibleConfiguration[],
  query: { integration?: string; environment?: Environment },
): Array<[string, string]> {
  return visible
    .filter(
      config =>
        (!query.integration || config.name === query.integration) &&
        (!query.environment || config.environment === query.environment),
    )
    .map(config => [config.name, config.environment]);
}

/** Events per hour, or per day for long periods, with the empty ones. */
function trendOver(
  hours: Array<{ hour: string; events: number }>,
  from: Date,
  to: Date,
): ErrorSummary['errorTrends'] {
  const step =
    to.getTime() - from.getTime() > HOURLY_TREND_LIMIT_MS ? DAY_MS : HOUR_MS;
  const first = Math.floor(from.getTime() / step) * step;
  const points = new Map<number, number>();
  for (let at = first; at < to.getTime(); at += step) {
    points.set(at, 0);
  }
  for (const { hour, events } of hours) {
    const at = Math.floor(Date.parse(hour) / step) * step;
    if (points.has(at)) {
      points.set(at, points.get(at)! + events);
    }
  }
  return [...points].map(([at, errors]) => ({
    time: new Date(at).toISOString(),
    errors,
  }));
}
