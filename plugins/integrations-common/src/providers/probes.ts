import type { ProviderErrorFormat } from './errorFormat';
import { FailureClass } from '../testing';

/**
 * One HTTP request a probe makes, relative to the integration's base URL.
 * `{settings.x}` and `{credentials.x}` placeholders in the path, query and
 * string leaves of the JSON body are filled in from the configuration and the
 * vault when the probe runs; anything shown to people uses the template, so a
 * credential placed in a path (Telegram) is never displayed.
 */
export interface ProbeRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  jsonBody?: unknown;
  /** Statuses that count as success; 200 when omitted. */
  okStatus?: number[];
  /** A setting that holds the method or the expected status instead (generic HTTP). */
  methodSetting?: string;
  okStatusSetting?: string;
  /** A dotted path into the JSON response that must hold for success. */
  expect?: { path: string; equals?: unknown; truthy?: boolean };
}

/** How a probe request proves who it is. */
export type ProbeAuth =
  /** `Authorization: Bearer <credential>`. */
  | { scheme: 'bearer'; credential: string }
  /** A provider-specific header carrying the credential as is. */
  | { scheme: 'header'; header: string; credential: string }
  /** The header name and scheme come from the integration's own settings. */
  | {
      scheme: 'configured_header';
      credential: string;
      headerSetting: string;
      prefixSetting: string;
    }
  /** The credential travels in the path or body through placeholders. */
  | { scheme: 'in_request' }
  /** `Authorization: Bearer <access token>` obtained through `ProviderOAuth`. */
  | { scheme: 'oauth2' }
  /** `Authorization: Bearer <JWT>` signed with a private key from the vault. */
  | {
      scheme: 'jwt';
      keyIdCredential: string;
      privateKeyCredential: string;
      algorithmSetting: string;
      lifetimeSetting: string;
    };

/** Where the scopes granted to a credential can be read. */
export type ScopeSource =
  /** A response header of the auth check, comma separated (GitHub's X-OAuth-Scopes). */
  | { from: 'header'; header: string }
  /** The `scope` of the token endpoint's answer. */
  | { from: 'token_response' }
  /** Google's tokeninfo endpoint, resolved relative to the token URL. */
  | { from: 'token_info'; path: string };

/** How a provider reports its rate limit in response headers. */
export interface RateLimitHeaders {
  limit: string;
  remaining: string;
  reset: string;
  /** `epoch_seconds`: a Unix time; `seconds`: seconds from now. */
  resetUnit: 'epoch_seconds' | 'seconds';
}

/** The OAuth 2.0 token endpoint of a provider. */
export interface ProviderOAuth {
  /**
   * The real token endpoint, or a path resolved against the base URL when the
   * API host serves it (PayPal, whose sandbox has its own host). An
   * integration may point elsewhere with `authConfig.tokenUrl`.
   */
  tokenUrl: string;
  grant: 'refresh_token' | 'client_credentials';
  /** HTTP Basic with the client id and secret, or both in the form body. */
  clientAuthentication: 'basic' | 'body';
  /** The provider issues a new refresh token with every refresh (X does). */
  rotatesRefreshToken?: boolean;
  /** Only the client secret goes in the body, as Stripe Connect expects. */
  clientSecretOnly?: boolean;
}

/**
 * What the backend can do by itself about an error, once an admin turns it
 * on for the error's group: refresh the OAuth access token, run the test
 * again to see whether the provider recovered, pause the health checks (a
 * refused key is not retried every minute), or raise the configuration's
 * rate-limit buffer so the client waits earlier.
 */
export const AUTOMATED_FIX_KINDS = [
  'refresh_token',
  'rerun_test',
  'pause_checks',
  'raise_rate_limit_buffer',
] as const;
export type AutomatedFixKind = (typeof AUTOMATED_FIX_KINDS)[number];

/**
 * A failure the provider is known to produce, with what it means for this
 * provider and the steps that fix it, in order.
 */
export interface KnownError {
  failure: FailureClass;
  /**
   * A response that is this failure whatever its status suggests (GitHub
   * answers a spent rate limit with 403). Without it, the entry applies to
   * every failure of the class.
   */
  match?: { status?: number; bodyIncludes?: string };
  /**
   * Only errors carrying this provider code (as its error format reads it,
   * e.g. Stripe's `card_declined`) are this entry.
   */
  providerCode?: string;
  /** What the failure means for this provider, in plain words. */
  explanation: string;
  /** What fixes it now, in order. */
  repairSteps: string[];
  /** What keeps it from happening again. */
  preventive?: string[];
  /** What to watch so it is seen early next time. */
  monitoring?: string[];
  /** The provider's page about this error. */
  documentationUrl?: string;
  /** The fix that suits it, instead of the one of its failure class. */
  automatedFix?: AutomatedFixKind;
}

/** The probes that prove an integration works, as data. */
export interface ProviderProbes {
  auth: ProbeAuth;
  /** One authenticated request that succeeds only with valid credentials. */
  authCheck: ProbeRequest & { operation: string };
  /** One harmless call with an expected outcome. */
  functional: ProbeRequest & { operation: string };
  scopes?: ScopeSource;
  rateLimit?: RateLimitHeaders;
  /** Where its error answers put code, message and links; common shapes when absent. */
  errorFormat?: ProviderErrorFormat;
  knownErrors: KnownError[];
}
