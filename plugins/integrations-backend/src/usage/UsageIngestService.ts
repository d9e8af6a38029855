import {
  ENVIRONMENTS,
  Environment,
  RejectedUsageEvent,
  USAGE_EVENT_MAX_SKEW_MS,
  UsageEvent,
  UsageIngestResponse,
  usageEventSchema,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { RateLimitRecorder } from '../rateLimits/RateLimitRecorder';
import { loadCallTargets, matchIntegration } from './integrationMatcher';
import { OtlpTraces, readClientSpans } from './otlpSpans';
import { UsageEventStore, UsageSource } from './UsageEventStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What became of the client spans of one OpenTelemetry export. */
export interface TracesIngestResult extends UsageIngestResponse {
  /** Spans to hosts no integration uses, by host. */
  unmatched: Record<string, number>;
  /** Spans to a base URL several integrations share, without `backstage.integration`. */
  ambiguous: number;
  /** Client spans without a URL or times. */
  malformed: number;
}

/**
 * Checks usage events one by one and stores the good ones: a batch from a
 * busy service should not lose 999 calls to one malformed event.
 */
export class UsageIngestService {
  private readonly events: UsageEventStore;
  private readonly configs: ConfigStore;
  private readonly maxAgeDays: number;
  private readonly now: () => Date;
  private readonly rateLimits?: RateLimitRecorder;
  private readonly onStored?: (events: UsageEvent[]) => Promise<void>;

  constructor(options: {
    events: UsageEventStore;
    configs: ConfigStore;
    /** Older events are refused: their raw neighbours are gone. */
    maxAgeDays: number;
    /** Keeps the rate limits and 429s the events report. */
    rateLimits?: RateLimitRecorder;
    /** Told of each accepted batch, e.g. to capture the failed calls as errors. */
    onStored?: (events: UsageEvent[]) => Promise<void>;
    now?: () => Date;
  }) {
    this.events = options.events;
    this.configs = options.configs;
    this.maxAgeDays = options.maxAgeDays;
    this.rateLimits = options.rateLimits;
    this.onStored = options.onStored;
    this.now = options.now ?? (() => new Date());
  }

  async ingest(
    items: unknown[],
    source: UsageSource,
  ): Promise<UsageIngestResponse> {
    const receivedAt = this.now();
    const known = await this.knownConfigurations();
    const rejected: RejectedUsageEvent[] = [];
    const valid: UsageEvent[] = [];
    items.forEach((item, index) => {
      const parsed = usageEventSchema.safeParse(item);
      if (!parsed.success) {
        rejected.push({
          index,
          ...idOf(item),
          fields: parsed.error.issues.map(issue => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
        });
        return;
      }
      const problems = this.problemsOf(parsed.data, known, receivedAt);
      if (problems.length) {
        rejected.push({ index, id: parsed.data.id, fields: problems });
        return;
      }
      valid.push(parsed.data);
    });
    const accepted = valid.length
      ? await this.events.insert(valid, { source, receivedAt })
      : 0;
    // Hits are keyed by event id, so a retried batch records each once.
    await this.rateLimits?.recordUsageEvents(valid);
    // So are error events: the failed calls become errors once.
    await this.onStored?.(valid);
    return { accepted, duplicates: valid.length - accepted, rejected };
  }

  /**
   * Client spans of an OpenTelemetry export, mapped to integrations by
   * where they went; spans to anything else are counted and dropped.
   */
  async ingestTraces(traces: OtlpTraces): Promise<TracesIngestResult> {
    const targets = await loadCallTargets(this.configs);
    const read = readClientSpans(traces, (environment, url, hint) =>
      matchIntegration(targets.get(environment) ?? [], url, hint),
    );
    const result = await this.ingest(read.events, 'otlp');
    return {
      ...result,
      unmatched: Object.fromEntries(read.unmatched),
      ambiguous: read.ambiguous,
      malformed: read.malformed,
    };
  }

  /** `name:environment` of every configuration that exists. */
  private async knownConfigurations(): Promise<Set<string>> {
    const known = new Set<string>();
    for (const environment of ENVIRONMENTS) {
      const graph = await this.configs.getDependencyGraph(environment);
      for (const name of graph.keys()) {
        known.add(`${name}:${environment}`);
      }
    }
    return known;
  }

  private problemsOf(
    event: UsageEvent,
    known: Set<string>,
    receivedAt: Date,
  ): { path: string; message: string }[] {
    const problems: { path: string; message: string }[] = [];
    if (!known.has(`${event.integration}:${event.environment}`)) {
      problems.push({
        path: 'integration',
        message: `No integration ${event.integration} is configured in ${
          event.environment as Environment
        }`,
      });
    }
    const occurred = Date.parse(event.occurredAt);
    if (occurred > receivedAt.getTime() + USAGE_EVENT_MAX_SKEW_MS) {
      problems.push({
        path: 'occurredAt',
        message: 'Lies in the future; check the clock of the sending host',
      });
    } else if (occurred < receivedAt.getTime() - this.maxAgeDays * DAY_MS) {
      problems.push({
        path: 'occurredAt',
        message: `Older than ${this.maxAgeDays} days, the longest usage events are kept`,
      });
    }
    return problems;
  }
}

/** The id of an event that failed its checks, when it has a usable one. */
function idOf(item: unknown): { id?: string } {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 128 ? { id } : {};
}
