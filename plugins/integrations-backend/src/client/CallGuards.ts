import {
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleType,
} from 'cockatiel';
import { Environment } from '@internal/plugin-integrations-common';
import { OutboundRequestError, SafeHttpResponse } from '../network';
import { RateLimitThrottle } from './RateLimitThrottle';

export interface BreakerSettings {
  /** Consecutive failed calls that open the breaker. */
  consecutiveFailures: number;
  /** How long it stays open before letting one probing call through. */
  halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  consecutiveFailures: 5,
  halfOpenAfterMs: 30_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The breaker and throttle of one integration in one environment. */
export interface CallGuard {
  breaker: CircuitBreakerPolicy;
  throttle: RateLimitThrottle;
  breakerState(): BreakerState;
  /** Milliseconds until an open breaker lets a probing call through. */
  halfOpensInMs(): number;
}

/**
 * One circuit breaker and one throttle per integration and environment,
 * shared by every plugin that calls it: they protect the provider's account,
 * which all callers share.
 */
export class CallGuards {
  private readonly guards = new Map<string, CallGuard>();

  constructor(
    private readonly settings: BreakerSettings = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  of(integration: string, environment: Environment): CallGuard {
    const key = `${integration}:${environment}`;
    let guard = this.guards.get(key);
    if (!guard) {
      guard = this.create();
      this.guards.set(key, guard);
    }
    return guard;
  }

  private create(): CallGuard {
    // Failures the provider is responsible for; a 4xx is the caller's.
    const breaker = circuitBreaker(
      handleType(OutboundRequestError).orWhenResult(
        answer => (answer as SafeHttpResponse).status >= 500,
      ),
      {
        halfOpenAfter: this.settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.consecutiveFailures),
      },
    );
    let openedAt = 0;
    breaker.onBreak(() => {
      openedAt = this.now();
    });
    return {
      breaker,
      throttle: new RateLimitThrottle(this.now),
      breakerState: () => {
        switch (breaker.state) {
          case CircuitState.Open:
          case CircuitState.Isolated:
            return 'open';
          case CircuitState.HalfOpen:
            return 'half-open';
          default:
            return 'closed';
        }
      },
      halfOpensInMs: () =>
        Math.max(0, openedAt + this.settings.halfOpenAfterMs - this.now()),
    };
  }
}
