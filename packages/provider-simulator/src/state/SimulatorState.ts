import {
  applyBehaviourPatch,
  BehaviourPatch,
  defaultBehaviour,
  parseBehaviourPatch,
  ProviderBehaviour,
} from './behaviour';
import { RateLimitWindow } from './RateLimitWindow';
import { RecordedRequest, RequestLog } from './RequestLog';
import { TokenStore } from './TokenStore';

/**
 * In-process access to the simulator's state: the same state the HTTP control
 * API under `/_control` reads and changes.
 */
export interface SimulatorControl {
  /** Throws for an unknown provider. */
  get(provider: string): ProviderBehaviour;
  getAll(): Record<string, ProviderBehaviour>;
  /** Merges a change into a provider's behaviour; throws for an unknown provider or a bad value. */
  set(provider: string, patch: BehaviourPatch): ProviderBehaviour;
  /**
   * Makes one provider healthy again, with a fresh rate-limit window and an
   * empty request log; without a provider, all of them, and forgets every
   * issued and revoked token too.
   */
  reset(provider?: string): void;
  /** The provider's last 200 requests, oldest first. */
  requests(provider: string): RecordedRequest[];
  /** Makes a token endpoint refuse this refresh token from now on. */
  revokeRefreshToken(token: string): void;
}

export class UnknownProviderError extends Error {
  name = 'UnknownProviderError';

  constructor(provider: string) {
    super(`unknown provider ${provider}`);
  }
}

/** What the state needs to know of a provider. */
export interface ProviderLimits {
  id: string;
  defaultScopes: string[];
  rateLimit: { limit: number; windowMs: number; dailyLimit?: number };
}

interface ProviderState {
  defaultScopes: string[];
  behaviour: ProviderBehaviour;
  window: RateLimitWindow;
  log: RequestLog;
}

function copyBehaviour(behaviour: ProviderBehaviour): ProviderBehaviour {
  return {
    ...behaviour,
    scopes: behaviour.scopes && [...behaviour.scopes],
    ...(behaviour.rateLimit ? { rateLimit: { ...behaviour.rateLimit } } : {}),
  };
}

export class SimulatorState implements SimulatorControl {
  readonly tokens: TokenStore;
  private readonly providers = new Map<string, ProviderState>();

  constructor(
    providers: readonly ProviderLimits[],
    readonly now: () => number,
  ) {
    this.tokens = new TokenStore(now);
    for (const { id, defaultScopes, rateLimit } of providers) {
      this.providers.set(id, {
        defaultScopes,
        behaviour: defaultBehaviour(defaultScopes),
        window: new RateLimitWindow(
          { limit: rateLimit.limit, windowMs: rateLimit.windowMs },
          now,
          rateLimit.dailyLimit,
        ),
        log: new RequestLog(),
      });
    }
  }

  get(provider: string): ProviderBehaviour {
    return copyBehaviour(this.stateOf(provider).behaviour);
  }

  getAll(): Record<string, ProviderBehaviour> {
    return Object.fromEntries(
      [...this.providers].map(([id, state]) => [
        id,
        copyBehaviour(state.behaviour),
      ]),
    );
  }

  set(provider: string, patch: BehaviourPatch): ProviderBehaviour {
    const state = this.stateOf(provider);
    const { rateLimitRemaining, ...parsed } = parseBehaviourPatch(patch);
    state.behaviour = applyBehaviourPatch(
      state.behaviour,
      parsed,
      state.defaultScopes,
    );
    if (parsed.rateLimit !== undefined) {
      const override = state.behaviour.rateLimit;
      state.window.configure(
        override && {
          limit: override.limit,
          windowMs: override.windowSeconds * 1000,
        },
      );
    }
    // Pressure is a state of the window, not a standing behaviour: requests
    // spend it further and the next window starts full.
    if (rateLimitRemaining !== undefined) {
      state.window.spendTo(rateLimitRemaining);
    }
    return this.get(provider);
  }

  reset(provider?: string): void {
    const states =
      provider === undefined
        ? [...this.providers.values()]
        : [this.stateOf(provider)];
    for (const state of states) {
      state.behaviour = defaultBehaviour(state.defaultScopes);
      state.window.configure();
      state.window.reset();
      state.log.clear();
    }
    if (provider === undefined) {
      this.tokens.clear();
    }
  }

  requests(provider: string): RecordedRequest[] {
    return this.stateOf(provider).log.list();
  }

  revokeRefreshToken(token: string): void {
    this.tokens.revokeRefreshToken(token);
  }

  rateLimitWindow(provider: string): RateLimitWindow {
    return this.stateOf(provider).window;
  }

  requestLog(provider: string): RequestLog {
    return this.stateOf(provider).log;
  }

  private stateOf(provider: string): ProviderState {
    const state = this.providers.get(provider);
    if (!state) {
      throw new UnknownProviderError(provider);
    }
    return state;
  }
}
