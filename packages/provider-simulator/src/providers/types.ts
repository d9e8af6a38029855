import { Request, RequestHandler, Router } from 'express';
import { ProviderBehaviour } from '../state/behaviour';
import { RateLimitUsage } from '../state/RateLimitWindow';
import { TokenStore } from '../state/TokenStore';
import { Reply } from '../server/reply';

/** A provider's error answers, each in the shape the real provider uses. */
export interface ProviderErrors {
  /** Missing, malformed or refused credentials. */
  unauthorized(req: Request): Reply;
  /**
   * The answer once the rate limit is spent. `retryAfterSeconds` is undefined
   * when a 429 was forced without saying for how long.
   */
  rateLimited(retryAfterSeconds: number | undefined): Reply;
  /** Any other forced status, and the 503s of `failureRate`. */
  failure(status: number): Reply;
  notFound(req: Request): Reply;
}

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
  /** A 24-hour cap counted beside the window, as X's per-app daily limit. */
  dailyLimit?: number;
  /** The headers the provider reports its rate limit in, if it does. */
  headers?(usage: RateLimitUsage): Record<string, string>;
  /** Requests that do not count, such as GitHub's own rate-limit endpoint. */
  exempt?(req: Request): boolean;
}

/** What a provider's routes may use of the simulator. */
export interface ProviderContext {
  behaviour(): ProviderBehaviour;
  /** The simulator's clock, in ms since the epoch. */
  now(): number;
  tokens: TokenStore;
  rateLimitUsage(): RateLimitUsage;
  /**
   * Answers the provider's 401 unless `isValid` accepts the request's
   * credentials and the provider is not told to reject them.
   */
  requireCredentials(isValid: (req: Request) => boolean): RequestHandler;
}

/** One external API, answering under `/<id>` followed by its real paths. */
export interface SimulatedProvider {
  id: string;
  /** Scopes credentials are said to have until the control API says otherwise. */
  defaultScopes: string[];
  rateLimit: RateLimitPolicy;
  errors: ProviderErrors;
  /** Headers the provider sends with every answer, such as a request id. */
  responseHeaders?(): Record<string, string>;
  routes(context: ProviderContext): Router;
}
