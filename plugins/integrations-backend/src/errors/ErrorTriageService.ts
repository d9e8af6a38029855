import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ErrorSeverity,
  ErrorStatus,
  ErrorsSignal,
  SnoozePatternRequest,
} from '@internal/plugin-integrations-common';
import { invalidFields } from '../requestErrors/invalidRequest';
import { AutomatedFixService } from './AutomatedFixService';
import { publishErrorsSignal } from './ErrorCaptureService';
import { ErrorGroupStore, GroupChange } from './ErrorGroupStore';
import { StoredErrorGroup } from './errorRows';

/**
 * Triage of error groups: status, resolution, snooze, severity, merging.
 * Each change is one transaction with its history line, and open pages hear
 * of it. Permission checks and the audit log are the routes'.
 */
export class ErrorTriageService {
  private readonly groups: ErrorGroupStore;
  private readonly automatedFixes?: AutomatedFixService;
  private readonly signals?: SignalsService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    groups: ErrorGroupStore;
    automatedFixes?: AutomatedFixService;
    signals?: SignalsService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.groups = options.groups;
    this.automatedFixes = options.automatedFixes;
    this.signals = options.signals;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async resolve(
    group: StoredErrorGroup,
    request: {
      resolution: 'resolved' | 'workaround_applied';
      text: string;
      preventionMeasures: string[];
    },
    actor: string,
  ): Promise<StoredErrorGroup> {
    const now = this.now();
    return this.apply(group, 'triaged', {
      set: {
        status: 'resolved',
        regressed: false,
        resolution_status: request.resolution,
        resolved_by: actor,
        resolved_at: now,
        resolution_text: request.text,
        prevention_measures: JSON.stringify(request.preventionMeasures),
      },
      history: {
        actor,
        action: 'resolved',
        details: `${
          request.resolution === 'workaround_applied'
            ? 'Workaround applied'
            : 'Resolved'
        }: ${request.text}`,
      },
    });
  }

  async setStatus(
    group: StoredErrorGroup,
    status: Exclude<ErrorStatus, 'resolved'>,
    note: string | undefined,
    actor: string,
  ): Promise<StoredErrorGroup> {
    const reopened = group.status === 'resolved' && status === 'open';
    return this.apply(group, 'triaged', {
      set: {
        status,
        ...(reopened ? { resolution_status: 'unresolved' } : {}),
      },
      history: {
        actor,
        action: 'status_changed',
        details: `${group.status} → ${status}${note ? `: ${note}` : ''}`,
      },
    });
  }

  async snooze(
    group: StoredErrorGroup,
    request: SnoozePatternRequest,
    actor: string,
  ): Promise<StoredErrorGroup> {
    const now = this.now();
    if (request.until && Date.parse(request.until) <= now.getTime()) {
      throw invalidFields([
        { path: 'until', message: 'Must be in the future' },
      ]);
    }
    const conditions = [
      request.until ? `until ${request.until}` : undefined,
      request.untilOccurrences
        ? `for ${request.untilOccurrences} more events`
        : undefined,
      request.untilRatePerHour
        ? `unless more than ${request.untilRatePerHour} arrive in an hour`
        : undefined,
    ].filter(Boolean);
    return this.apply(group, 'triaged', {
      set: {
        snooze_until: request.until ? new Date(request.until) : null,
        snooze_until_occurrences: request.untilOccurrences ?? null,
        snooze_rate_per_hour: request.untilRatePerHour ?? null,
        snoozed_by: actor,
        snoozed_at: now,
      },
      history: {
        actor,
        action: 'snoozed',
        details: `Snoozed ${conditions.join(', ')}`,
      },
    });
  }

  async wake(
    group: StoredErrorGroup,
    actor: string,
  ): Promise<StoredErrorGroup> {
    return this.apply(group, 'triaged', {
      set: {
        snooze_until: null,
        snooze_until_occurrences: null,
        snooze_rate_per_hour: null,
        snoozed_by: null,
        snoozed_at: null,
      },
      history: { actor, action: 'woke', details: 'Woken by hand' },
    });
  }

  async setSeverity(
    group: StoredErrorGroup,
    severity: ErrorSeverity | null,
    actor: string,
  ): Promise<StoredErrorGroup> {
    return this.apply(group, 'triaged', {
      set: { severity_override: severity },
      history: {
        actor,
        action: 'severity_changed',
        details:
          severity === null
            ? `Back to the computed severity (${group.severity})`
            : `Set to ${severity} (computed: ${group.severity})`,
      },
    });
  }

  /** Turns the group's automated fix on or off. */
  async setAutomatedFix(
    group: StoredErrorGroup,
    enabled: boolean,
    actor: string,
  ): Promise<StoredErrorGroup> {
    if (enabled) {
      // Turning on a fix that cannot run would only look like protection.
      await this.automatedFixes?.fixOf(group);
    }
    return this.apply(group, 'triaged', {
      set: { automated_fix_enabled: enabled },
      history: {
        actor,
        action: 'automated_fix',
        details: enabled
          ? 'Turned the automated fix on: it runs with new events'
          : 'Turned the automated fix off',
      },
    });
  }

  /** Runs the group's fix now. */
  async runAutomatedFix(
    group: StoredErrorGroup,
    actor: string,
  ): Promise<StoredErrorGroup> {
    if (!this.automatedFixes) {
      throw new Error('Automated fixes are not available here');
    }
    const ran = await this.automatedFixes.run(group, actor);
    await this.announce(ran, 'triaged');
    return ran;
  }

  /** Sources must be of the target's configuration and not the target. */
  async merge(
    target: StoredErrorGroup,
    sourceIds: string[],
    actor: string,
  ): Promise<StoredErrorGroup> {
    const sources = await this.groups.getMany(sourceIds);
    const problems = sourceIds.flatMap((id, index) => {
      const source = sources.find(s => s.id === id);
      const path = `patternIds.${index}`;
      if (!source) {
        return [{ path, message: `No error pattern ${id}` }];
      }
      if (id === target.id) {
        return [{ path, message: 'A pattern cannot be merged into itself' }];
      }
      if (
        source.integration !== target.integration ||
        source.environment !== target.environment
      ) {
        return [
          {
            path,
            message: `Belongs to ${source.integration} (${source.environment}); only patterns of ${target.integration} (${target.environment}) merge here`,
          },
        ];
      }
      return [];
    });
    if (problems.length) {
      throw invalidFields(problems);
    }
    const merged = await this.groups.merge(
      target.id,
      sourceIds,
      actor,
      this.now(),
    );
    await this.announce(merged, 'merged');
    return merged;
  }

  async unmerge(
    target: StoredErrorGroup,
    sourceId: string,
    actor: string,
  ): Promise<StoredErrorGroup> {
    const [source] = await this.groups.getMany([sourceId]);
    if (!source || source.mergedInto !== target.id) {
      throw invalidFields([
        {
          path: 'patternId',
          message: `${sourceId} is not merged into ${target.id}`,
        },
      ]);
    }
    const alone = await this.groups.unmerge(
      target.id,
      sourceId,
      actor,
      this.now(),
    );
    await this.announce(alone, 'merged');
    return alone;
  }

  private async apply(
    group: StoredErrorGroup,
    change: ErrorsSignal['change'],
    update: GroupChange,
  ): Promise<StoredErrorGroup> {
    const changed = await this.groups.change(group.id, update, this.now());
    await this.announce(changed, change);
    return changed;
  }

  private async announce(
    group: StoredErrorGroup,
    change: ErrorsSignal['change'],
  ) {
    await publishErrorsSignal(this.signals, this.logger, {
      patternId: group.id,
      integration: group.integration,
      environment: group.environment,
      change,
    });
  }
}
