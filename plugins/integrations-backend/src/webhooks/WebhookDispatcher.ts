import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ENDPOINT_FAILURE_DISABLE_DAYS,
  WEBHOOKS_SIGNAL_CHANNEL,
  WebhookSignal,
} from '@internal/plugin-integrations-common';
import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
} from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { CredentialVault } from '../credentials/CredentialVault';
import { ErrorOccurrence } from '../errors/errorOccurrence';
import { SafeHttpClient } from '../network';
import { attemptDelivery } from './deliveryAttempt';
import { StoredEndpoint } from './endpointRows';
import { signingSecrets } from './endpointSecrets';
import {
  AttemptOutcome,
  ClaimedDelivery,
  WebhookDeliveryStore,
} from './WebhookDeliveryStore';
import { scheduleLocalTask } from '../scheduling/scheduleTasks';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Consecutive failures of one endpoint that stop sending to it for a while. */
const BREAKER_FAILURES = 5;
const BREAKER_HALF_OPEN_MS = 30_000;
const SECRET_CACHE_MS = 60_000;

export interface DispatcherOptions {
  deliveries: WebhookDeliveryStore;
  http: SafeHttpClient;
  vault: CredentialVault;
  logger: LoggerService;
  signals?: SignalsService;
  /** Failed attempts become error events of their integration. */
  onFailedAttempts?: (occurrences: ErrorOccurrence[]) => Promise<void>;
  /** An endpoint was disabled: raise (or refresh) its alert. */
  onEndpointDisabled?: () => Promise<void>;
  /** Deliveries sent at once. */
  concurrency?: number;
  /** Deliveries claimed per round. */
  batchSize?: number;
  now?: () => Date;
  random?: () => number;
}

/**
 * Sends due deliveries. Every backend runs one (a local task): each claims
 * deliveries with a lease, so replicas share the work and never send the
 * same attempt twice, and a dispatcher that dies leaves its leases to expire
 * for another to take over. A commit that queued deliveries wakes it, so a
 * delivery leaves at once rather than at the next scheduled run.
 */
export class WebhookDispatcher {
  /** Names this dispatcher's leases. */
  readonly owner = `dispatcher-${randomUUID()}`;
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly secrets = new Map<
    string,
    { secrets: string[]; until: number }
  >();
  private running: Promise<number> | undefined;
  private again = false;
  private readonly now: () => Date;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleLocalTask(scheduler, schedule, {
      id: 'integrations-webhook-dispatcher',
      failure: 'Webhook dispatch failed',
      run: () => this.dispatchDue(),
    });
  }

  /** Starts a run now, or another right after the one under way. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.dispatchDue().catch(error =>
      this.options.logger.error(`Webhook dispatch failed: ${error}`),
    );
  }

  /** Sends everything due, round after round, and returns how many attempts it made. */
  dispatchDue(): Promise<number> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
        // Woken after the run last looked: look again rather than miss it.
        if (this.again) {
          this.wake();
        }
      });
    }
    return this.running;
  }

  private async drain(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    let attempted = 0;
    // The next round is claimed and sent while the last one is recorded:
    // two rounds at most are in flight.
    let recording: Promise<number> | undefined;
    for (;;) {
      this.again = false;
      const claimed = await this.options.deliveries.claimDue(
        this.owner,
        this.now(),
        batchSize,
      );
      const previous = recording;
      recording = claimed.length > 0 ? this.sendAll(claimed) : undefined;
      attempted += (await previous) ?? 0;
      if (claimed.length < batchSize && !this.again) {
        return attempted + ((await recording) ?? 0);
      }
    }
  }

  /**
   * Sends a round with bounded concurrency, then records all its attempts in
   * one transaction: a crash before that commit resends the round, which
   * at-least-once delivery allows, and a commit per delivery would cost more
   * than sending it.
   */
  private async sendAll(claimed: ClaimedDelivery[]): Promise<number> {
    const queue = [...claimed];
    const results: Array<{ claim: ClaimedDelivery; outcome: AttemptOutcome }> =
      [];
    const worker = async () => {
      for (let claim = queue.shift(); claim; claim = queue.shift()) {
        const outcome = await this.sendOne(claim);
        if (outcome) {
          results.push({ claim, outcome });
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.options.concurrency ?? 16, queue.length) },
        worker,
      ),
    );
    await this.options.deliveries.recordAttempts(this.owner, results);
    const failed = results.filter(({ outcome }) => !outcome.success);
    if (failed.length > 0) {
      await this.captureFailures(failed);
    }
    const disabled = results.filter(({ outcome }) => outcome.disableEndpoint);
    for (const { claim, outcome } of disabled) {
      this.options.logger.warn(
        `Disabled webhook endpoint ${claim.endpoint.name} of ${claim.integration}: ${outcome.disableEndpoint}`,
      );
    }
    if (disabled.length > 0) {
      await this.options.onEndpointDisabled?.();
    }
    // One signal per integration and round: open pages reload the log once.
    const announced = new Map(
      results.map(({ claim }) => [claim.integration, claim.id]),
    );
    for (const [integration, id] of announced) {
      await this.announce({ kind: 'delivery', integration, id });
    }
    return results.length;
  }

  /** One attempt, or nothing when the endpoint's breaker is open and the delivery was put back. */
  private async sendOne(
    claim: ClaimedDelivery,
  ): Promise<AttemptOutcome | undefined> {
    const { deliveries, http } = this.options;
    let outcome: AttemptOutcome;
    try {
      outcome = await this.breakerOf(claim.endpoint.id).execute(() =>
        attemptDelivery({
          claim,
          secrets: this.secretsOf(claim.endpoint),
          http,
          now: this.now,
          random: this.options.random,
        }),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        // The endpoint failed over and over just now: wait before trying it
        // again, without spending this delivery's attempts.
        await deliveries.defer(
          claim,
          this.owner,
          new Date(this.now().getTime() + BREAKER_HALF_OPEN_MS),
        );
        return undefined;
      }
      throw error;
    }
    const failingSince = claim.endpoint.failingSince;
    if (
      !outcome.success &&
      !outcome.disableEndpoint &&
      failingSince &&
      this.now().getTime() - Date.parse(failingSince) >=
        ENDPOINT_FAILURE_DISABLE_DAYS * DAY_MS
    ) {
      return {
        ...outcome,
        disableEndpoint: `No delivery succeeded for ${ENDPOINT_FAILURE_DISABLE_DAYS} days (failing since ${failingSince})`,
      };
    }
    return outcome;
  }

  /**
   * The endpoint's signing secrets, opened once a minute rather than once a
   * delivery; a rotation changes the key, so it is seen at once.
   */
  private secretsOf(endpoint: StoredEndpoint): string[] {
    const now = this.now();
    const key = `${endpoint.id}:${endpoint.secretGeneration}:${endpoint.previousSecretExpiresAt}`;
    const cached = this.secrets.get(key);
    if (cached && cached.until > now.getTime()) {
      return cached.secrets;
    }
    const secrets = signingSecrets(this.options.vault, endpoint, now);
    for (const [stale, entry] of this.secrets) {
      if (entry.until <= now.getTime()) {
        this.secrets.delete(stale);
      }
    }
    this.secrets.set(key, { secrets, until: now.getTime() + SECRET_CACHE_MS });
    return secrets;
  }

  private breakerOf(endpointId: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(endpointId);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhenResult(outcome => !(outcome as AttemptOutcome).success),
        {
          halfOpenAfter: BREAKER_HALF_OPEN_MS,
          breaker: new ConsecutiveBreaker(BREAKER_FAILURES),
        },
      );
      this.breakers.set(endpointId, breaker);
    }
    return breaker;
  }

  private async captureFailures(
    failed: Array<{ claim: ClaimedDelivery; outcome: AttemptOutcome }>,
  ) {
    if (!this.options.onFailedAttempts) {
      return;
    }
    try {
      await this.options.onFailedAttempts(
        failed.map(({ claim, outcome }) => {
          const origin = URL.canParse(claim.endpoint.url)
            ? new URL(claim.endpoint.url).host
            : claim.endpoint.name;
          return {
            id: `webhook:${claim.id}:${claim.attempts + 1}`,
            integration: claim.integration,
            environment: claim.environment,
            source: 'webhook_delivery',
            errorType: 'webhook_delivery_failed',
            message: `Webhook ${claim.eventType} to ${
              claim.endpoint.name
            } (${origin}) failed: ${outcome.error ?? 'no answer'}`,
            httpStatus: outcome.status,
            endpoint: `POST ${origin}`,
            operation: claim.eventType,
            occurredAt: outcome.startedAt.toISOString(),
          };
        }),
      );
    } catch (error) {
      // The deliveries' own records are what matter; their error events can be missed.
      this.options.logger.warn(
        `Could not record failed webhook deliveries as errors: ${error}`,
      );
    }
  }

  private async announce(message: WebhookSignal) {
    await this.options.signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: WEBHOOKS_SIGNAL_CHANNEL,
        message: message as any,
      })
      .catch(() => undefined);
  }
}
