import {
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  AuditLogEntry,
  ConfigVersionSummary,
  Environment,
} from '@internal/plugin-integrations-common';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';
import { ChangeBefore, changeBefore, correlate } from './incidentCauses';
import { IncidentChange, IncidentNotifier } from './IncidentNotifier';
import { publishIncidentSignal } from './incidentSignals';
import { CandidateGroup, IncidentStore, StoredIncident } from './IncidentStore';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How incidents are found, from `integrations.errors.*`. */
export interface IncidentSettings {
  /** Groups starting this close together are correlated. */
  windowMinutes: number;
  /** A change this long before a group's start is its likely cause. */
  changeLookbackMinutes: number;
}

function minutesFromConfig(
  config: RootConfigService,
  key: string,
  fallback: number,
): number {
  const minutes = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw new Error(
      `${key} must be a whole number of minutes from 1 to 1440, not ${minutes}`,
    );
  }
  return minutes;
}

/** `integrations.errors.incidentWindowMinutes` and `…incidentChangeLookbackMinutes`, checked at start-up. */
export function incidentSettingsFromConfig(
  config: RootConfigService,
): IncidentSettings {
  return {
    windowMinutes: minutesFromConfig(
      config,
      'integrations.errors.incidentWindowMinutes',
      10,
    ),
    changeLookbackMinutes: minutesFromConfig(
      config,
      'integrations.errors.incidentChangeLookbackMinutes',
      30,
    ),
  };
}

/**
 * Correlates error groups into incidents: groups that started (or
 * regressed) within the window join the open incident whose cause they
 * share or open one (see `correlate`); open incidents whose groups are all
 * resolved are resolved. Idempotent: a group's episode is taken in once, and
 * one cause has one open incident per environment, however many runs or
 * backends find it.
 */
export class IncidentCorrelationTask {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      store: IncidentStore;
      configs: ConfigStore;
      audit: AuditStore;
      settings: IncidentSettings;
      /** Resolved incidents are kept as long as error events. */
      retentionDays: number;
      signals?: SignalsService;
      /** Tells the incident's people; without it, only open pages hear of it. */
      notifier?: Pick<IncidentNotifier, 'notify'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-incident-correlation',
      failure: 'Incident correlation failed',
      run: () => this.run(),
    });
  }

  async run(): Promise<void> {
    const { store, settings } = this.options;
    const now = this.now();
    for (const incident of await store.resolveSettled(now)) {
      await this.announce(incident, 'resolved');
    }
    const candidates = await store.candidateGroups(
      new Date(now.getTime() - settings.windowMinutes * MINUTE_MS),
    );
    if (candidates.length) {
      const open = await store.listOpen();
      const environments = new Set(candidates.map(group => group.environment));
      for (const environment of environments) {
        await this.correlateIn(
          environment,
          candidates.filter(group => group.environment === environment),
          open.filter(incident => incident.environment === environment),
          now,
        );
      }
    }
    await store.deleteResolvedBefore(
      new Date(now.getTime() - this.options.retentionDays * DAY_MS),
    );
  }

  private async correlateIn(
    environment: Environment,
    candidates: CandidateGroup[],
    open: StoredIncident[],
    now: Date,
  ) {
    const { store, configs, settings } = this.options;
    const [{ items }, dependencies, changes] = await Promise.all([
      configs.listConfigs({ environment }, { limit: 100_000 }),
      configs.getDependencyGraph(environment),
      this.changesBefore(environment, candidates, now),
    ]);
    const { joins, opens } = correlate({
      environment,
      candidates,
      open,
      providerOf: new Map(items.map(config => [config.name, config.provider])),
      dependencies,
      changes,
      windowMs: settings.windowMinutes * MINUTE_MS,
    });
    for (const { incidentId, groups } of joins) {
      const joined = await store.join(incidentId, groups, now);
      if (joined) {
        await this.announce(joined, 'changed');
      }
    }
    for (const { incident, groups } of opens) {
      const { incident: stored, created } = await store.open(
        incident,
        groups,
        now,
      );
      await this.announce(stored, created ? 'opened' : 'changed');
      if (created) {
        this.options.logger.info(
          `Incident ${stored.id} in ${environment}: ${incident.cause.description}`,
        );
      }
    }
  }

  /** The change found before each candidate group, by group id. */
  private async changesBefore(
    environment: Environment,
    candidates: CandidateGroup[],
    now: Date,
  ): Promise<Map<string, ChangeBefore>> {
    const { configs, audit, settings } = this.options;
    const lookbackMs = settings.changeLookbackMinutes * MINUTE_MS;
    const from = new Date(
      Math.min(...candidates.map(group => Date.parse(group.startedAt))) -
        lookbackMs,
    ).toISOString();
    const history = new Map<
      string,
      { versions: ConfigVersionSummary[]; credentials: AuditLogEntry[] }
    >();
    for (const integration of new Set(candidates.map(g => g.integration))) {
      const [versions, credentials] = await Promise.all([
        configs.listVersions(integration, environment),
        audit.list(
          {
            integration,
            action: 'credentials_update',
            from,
            to: now.toISOString(),
          },
          { limit: 100 },
        ),
      ]);
      history.set(integration, { versions, credentials: credentials.items });
    }
    const changes = new Map<string, ChangeBefore>();
    for (const group of candidates) {
      const { versions, credentials } = history.get(group.integration)!;
      const change = changeBefore(group, versions, credentials, lookbackMs);
      if (change) {
        changes.set(group.id, change);
      }
    }
    return changes;
  }

  /** Open pages and the incident's people hear of the change; neither throws. */
  private async announce(incident: StoredIncident, change: IncidentChange) {
    await publishIncidentSignal(this.options.signals, this.options.logger, {
      incidentId: incident.id,
      environment: incident.environment,
      change,
    });
    await this.options.notifier?.notify(incident, change);
  }
}
