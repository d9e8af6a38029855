import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** The request headers the integrations backend reads besides the call's own. */
export const CLIENT_REQUEST_HEADERS = {
  environment: 'x-integrations-environment',
  component: 'x-integrations-component',
  endpoint: 'x-integrations-endpoint',
  timeoutMs: 'x-integrations-timeout-ms',
} as const;

/** What a call's answer says about how it was made. */
export const CLIENT_RESPONSE_HEADERS = {
  /** How many times the request was sent to the provider. */
  attempts: 'x-integrations-attempts',
  /** Milliseconds the call waited to keep the rate-limit buffer free. */
  throttleDelayMs: 'x-integrations-throttle-delay-ms',
  /** The circuit breaker of the integration: closed, open or half-open. */
  breaker: 'x-integrations-breaker',
} as const;

/**
 * A call to an integration: a standard `fetch` init, plus which of the
 * integration's environments to call and what the call is for.
 *
 * @public
 */
export interface IntegrationsFetchInit extends RequestInit {
  /** production, staging or development; by default the one configured for the calling plugin. */
  environment?: string;
  /** The catalog Component the call is made for, e.g. `component:default/checkout`. */
  component?: string;
  /** The endpoint as a template, e.g. `/v1/customers/{id}`, so calls group in usage analytics. */
  endpoint?: string;
  /**
   * How long the call may take in all, retries and rate-limit waits
   * included; 30 s by default. A wait for the rate limit that would take
   * longer is answered 429 with Retry-After instead.
   */
  timeoutMs?: number;
}

/**
 * Calls an integration's API through the integrations backend, which adds
 * the credentials: the caller names the integration and the provider's own
 * path, and never sees a secret.
 *
 * @public
 */
export interface IntegrationsClientService {
  /**
   * Sends `init` to `path` under the integration's base URL, such as
   * `fetch('stripe', '/v1/customers?limit=3')`, and answers with the
   * provider's status, headers and body. The integrations backend answers
   * 403 when the calling plugin may not use the integration, 429 when
   * waiting for the rate limit would take too long, and 503 while the
   * integration's circuit breaker is open.
   */
  fetch(
    integration: string,
    path: string,
    init?: IntegrationsFetchInit,
  ): Promise<Response>;
}

/** The default client: plugin-to-plugin HTTP with the calling plugin's own token. */
export class DefaultIntegrationsClient implements IntegrationsClientService {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  async fetch(
    integration: string,
    path: string,
    init: IntegrationsFetchInit = {},
  ): Promise<Response> {
    if (!path.startsWith('/')) {
      throw new TypeError(
        `The path of a call to ${integration} must start with /, e.g. /v1/customers`,
      );
    }
    const { environment, component, endpoint, timeoutMs, headers, ...rest } =
      init;
    const baseUrl = await this.discovery.getBaseUrl('integrations');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'integrations',
    });
    const sent = new Headers(headers);
    sent.set('authorization', `Bearer ${token}`);
    if (environment) {
      sent.set(CLIENT_REQUEST_HEADERS.environment, environment);
    }
    if (component) {
      sent.set(CLIENT_REQUEST_HEADERS.component, component);
    }
    if (endpoint) {
      sent.set(CLIENT_REQUEST_HEADERS.endpoint, endpoint);
    }
    if (timeoutMs !== undefined) {
      sent.set(CLIENT_REQUEST_HEADERS.timeoutMs, String(timeoutMs));
    }
    return fetch(
      `${baseUrl}/client/${encodeURIComponent(integration)}${path}`,
      { ...rest, headers: sent },
    );
  }
}
