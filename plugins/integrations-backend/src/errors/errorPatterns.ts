import {
  ErrorPattern,
  FAILURE_CLASS_INFO,
  FailureClass,
  IntegrationError,
  getProvider,
} from '@internal/plugin-integrations-common';
import {
  AUTOMATED_FIX_INTERVAL_MINUTES,
  automatedFixFor,
} from './AutomatedFixService';
import { StoredErrorEvent, StoredErrorGroup } from './errorRows';
import { suggestedActionsFor } from './suggestedActions';

const HOUR_MS = 3_600_000;
/** Hours in a pattern's trend line. */
export const TREND_HOURS = 24;

/** A group as the spec's ErrorPattern, with what was merged into it. */
export function patternOf(
  group: StoredErrorGroup,
  context: {
    provider: string | undefined;
    runbookUrl?: string;
    merged: StoredErrorGroup[];
    /** Events per hour of the group and its merged groups. */
    hours: Array<{ hour: string; events: number }>;
    now: Date;
  },
): ErrorPattern {
  const { merged } = context;
  const all = [group, ...merged];
  const actions = suggestedActionsFor(
    getProvider(context.provider ?? ''),
    group.errorType,
    group.providerCode,
  );
  const explanation =
    FAILURE_CLASS_INFO[group.errorType as FailureClass]?.explanation;
  const documentationUrl = group.documentationUrl ?? actions.documentationUrl;
  return {
    patternId: group.id,
    name: group.title,
    description: [explanation, `Latest: ${group.lastMessage}`]
      .filter(Boolean)
      .join(' '),
    integration: group.integration,
    environment: group.environment,
    matchingCriteria: {
      errorMessage: group.normalizedMessage,
      errorType: group.errorType,
      ...(group.httpStatus !== undefined
        ? { httpStatus: group.httpStatus }
        : {}),
      ...(group.endpoint ? { endpoint: group.endpoint } : {}),
      ...(group.providerCode ? { providerCode: group.providerCode } : {}),
    },
    occurrences: all.reduce((sum, g) => sum + g.occurrences, 0),
    firstSeen: all.map(g => g.firstSeen).reduce((a, b) => (a < b ? a : b)),
    lastSeen: all.map(g => g.lastSeen).reduce((a, b) => (a > b ? a : b)),
    suggestedActions: {
      immediate: actions.immediate,
      preventive: actions.preventive,
      monitoring: actions.monitoring,
    },
    automatedResponse: automatedResponseOf(group, context.provider),
    status: group.status,
    severity: group.severityOverride ?? group.severity,
    severityOverridden: group.severityOverride !== undefined,
    severityReason: group.severityOverride
      ? `Set by a person; computed: ${group.severity} (${group.severityReason})`
      : group.severityReason,
    resolution: group.resolution,
    regressed: group.regressed,
    ...(group.snooze
      ? {
          snooze: {
            ...(group.snooze.until ? { until: group.snooze.until } : {}),
            ...(group.snooze.untilOccurrences !== undefined
              ? { untilOccurrences: group.snooze.untilOccurrences }
              : {}),
            ...(group.snooze.ratePerHour !== undefined
              ? { untilRatePerHour: group.snooze.ratePerHour }
              : {}),
            snoozedBy: group.snooze.by,
            snoozedAt: group.snooze.at,
          },
        }
      : {}),
    mergedPatterns: merged.map(m => ({ patternId: m.id, name: m.title })),
    groupingVersion: group.groupingVersion,
    ...(documentationUrl ? { documentationUrl } : {}),
    ...(context.runbookUrl ? { runbookUrl: context.runbookUrl } : {}),
    trend: trendOf(context.hours, context.now),
    affectedComponents: [...new Set(all.flatMap(g => g.components))],
  };
}

function automatedResponseOf(
  group: StoredErrorGroup,
  provider: string | undefined,
): ErrorPattern['automatedResponse'] {
  const fix = automatedFixFor(
    getProvider(provider ?? ''),
    group.errorType,
    group.providerCode,
  );
  return {
    enabled: Boolean(fix) && group.automatedFix.enabled,
    actions: fix ? [fix] : [],
    escalationThreshold: AUTOMATED_FIX_INTERVAL_MINUTES,
    ...(group.automatedFix.lastRunAt
      ? { lastRunAt: group.automatedFix.lastRunAt }
      : {}),
  };
}

/** Events per hour over the last TREND_HOURS hours, oldest first. */
export function trendOf(
  hours: Array<{ hour: string; events: number }>,
  now: Date,
): number[] {
  const currentHour = Math.floor(now.getTime() / HOUR_MS);
  const trend = new Array<number>(TREND_HOURS).fill(0);
  for (const { hour, events } of hours) {
    const index =
      TREND_HOURS - 1 - (currentHour - Math.floor(Date.parse(hour) / HOUR_MS));
    if (index >= 0 && index < TREND_HOURS) {
      trend[index] += events;
    }
  }
  return trend;
}

/** A stored event as the spec's IntegrationError, under its group's triage. */
export function errorOf(
  event: StoredErrorEvent,
  pattern: Pick<
    ErrorPattern,
    'patternId' | 'severity' | 'status' | 'resolution' | 'documentationUrl'
  >,
  options: { sensitive: boolean; related: string[] },
): IntegrationError {
  const withheld =
    !options.sensitive &&
    (event.requestData !== undefined || event.responseData !== undefined);
  const documentationUrl = pattern.documentationUrl;
  return {
    id: event.id,
    integration: event.integration,
    environment: event.environment,
    errorType: event.errorType,
    severity: pattern.severity,
    status: pattern.status,
    errorDetails: {
      message: event.message,
      ...(event.endpoint ? { endpoint: event.endpoint } : {}),
      ...(event.operation ? { operation: event.operation } : {}),
      ...(options.sensitive && event.requestData !== undefined
        ? { requestData: event.requestData }
        : {}),
      ...(options.sensitive && event.responseData !== undefined
        ? { responseData: event.responseData }
        : {}),
      ...(event.httpStatus !== undefined
        ? { httpStatus: event.httpStatus }
        : {}),
      ...(event.providerCode ? { providerCode: event.providerCode } : {}),
      ...(documentationUrl ? { documentationUrl } : {}),
    },
    context: {
      timestamp: event.occurredAt,
      source: event.source,
      ...(event.userRef ? { userId: event.userRef } : {}),
      ...(event.requestId ? { requestId: event.requestId } : {}),
      ...(event.component ? { component: event.component } : {}),
    },
    resolution: pattern.resolution,
    relatedErrors: options.related.filter(id => id !== event.id),
    attachments: [],
    patternId: pattern.patternId,
    sensitiveDataHidden: withheld,
  };
}
