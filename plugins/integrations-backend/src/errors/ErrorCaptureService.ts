import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ERRORS_SIGNAL_CHANNEL,
  Environment,
  ErrorSource,
  ErrorsSignal,
  FAILURE_CLASS_INFO,
  FailureClass,
  IntegrationConfig,
  TestRunResult,
  UsageEvent,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { removeSecrets } from '../connectionTests/classifyFailure';
import { TOKEN_REFRESH_ACTOR } from '../oauth/TokenRefreshTask';
import { failureTypeOf } from '../usage/usageRollup';
import { AutomatedFixService } from './AutomatedFixService';
import { ErrorOccurrence } from './errorOccurrence';
import { ErrorEventStore, RecordOutcome } from './ErrorEventStore';
import { ErrorGroupStore } from './ErrorGroupStore';
import { hourOf } from './errorRows';
import { FingerprintRule, fingerprintOf } from './fingerprint';
import { severityOf } from './severity';

/** Open pages hear about a busy group at most this often. */
const SIGNAL_INTERVAL_MS = 5_000;
const HOUR_MS = 3_600_000;

/**
 * Turns failures into error events: every failed check and test, and every
 * failed call reported as usage. Groups them by fingerprint, reopens
 * regressions, wakes snoozed groups, keeps severities current and tells
 * open pages.
 */
export class ErrorCaptureService {
  private readonly events: ErrorEventStore;
  private readonly groups: ErrorGroupStore;
  private readonly configs: ConfigStore;
  private readonly rules: FingerprintRule[];
  private readonly automatedFixes?: AutomatedFixService;
  private readonly signals?: SignalsService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;
  private readonly lastSignal = new Map<string, number>();

  constructor(options: {
    events: ErrorEventStore;
    groups: ErrorGroupStore;
    configs: ConfigStore;
    rules?: FingerprintRule[];
    /** Runs a group's fix, when turned on, as its events arrive. */
    automatedFixes?: AutomatedFixService;
    signals?: SignalsService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.events = options.events;
    this.groups = options.groups;
    this.configs = options.configs;
    this.rules = options.rules ?? [];
    this.automatedFixes = options.automatedFixes;
    this.signals = options.signals;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Failed checks and tests; runs that passed are left alone. */
  async captureRuns(
    runs: Array<{ config: IntegrationConfig; run: TestRunResult }>,
  ): Promise<void> {
    await this.capture(
      runs.flatMap(({ run }) => (run.failure ? [occurrenceOfRun(run)] : [])),
    );
  }

  /**
   * Failed calls among reported usage, with the redacted request and
   * response where the caller had them; the rest is usage only.
   */
  async captureUsage(
    events: UsageEvent[],
    exchanges: Record<
      string,
      { requestData?: unknown; responseData?: unknown }
    > = {},
  ): Promise<void> {
    await this.capture(
      events.flatMap(event => {
        const errorType = failureTypeOf(event);
        return errorType
          ? [{ ...occurrenceOfUsage(event, errorType), ...exchanges[event.id] }]
          : [];
      }),
    );
  }

  /**
   * Records failures. A failure here never fails the work that produced it:
   * it is logged, and the check or ingest goes on.
   */
  async capture(occurrences: ErrorOccurrence[]): Promise<void> {
    if (!occurrences.length) {
      return;
    }
    try {
      const batches = new Map<
        string,
        {
          fingerprint: ReturnType<typeof fingerprintOf>;
          items: ErrorOccurrence[];
        }
      >();
      for (const occurrence of occurrences) {
        const fingerprint = fingerprintOf(occurrence, this.rules);
        const batch = batches.get(fingerprint.fingerprint) ?? {
          fingerprint,
          items: [],
        };
        batch.items.push(occurrence);
        batches.set(fingerprint.fingerprint, batch);
      }
      const dependents = new Map<Environment, Map<string, number>>();
      for (const { fingerprint, items } of batches.values()) {
        const first = items[0];
        const dependentCount = await this.dependentsOf(
          dependents,
          first.environment,
          first.integration,
        );
        const initial = severityOf({
          environment: first.environment,
          errorType: first.errorType,
          dependentIntegrations: dependentCount,
          components: new Set(
            items.flatMap(i => (i.component ? [i.component] : [])),
          ).size,
          lastHour: items.length,
          usualPerHour: 0,
        });
        const outcome = await this.events.record(
          {
            fingerprint,
            occurrences: items,
            newGroup: {
              title: titleOf(first, fingerprint.rule),
              severity: initial.severity,
              severityReason: initial.reason,
            },
          },
          this.now(),
        );
        if (outcome) {
          await this.reassess(outcome, dependentCount);
          await this.announce(outcome);
          if (outcome.inserted) {
            await this.automatedFixes?.onArrival(outcome.group);
          }
        }
      }
    } catch (error) {
      this.logger.error(
        `Could not record ${occurrences.length} error events: ${error}`,
      );
    }
  }

  private async dependentsOf(
    cache: Map<Environment, Map<string, number>>,
    environment: Environment,
    integration: string,
  ): Promise<number> {
    let counts = cache.get(environment);
    if (!counts) {
      counts = new Map();
      const graph = await this.configs.getDependencyGraph(environment);
      for (const dependencies of graph.values()) {
        for (const dependency of dependencies) {
          counts.set(dependency, (counts.get(dependency) ?? 0) + 1);
        }
      }
      cache.set(environment, counts);
    }
    return counts.get(integration) ?? 0;
  }

  /** Severity from impact now that the group's rate is known. */
  private async reassess(
    outcome: RecordOutcome,
    dependentIntegrations: number,
  ) {
    const { group } = outcome;
    const now = this.now();
    const merged = await this.groups.mergedInto([group.id]);
    const hours = await this.groups.hours(
      [group.id, ...merged.map(m => m.id)],
      new Date(hourOf(now).getTime() - 24 * HOUR_MS),
    );
    const thisHour = hourOf(now).toISOString();
    const lastHour = hours
      .filter(h => h.hour === thisHour)
      .reduce((sum, h) => sum + h.events, 0);
    const before = hours
      .filter(h => h.hour !== thisHour)
      .reduce((sum, h) => sum + h.events, 0);
    const { severity, reason } = severityOf({
      environment: group.environment,
      errorType: group.errorType,
      dependentIntegrations,
      components: group.components.length,
      lastHour,
      usualPerHour: before / 24,
    });
    if (severity !== group.severity || reason !== group.severityReason) {
      await this.groups.setComputedSeverity(group.id, severity, reason);
    }
  }

  private async announce(outcome: RecordOutcome) {
    if (!this.signals) {
      return;
    }
    const { group } = outcome;
    let change: ErrorsSignal['change'] = 'occurred';
    if (outcome.created) {
      change = 'created';
    } else if (outcome.regressed) {
      change = 'regressed';
    }
    const now = this.now().getTime();
    // A busy group would otherwise make every open page refetch per event.
    if (
      change === 'occurred' &&
      now - (this.lastSignal.get(group.id) ?? 0) < SIGNAL_INTERVAL_MS
    ) {
      return;
    }
    this.lastSignal.set(group.id, now);
    await publishErrorsSignal(this.signals, this.logger, {
      patternId: group.id,
      integration: group.integration,
      environment: group.environment,
      change,
    });
  }
}

/** Tells open pages that errors changed; a lost signal costs a refresh, no more. */
export async function publishErrorsSignal(
  signals: SignalsService | undefined,
  logger: LoggerService,
  message: ErrorsSignal,
) {
  if (!signals) {
    return;
  }
  try {
    await signals.publish<ErrorsSignal & Record<string, any>>({
      recipients: { type: 'broadcast' },
      channel: ERRORS_SIGNAL_CHANNEL,
      message: { ...message },
    });
  } catch (error) {
    logger.warn(`Could not announce an error change: ${error}`);
  }
}

/** A group's name: what failed where, in words. */
function titleOf(
  occurrence: ErrorOccurrence,
  rule: string | undefined,
): string {
  const label =
    FAILURE_CLASS_INFO[occurrence.errorType as FailureClass]?.label ??
    occurrence.errorType.replace(/_/g, ' ');
  const where = occurrence.endpoint ? ` on ${occurrence.endpoint}` : '';
  const code = occurrence.providerCode ? ` (${occurrence.providerCode})` : '';
  return `${rule ? `${rule}: ` : ''}${label}${code}${where}`.slice(0, 300);
}

function sourceOfRun(run: TestRunResult): ErrorSource {
  if (run.triggeredBy === TOKEN_REFRESH_ACTOR) {
    return 'token_refresh';
  }
  return run.trigger === 'scheduled' ? 'health_check' : 'connection_test';
}

function occurrenceOfRun(run: TestRunResult): ErrorOccurrence {
  const failure = run.failure!;
  const step = run.steps.find(s => s.status === 'failed');
  return {
    id: `run:${run.id}`,
    integration: run.integration,
    environment: run.environment,
    source: sourceOfRun(run),
    errorType: failure.class,
    message: failure.providerMessage ?? failure.explanation,
    ...(failure.httpStatus !== undefined
      ? { httpStatus: failure.httpStatus }
      : {}),
    ...(failure.providerCode ? { providerCode: failure.providerCode } : {}),
    ...(failure.documentationUrl
      ? { documentationUrl: failure.documentationUrl }
      : {}),
    ...(failure.requestId ? { requestId: failure.requestId } : {}),
    ...(step?.target ? { endpoint: step.target } : {}),
    operation: step ? `${run.suite} test: ${step.name}` : `${run.suite} test`,
    ...(run.triggeredBy ? { userRef: run.triggeredBy } : {}),
    occurredAt: run.startedAt,
  };
}

function occurrenceOfUsage(
  event: UsageEvent,
  errorType: string,
): ErrorOccurrence {
  return {
    id: `usage:${event.integration}:${event.environment}:${event.id}`.slice(
      0,
      200,
    ),
    integration: event.integration,
    environment: event.environment,
    source: 'usage',
    errorType,
    // Reported text may hold anything: shaped keys are taken out here too.
    message: removeSecrets(
      event.errorMessage ??
        `${event.method} ${event.endpoint} ${
          event.status !== undefined
            ? `answered ${event.status}`
            : 'got no answer'
        }`,
      [],
    ),
    ...(event.status !== undefined ? { httpStatus: event.status } : {}),
    ...(event.errorCode
      ? { providerCode: removeSecrets(event.errorCode, []) }
      : {}),
    ...(event.requestId ? { requestId: event.requestId } : {}),
    endpoint: event.endpoint,
    operation: `${event.method} ${event.endpoint}`,
    ...(event.component ? { component: event.component } : {}),
    ...(event.caller ? { userRef: `plugin:${event.caller}` } : {}),
    occurredAt: event.occurredAt,
  };
}
