import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  Environment,
  FailureClass,
  UsageEvent,
  getProvider,
  TestFailure,
} from '@internal/plugin-integrations-common';
import { BrokenCircuitError, wrap } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { AuditStore } from '../audit/AuditStore';
import { auditRecord } from '../audit/auditRecords';
import { ConfigStore } from '../configuration/ConfigStore';
import { liveConfiguration } from '../configuration/liveConfiguration';
import { classifyAnswer } from '../connectionTests/classifyFailure';
import { classifyOutboundError } from '../connectionTests/classifyOutboundError';
import { MissingValueError } from '../connectionTests/probeRequest';
import { readRateLimit } from '../connectionTests/rateLimit';
import { RateLimitRecorder } from '../rateLimits/RateLimitRecorder';
import { authHeadersFor } from '../connectionTests/requestAuth';
import { CredentialService } from '../credentials/CredentialService';
import {
  OutboundRequestError,
  SafeHttpClient,
  SafeHttpRequest,
  SafeHttpResponse,
} from '../network';
import { OAuthTokenService } from '../oauth/OAuthTokenService';
import { UsageEventStore } from '../usage/UsageEventStore';
import { endpointTemplateOf } from '../usage/otlpSpans';
import { bodyData, redactData } from '../errors/errorOccurrence';
import { CallGuards } from './CallGuards';
import {
  ClientAnswer,
  breakerOpenAnswer,
  ownAnswer,
  retryAfterMs,
  throttledAnswer,
} from './clientAnswers';
import { ClientAccessPolicy } from './ClientAccessPolicy';
import {
  forwardedHeaders,
  pathTemplate,
  providerUrl,
  returnedHeaders,
  scrubSecrets,
} from './providerRequest';
import { DEFAULT_RETRY, retryPolicyFor, RetrySettings } from './retryPolicy';

/** A call another plugin asks the backend to make for it. */
export interface ClientCall {
  /** The calling plugin, from its service token. */
  pluginId: string;
  integration: string;
  environment?: Environment;
  method: SafeHttpRequest['method'] & string;
  /** The provider's path and query, starting with `/`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
  endpoint?: string;
  component?: string;
  /** How long the caller waits in all, retries and throttling included. */
  timeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/** A failed call's request and answer, redacted of every secret. */
export interface CallExchange {
  requestData: unknown;
  responseData: unknown;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Calls an integration for another backend plugin: checks the plugin may,
 * opens the credentials (an audited use), and sends the request through the
 * safe HTTP client with retries, a rate-limit throttle and a circuit breaker
 * around it. Every call, made or refused by a guard, becomes a usage event.
 */
export class ClientCallService {
  private readonly options: {
    access: ClientAccessPolicy;
    configs: ConfigStore;
    credentials: CredentialService;
    tokens: OAuthTokenService;
    http: SafeHttpClient;
    usageEvents: UsageEventStore;
    /**
     * Told of each recorded call, with the redacted request and response of
     * a failed one, e.g. to capture it as an error.
     */
    onRecorded?: (
      events: UsageEvent[],
      exchanges: Record<string, CallExchange>,
    ) => Promise<void>;
    audit: AuditStore;
    logger: LoggerService;
    /** Where the limits each answer reports are kept for GET /rate-limits. */
    rateLimits?: RateLimitRecorder;
    guards?: CallGuards;
    retry?: RetrySettings;
  };
  private readonly guards: CallGuards;
  private readonly retry: RetrySettings;

  constructor(options: ClientCallService['options']) {
    this.options = options;
    this.guards = options.guards ?? new CallGuards();
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async call(call: ClientCall): Promise<ClientAnswer> {
    const { access, configs } = this.options;
    const environment = call.environment ?? access.environmentOf(call.pluginId);
    if (!access.allows(call.pluginId, call.integration)) {
      const error = new NotAllowedError(
        `The plugin ${call.pluginId} may not call ${call.integration}; list it in integrations.clients.${call.pluginId}.integrations in the app config`,
      );
      await this.recordRefusal(
        `plugin:${call.pluginId}`,
        call.integration,
        environment,
        error,
      );
      throw error;
    }
    const config = await liveConfiguration(
      configs,
      call.integration,
      environment,
    );
    if (!config.enabled) {
      throw new ConflictError(
        `${call.integration} is switched off in ${environment}; an admin can switch it on in its settings`,
      );
    }
    const provider = getProvider(config.provider);
    const started = Date.now();
    const budgetMs = call.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const deadline = started + budgetMs;
    const guard = this.guards.of(call.integration, environment);
    const endpoint =
      call.endpoint ??
      endpointTemplateOf(pathTemplate(call.path)).slice(0, 300);

    // The provider's part of the call: from when it was let through the
    // throttle, so the wait the client imposed itself does not read as the
    // provider's latency (it is in the answer's throttle-delay header).
    let sentAt = started;
    const finish = async (
      answer: Omit<ClientAnswer, 'breaker'>,
      errorType?: FailureClass,
      failure?: TestFailure,
      exchange?: CallExchange,
    ): Promise<ClientAnswer> => {
      await this.record(
        {
          id: randomUUID(),
          integration: call.integration,
          environment,
          endpoint,
          method: call.method as UsageEvent['method'],
          ...(answer.status ? { status: answer.status } : {}),
          durationMs: Date.now() - sentAt,
          requestBytes: call.body?.length ?? 0,
          responseBytes: answer.body.length,
          ...(errorType ? { errorType } : {}),
          // The provider's own code and words group its errors.
          ...(failure?.providerCode ? { errorCode: failure.providerCode } : {}),
          ...(failure?.providerMessage
            ? { errorMessage: failure.providerMessage }
            : {}),
          ...(failure?.requestId ? { requestId: failure.requestId } : {}),
          caller: call.pluginId,
          ...(call.component ? { component: call.component } : {}),
          occurredAt: new Date(sentAt).toISOString(),
        },
        exchange,
      );
      return { ...answer, breaker: guard.breakerState() };
    };

    // Refused here, before the credentials are opened; once the breaker
    // may half-open, the breaker itself lets one probing call through.
    if (guard.breakerState() === 'open' && guard.halfOpensInMs() > 0) {
      return finish(
        breakerOpenAnswer(call.integration, guard.halfOpensInMs()),
        'provider_error',
      );
    }
    const throttled = await guard.throttle.acquire({
      buffer: config.connectionConfig.rateLimitBuffer,
      budgetMs,
      sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    });
    sentAt = Date.now();
    if (!throttled.go) {
      return finish(
        throttledAnswer(
          call.integration,
          config.connectionConfig.rateLimitBuffer,
          throttled.retryAfterMs,
        ),
        'rate_limited',
      );
    }

    try {
      const opened = await this.options.credentials.openForUse(
        call.integration,
        environment,
        {
          actor: `plugin:${call.pluginId}`,
          purpose: `Call from the backend plugin ${call.pluginId}`,
        },
      );
      const secrets = Object.values(opened.values);
      let url: string;
      let authHeaders: Record<string, string>;
      try {
        url = providerUrl(config, provider, call.path, opened.values);
        const accessToken =
          provider?.probes.auth.scheme === 'oauth2'
            ? (
                await this.options.tokens.accessToken(config, opened, {
                  actor: `plugin:${call.pluginId}`,
                })
              ).value
            : undefined;
        authHeaders = provider
          ? await authHeadersFor(
              provider.probes.auth,
              { config, credentials: opened.values },
              accessToken,
            )
          : {};
      } catch (error) {
        if (error instanceof MissingValueError) {
          const expired = opened.expired.find(
            field => field.field === error.field,
          );
          throw new ConflictError(
            `${call.integration} (${environment}) cannot be called: ${
              expired
                ? `credential ${expired.field} expired at ${expired.expiresAt}`
                : error.message
            }; an admin can set it in the integration's Credentials section`,
          );
        }
        throw error;
      }

      let attempts = 0;
      const retryPolicy = retryPolicyFor({
        idempotent: IDEMPOTENT.has(call.method),
        retries: config.connectionConfig.retryAttempts,
        deadline,
        settings: this.retry,
      });
      const send = async (): Promise<SafeHttpResponse> => {
        attempts += 1;
        const answer = await this.options.http.request({
          url,
          method: call.method,
          headers: { ...forwardedHeaders(call.headers), ...authHeaders },
          body: call.body && call.body.length ? call.body : undefined,
          timeoutMs: Math.max(
            1,
            Math.min(config.connectionConfig.timeout, deadline - Date.now()),
          ),
        });
        guard.throttle.observe(
          provider && readRateLimit(provider, answer.headers),
        );
        // Kept in the background: the caller's time is the provider's.
        this.options.rateLimits?.recordInBackground(
          {
            integration: config.name,
            environment,
            endpoint,
            readBy: 'client',
            status: answer.status,
          },
          { headers: answer.headers, body: jsonOf(answer) },
        );
        const retryAfter = retryAfterMs(answer.headers['retry-after']);
        if (answer.status === 429 && retryAfter !== undefined) {
          guard.throttle.refusedFor(retryAfter);
        }
        return answer;
      };

      try {
        const answer = await wrap(retryPolicy, guard.breaker).execute(send);
        const safe = scrubSecrets(
          { headers: returnedHeaders(answer.headers), body: answer.body },
          secrets,
        );
        const failure =
          answer.status >= 400
            ? classifyAnswer(
                {
                  status: answer.status,
                  headers: answer.headers,
                  bodyText: answer.text().slice(0, 4096),
                },
                provider,
                secrets,
              )
            : undefined;
        return finish(
          {
            status: answer.status,
            ...safe,
            attempts,
            throttleDelayMs: throttled.waitMs,
          },
          failure?.class,
          failure,
          failure
            ? {
                requestData: redactData(
                  {
                    method: call.method,
                    path: call.path,
                    headers: call.headers,
                    body: bodyData(call.body?.toString('utf8')),
                  },
                  secrets,
                ),
                responseData: redactData(
                  {
                    status: answer.status,
                    headers: safe.headers,
                    body: bodyData(safe.body.toString('utf8')),
                  },
                  secrets,
                ),
              }
            : undefined,
        );
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          return finish(
            {
              ...breakerOpenAnswer(call.integration, guard.halfOpensInMs()),
              attempts,
              throttleDelayMs: throttled.waitMs,
            },
            'provider_error',
          );
        }
        if (error instanceof OutboundRequestError) {
          const failure = classifyOutboundError(error, provider);
          const status = error.code === 'timeout' ? 504 : 502;
          return finish(
            {
              ...ownAnswer(
                status,
                status === 504 ? 'GatewayTimeoutError' : 'BadGatewayError',
                error.message,
              ),
              attempts,
              throttleDelayMs: throttled.waitMs,
            },
            failure.class,
          );
        }
        throw error;
      }
    } finally {
      guard.throttle.release();
    }
  }

  /** A call that could not be made must not also lose its usage event. */
  private async record(
    event: UsageEvent,
    exchange?: CallExchange,
  ): Promise<void> {
    try {
      await this.options.usageEvents.insert([event], {
        source: 'client',
        receivedAt: new Date(),
      });
      await this.options.onRecorded?.(
        [event],
        exchange ? { [event.id]: exchange } : {},
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not record a usage event of ${event.integration}: ${
          (error as Error).name
        }`,
      );
    }
  }

  /** A refused use of an integration's credentials, in the audit log. */
  async recordRefusal(
    actor: string,
    integration: string,
    environment: Environment | undefined,
    error: Error,
  ): Promise<void> {
    await this.options.audit.append([
      {
        ...auditRecord({ userRef: actor }, new Date(), {
          action: 'credentials_use',
          category: 'credentials',
          integration,
          environment,
          details: { changedFields: [], purpose: 'Call through the client' },
        }),
        outcome: 'failure',
        error: `${error.name}: ${error.message}`,
      },
    ]);
  }
}

/** The answer's JSON body, where it has one: some providers report limits there. */
function jsonOf(answer: SafeHttpResponse): unknown {
  if (!/json/i.test(answer.headers['content-type'] ?? '')) {
    return undefined;
  }
  try {
    return JSON.parse(answer.text());
  } catch {
    return undefined;
  }
}
