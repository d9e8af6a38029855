import {
  AuditLogEntry,
  ConfigVersionSummary,
  Environment,
  IncidentCause,
  IncidentTimelineEntry,
  getProvider,
} from '@internal/plugin-integrations-common';
import { CandidateGroup, NewIncident, StoredIncident } from './IncidentStore';

/** The catalog's entry for any other HTTP API: its integrations share no provider. */
const GENERIC_PROVIDER = 'generic-http';

/** Saves that change how an integration talks to its provider. */
const CONFIGURATION_CHANGES = new Set([
  'update',
  'rollback',
  'bulk_update',
  'copy',
]);

/** A change to one integration shortly before one of its groups started. */
export interface ChangeBefore {
  causeKey: string;
  cause: IncidentCause;
  /** The change, as the incident's story starts. */
  entry: IncidentTimelineEntry;
}

/** What the correlation of one environment's recent groups knows. */
export interface CorrelationInput {
  environment: Environment;
  /** Groups that started recently and are in no incident yet. */
  candidates: CandidateGroup[];
  /** The environment's open incidents. */
  open: StoredIncident[];
  /** Provider id of each integration. */
  providerOf: Map<string, string>;
  /** Each integration's dependencies. */
  dependencies: Map<string, string[]>;
  /** The change found before each candidate, by group id. */
  changes: Map<string, ChangeBefore>;
  /** How far apart groups of one provider or dependency still start together. */
  windowMs: number;
}

/** Groups that join open incidents, and the incidents to open. */
export interface Correlation {
  joins: Array<{ incidentId: string; groups: CandidateGroup[] }>;
  opens: Array<{ incident: NewIncident; groups: CandidateGroup[] }>;
}

const time = (iso: string) => Date.parse(iso);

/**
 * The latest configuration change or credential update of the group's
 * integration in the `lookbackMs` before the group started. A configuration
 * change points at the version before it, the one a rollback restores.
 */
export function changeBefore(
  group: CandidateGroup,
  versions: ConfigVersionSummary[],
  credentialUpdates: AuditLogEntry[],
  lookbackMs: number,
): ChangeBefore | undefined {
  const start = time(group.startedAt);
  const within = (at: string) =>
    time(at) <= start && time(at) >= start - lookbackMs;
  const version = versions
    .filter(v => CONFIGURATION_CHANGES.has(v.changeType) && within(v.createdAt))
    .sort((a, b) => time(b.createdAt) - time(a.createdAt))[0];
  const credentials = credentialUpdates
    .filter(
      entry =>
        entry.outcome === 'success' &&
        entry.environment === group.environment &&
        within(entry.timestamp),
    )
    .sort((a, b) => time(b.timestamp) - time(a.timestamp))[0];
  if (
    credentials &&
    (!version || time(credentials.timestamp) > time(version.createdAt))
  ) {
    const fields = credentials.details.changedFields.join(', ');
    return {
      causeKey: `credentials:${group.integration}:${credentials.eventId}`,
      cause: {
        kind: 'credential_change',
        description: `credentials of ${group.integration} changed by ${credentials.userId} at ${credentials.timestamp}`,
        integration: group.integration,
        changedBy: credentials.userId,
        changedAt: credentials.timestamp,
      },
      entry: {
        at: credentials.timestamp,
        kind: 'credential_change',
        description: `Credentials of ${group.integration} changed${
          fields ? ` (${fields})` : ''
        }`,
        integration: group.integration,
        actor: credentials.userId,
      },
    };
  }
  if (!version) {
    return undefined;
  }
  const fields = version.changedFields.join(', ');
  return {
    causeKey: `configuration:${group.integration}:${version.version}`,
    cause: {
      kind: 'configuration_change',
      description: `configuration change v${version.version} of ${group.integration} by ${version.author} at ${version.createdAt}`,
      integration: group.integration,
      version: version.version,
      rollbackToVersion: version.version - 1,
      changedBy: version.author,
      changedAt: version.createdAt,
    },
    entry: {
      at: version.createdAt,
      kind: 'configuration_change',
      description: `Configuration of ${group.integration} saved as v${
        version.version
      }${fields ? ` (${fields})` : ''}`,
      integration: group.integration,
      actor: version.author,
    },
  };
}

/** The provider's name as people know it. */
function providerName(provider: string): string {
  return getProvider(provider)?.displayName ?? provider;
}

/** An incident's name: what fails, and the likely cause. */
export function incidentTitle(
  cause: IncidentCause,
  integrations: string[],
): string {
  const failing = integrations.join(', ');
  switch (cause.kind) {
    case 'provider':
      return `${providerName(cause.provider!)} failing on ${failing}`;
    case 'dependency':
      return `${failing} failing: shared dependency ${cause.dependency}`;
    case 'configuration_change':
      return `${failing} failing after configuration change v${cause.version} of ${cause.integration}`;
    default:
      return `${failing} failing after the credentials of ${cause.integration} changed`;
  }
}

/** Integrations the groups are on, once each. */
function integrationsOf(groups: CandidateGroup[]): Set<string> {
  return new Set(groups.map(group => group.integration));
}

/** The newest start among an incident's groups: a cascade goes on from there. */
function lastStart(incident: StoredIncident): number {
  return Math.max(...incident.members.map(m => time(m.startedAt)));
}

function dependsOn(
  input: CorrelationInput,
  integration: string,
  dependency: string,
): boolean {
  return (
    integration === dependency ||
    (input.dependencies.get(integration) ?? []).includes(dependency)
  );
}

/** The open incident whose cause the group shares, if any. */
function incidentToJoin(
  input: CorrelationInput,
  group: CandidateGroup,
): StoredIncident | undefined {
  const change = input.changes.get(group.id);
  const recent = (incident: StoredIncident) =>
    time(group.startedAt) - lastStart(incident) <= input.windowMs;
  return (
    input.open.find(incident => incident.causeKey === change?.causeKey) ??
    input.open.find(
      incident =>
        incident.cause.kind === 'dependency' &&
        dependsOn(input, group.integration, incident.cause.dependency!) &&
        recent(incident),
    ) ??
    input.open.find(
      incident =>
        incident.cause.kind === 'provider' &&
        input.providerOf.get(group.integration) === incident.cause.provider &&
        recent(incident),
    )
  );
}

/**
 * The dependency (or failing integration others depend on) that the most
 * integrations among the groups share, if two or more do.
 */
function mostSharedDependency(
  input: CorrelationInput,
  groups: CandidateGroup[],
): { dependency: string; groups: CandidateGroup[] } | undefined {
  const dependencies = new Set(
    groups.flatMap(group => [
      group.integration,
      ...(input.dependencies.get(group.integration) ?? []),
    ]),
  );
  const best = [...dependencies]
    .map(dependency => {
      const sharing = groups.filter(group =>
        dependsOn(input, group.integration, dependency),
      );
      return {
        dependency,
        groups: sharing,
        spread: integrationsOf(sharing).size,
      };
    })
    .sort(
      (a, b) => b.spread - a.spread || a.dependency.localeCompare(b.dependency),
    )[0];
  return best && best.spread >= 2 ? best : undefined;
}

/**
 * Correlates one environment's recent groups: each joins an open incident
 * with its cause; the rest form new ones, in this order, by a change to
 * their integration shortly before (one group is enough), by provider (two
 * integrations or more) and by a shared dependency (two integrations or
 * more). Groups with none of these stay on their own.
 */
export function correlate(input: CorrelationInput): Correlation {
  const joins = new Map<string, CandidateGroup[]>();
  let remaining: CandidateGroup[] = [];
  for (const group of input.candidates) {
    const incident = incidentToJoin(input, group);
    if (incident) {
      joins.set(incident.id, [...(joins.get(incident.id) ?? []), group]);
    } else {
      remaining.push(group);
    }
  }

  const opens: Correlation['opens'] = [];
  const openFor = (
    causeKey: string,
    cause: IncidentCause,
    groups: CandidateGroup[],
    timeline: IncidentTimelineEntry[] = [],
  ) => {
    opens.push({
      incident: { environment: input.environment, causeKey, cause, timeline },
      groups,
    });
    const taken = new Set(groups.map(group => group.id));
    remaining = remaining.filter(group => !taken.has(group.id));
  };

  const byChange = new Map<string, CandidateGroup[]>();
  for (const group of remaining) {
    const change = input.changes.get(group.id);
    if (change) {
      byChange.set(change.causeKey, [
        ...(byChange.get(change.causeKey) ?? []),
        group,
      ]);
    }
  }
  for (const [causeKey, groups] of byChange) {
    const change = input.changes.get(groups[0].id)!;
    openFor(causeKey, change.cause, groups, [change.entry]);
  }

  const byProvider = new Map<string, CandidateGroup[]>();
  for (const group of remaining) {
    const provider = input.providerOf.get(group.integration);
    if (provider && provider !== GENERIC_PROVIDER) {
      byProvider.set(provider, [...(byProvider.get(provider) ?? []), group]);
    }
  }
  for (const [provider, groups] of byProvider) {
    if (integrationsOf(groups).size >= 2) {
      openFor(
        `provider:${provider}`,
        {
          kind: 'provider',
          description: `provider ${providerName(provider)} failing`,
          provider,
        },
        groups,
      );
    }
  }

  // The dependency most of the rest share first, until none is shared.
  for (
    let shared = mostSharedDependency(input, remaining);
    shared;
    shared = mostSharedDependency(input, remaining)
  ) {
    openFor(
      `dependency:${shared.dependency}`,
      {
        kind: 'dependency',
        description: `shared dependency ${shared.dependency}`,
        dependency: shared.dependency,
      },
      shared.groups,
    );
  }

  return {
    joins: [...joins].map(([incidentId, groups]) => ({ incidentId, groups })),
    opens,
  };
}
