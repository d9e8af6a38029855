import {
  AuthenticationTest,
  ConnectivityTest,
  FunctionalityTest,
  IntegrationConfig,
  PerformanceTest,
  ProbeRequest,
  ProviderDefinition,
  RateLimitReading,
  TestFailure,
  TestStep,
  TestSuite,
  FAILURE_CLASS_INFO,
} from '@internal/plugin-integrations-common';
import {
  OutboundRequestError,
  SafeHttpClient,
  SafeHttpResponse,
} from '../../network';
import { OpenedCredentials } from '../CredentialService';
import {
  OAuthTokenService,
  TokenRefreshError,
  tokenUrlOf,
} from '../oauth/OAuthTokenService';
import { classifyAnswer, describeFailure, redact } from './classifyFailure';
import { classifyOutboundError } from './classifyOutboundError';
import {
  MissingValueError,
  ProbeValues,
  buildProbeRequest,
  describeExpectation,
  describeProbe,
  meetsExpectation,
} from './probeRequest';
import { authHeadersFor } from './requestAuth';
import { readRateLimit } from './rateLimit';
import { missingScopes } from './scopes';

/** What one run of a suite found, before it is stored. */
export interface ProbeOutcome {
  steps: TestStep[];
  connectivity: ConnectivityTest;
  authentication?: AuthenticationTest;
  functionality?: FunctionalityTest;
  performance?: PerformanceTest;
  rateLimit?: RateLimitReading;
  responseTimeMs?: number;
}

/** A suite's steps, in order; each step runs only while the ones before it passed. */
const SUITE_STEPS: Record<TestSuite, StepId[]> = {
  health: ['token', 'auth_check'],
  quick: [
    'dns_resolve',
    'tcp_connect',
    'tls_certificate',
    'token',
    'auth_check',
    'scopes',
    'functional',
  ],
  auth: ['token', 'auth_check', 'scopes'],
  performance: ['token', 'performance'],
  full: [
    'dns_resolve',
    'tcp_connect',
    'tls_certificate',
    'token',
    'auth_check',
    'scopes',
    'functional',
    'performance',
  ],
};

type StepId =
  | 'dns_resolve'
  | 'tcp_connect'
  | 'tls_certificate'
  | 'token'
  | 'auth_check'
  | 'scopes'
  | 'functional'
  | 'performance';

/** A certificate this close to expiry makes the run degraded. */
const CERTIFICATE_WARNING_DAYS = 14;
const PERFORMANCE_SAMPLES = 10;

interface StepDefinition {
  name: string;
  category: TestStep['category'];
  target?: string;
  applies: () => boolean;
  run: () => Promise<{ message: string; warning?: boolean; target?: string }>;
  onFailure?: (failure: TestFailure) => void;
}

class StepFailure extends Error {
  constructor(readonly failure: TestFailure, message?: string) {
    super(message ?? failure.explanation);
  }
}

/** The state of one run: what earlier steps found is used by later ones. */
class SuiteRun {
  private readonly outcome: ProbeOutcome = { steps: [], connectivity: {} };
  private readonly values: ProbeValues;
  private readonly secrets: string[];
  private accessToken?: string;
  private grantedScopes?: string[];
  private authCheckAnswer?: SafeHttpResponse;
  private readonly stepDefinitions: Record<StepId, StepDefinition>;

  constructor(
    private readonly http: SafeHttpClient,
    private readonly tokens: OAuthTokenService,
    private readonly options: Parameters<ProbeRunner['run']>[0],
  ) {
    this.values = {
      config: options.config,
      credentials: options.credentials.values,
    };
    this.secrets = Object.values(options.credentials.values);
    this.stepDefinitions = this.defineSteps();
  }

  private get provider() {
    return this.options.provider;
  }

  private get baseUrl() {
    return this.options.config.connectionConfig.baseUrl;
  }

  private get timeoutMs() {
    return this.options.config.connectionConfig.timeout;
  }

  async execute(stepIds: StepId[]): Promise<ProbeOutcome> {
    let blocked = false;
    for (const id of stepIds) {
      const step = this.stepDefinitions[id];
      if (!step.applies()) {
        continue;
      }
      if (blocked) {
        this.outcome.steps.push({
          id,
          category: step.category,
          name: step.name,
          status: 'skipped',
          durationMs: 0,
          message: 'Skipped because an earlier step failed',
        });
        continue;
      }
      const started = performance.now();
      try {
        const { message, warning, target } = await step.run();
        this.outcome.steps.push({
          id,
          category: step.category,
          name: step.name,
          status: warning ? 'warning' : 'passed',
          durationMs: Math.round(performance.now() - started),
          message,
          ...(target ? { target } : {}),
        });
      } catch (error) {
        const failure = this.failureOf(error);
        this.outcome.steps.push({
          id,
          category: step.category,
          name: step.name,
          status: 'failed',
          durationMs: Math.round(performance.now() - started),
          message: failure.providerMessage
            ? `${FAILURE_CLASS_INFO[failure.class].label}: ${
                failure.providerMessage
              }`
            : FAILURE_CLASS_INFO[failure.class].label,
          ...(step.target ? { target: step.target } : {}),
          failure,
        });
        step.onFailure?.(failure);
        blocked = true;
      }
    }
    return this.outcome;
  }

  private failureOf(error: unknown): TestFailure {
    if (error instanceof StepFailure || error instanceof TokenRefreshError) {
      return error.failure;
    }
    if (error instanceof OutboundRequestError) {
      return classifyOutboundError(error, this.provider);
    }
    if (error instanceof MissingValueError) {
      const expired = this.options.credentials.expired.find(
        e => e.field === error.field,
      );
      if (expired) {
        return describeFailure('auth_expired', this.provider, {
          providerMessage: `The stored ${error.field} expired at ${expired.expiresAt} and is no longer used`,
        });
      }
      return error.source === 'credentials'
        ? describeFailure('auth_invalid', this.provider, {
            providerMessage: `${error.message}; set it in the Credentials section`,
          })
        : {
            ...describeFailure('bad_response', this.provider),
            explanation: `${error.message}, so the probe cannot build its request.`,
            repairSteps: [
              `Fill in ${error.field} in Settings → Provider settings.`,
              'Run the test again.',
            ],
          };
    }
    return describeFailure('bad_response', this.provider, {
      providerMessage: redact(
        error instanceof Error ? error.message : String(error),
        this.secrets,
      ),
    });
  }

  /** Sends one probe request; anything but the expected answer throws a classified failure. */
  private async send(
    probe: ProbeRequest,
  ): Promise<{ answer: SafeHttpResponse; body: unknown }> {
    const request = buildProbeRequest(probe, this.values);
    const headers = {
      accept: 'application/json',
      ...(request.body ? { 'content-type': 'application/json' } : {}),
      ...(await authHeadersFor(
        this.provider.probes.auth,
        this.values,
        this.accessToken,
      )),
    };
    const answer = await this.http.request({
      url: request.url,
      method: request.method as 'GET' | 'POST',
      headers,
      body: request.body,
      timeoutMs: this.timeoutMs,
      signal: this.options.signal,
    });
    const rateLimit = readRateLimit(this.provider, answer.headers);
    if (rateLimit) {
      this.outcome.rateLimit = rateLimit;
    }
    const bodyText = answer.text();
    let body: unknown;
    try {
      body = bodyText ? JSON.parse(bodyText) : undefined;
    } catch {
      body = undefined;
    }
    const expectation = meetsExpectation(probe, body);
    if (!request.okStatus.includes(answer.status) || !expectation.met) {
      throw new StepFailure(
        classifyAnswer(
          {
            status: answer.status,
            headers: answer.headers,
            bodyText,
            rateLimit,
          },
          this.provider,
          // A provider may echo the access token it was sent in its error.
          this.accessToken ? [...this.secrets, this.accessToken] : this.secrets,
        ),
      );
    }
    return { answer, body };
  }

  private defineSteps(): Record<StepId, StepDefinition> {
    return {
      dns_resolve: {
        name: 'DNS resolution',
        category: 'connectivity',
        applies: () => true,
        run: async () => {
          try {
            const resolved = await this.http.resolve(this.baseUrl);
            this.outcome.connectivity.dnsResolution = {
              passed: true,
              addresses: resolved.addresses,
              durationMs: Math.round(resolved.durationMs),
            };
            return {
              message: `${
                resolved.hostname
              } resolves to ${resolved.addresses.join(', ')}`,
            };
          } catch (error) {
            this.outcome.connectivity.dnsResolution = {
              passed: false,
              addresses: [],
              durationMs: 0,
            };
            throw error;
          }
        },
      },
      tcp_connect: {
        name: 'TCP connection',
        category: 'connectivity',
        applies: () => true,
        run: async () => {
          try {
            const connected = await this.http.connect(this.baseUrl, {
              timeoutMs: this.timeoutMs,
            });
            this.outcome.connectivity.tcpConnection = {
              passed: true,
              address: connected.address,
              durationMs: Math.round(connected.durationMs),
            };
            return {
              message: `Connected to ${connected.address} in ${Math.round(
                connected.durationMs,
              )} ms`,
            };
          } catch (error) {
            this.outcome.connectivity.tcpConnection = {
              passed: false,
              durationMs: 0,
            };
            throw error;
          }
        },
      },
      tls_certificate: {
        name: 'TLS certificate',
        category: 'connectivity',
        applies: () => this.baseUrl.startsWith('https://'),
        run: async () => {
          const started = performance.now();
          const tls = await this.http.inspectTls(this.baseUrl, {
            timeoutMs: this.timeoutMs,
          });
          this.outcome.connectivity.tlsCertificate = {
            passed: tls.authorized,
            validTo: tls.validTo,
            daysUntilExpiry: tls.daysUntilExpiry,
            issuer: tls.issuer,
            durationMs: Math.round(performance.now() - started),
          };
          if (!tls.authorized) {
            throw new StepFailure(
              describeFailure('tls_error', this.provider, {
                providerMessage: `The certificate is not trusted: ${tls.authorizationError}`,
              }),
            );
          }
          const days = Math.floor(tls.daysUntilExpiry);
          return {
            message: `Valid, issued by ${tls.issuer}, expires in ${days} days`,
            warning: days < CERTIFICATE_WARNING_DAYS,
          };
        },
      },
      token: {
        name: 'Access token',
        category: 'authentication',
        applies: () => this.provider.probes.auth.scheme === 'oauth2',
        run: async () => {
          const token = await this.tokens.accessToken(
            this.options.config,
            this.options.credentials,
            {
              actor: this.options.actor,
              // A manual test proves the refresh works; a health check only needs a usable token.
              force: this.options.suite !== 'health',
              signal: this.options.signal,
            },
          );
          this.accessToken = token.value;
          this.grantedScopes = token.scopes;
          this.outcome.authentication = {
            ...this.outcome.authentication,
            credentialsValid: true,
            tokenValid: true,
            tokenRefreshed: token.refreshed,
            ...(token.expiresAt ? { tokenExpiresAt: token.expiresAt } : {}),
          };
          return {
            message: token.refreshed
              ? `The token endpoint issued a new access token${
                  token.expiresAt ? ` valid until ${token.expiresAt}` : ''
                }`
              : `The stored access token is valid${
                  token.expiresAt ? ` until ${token.expiresAt}` : ''
                }`,
          };
        },
        onFailure: () => {
          this.outcome.authentication = {
            credentialsValid: false,
            tokenValid: false,
          };
        },
      },
      auth_check: {
        name: 'Credentials accepted',
        category: 'authentication',
        target: describeProbe(this.options.provider.probes.authCheck),
        applies: () => true,
        run: async () => {
          const probe = this.provider.probes.authCheck;
          const { answer } = await this.send(probe);
          this.authCheckAnswer = answer;
          this.outcome.responseTimeMs = Math.round(answer.timings.totalMs);
          this.outcome.connectivity.httpRequest = {
            passed: true,
            statusCode: answer.status,
            durationMs: Math.round(answer.timings.totalMs),
          };
          this.outcome.authentication = {
            ...this.outcome.authentication,
            credentialsValid: true,
          };
          const low =
            this.outcome.rateLimit?.limit &&
            this.outcome.rateLimit.remaining !== undefined &&
            this.outcome.rateLimit.remaining / this.outcome.rateLimit.limit <
              0.1;
          return {
            message: `${probe.operation}: HTTP ${answer.status} in ${Math.round(
              answer.timings.totalMs,
            )} ms${
              low
                ? `; only ${this.outcome.rateLimit?.remaining} of ${this.outcome.rateLimit?.limit} requests left in the rate-limit window`
                : ''
            }`,
            warning: Boolean(low),
            target: describeProbe(probe),
          };
        },
        onFailure: failure => {
          this.outcome.connectivity.httpRequest = {
            passed: failure.httpStatus !== undefined,
            statusCode: failure.httpStatus,
            durationMs: 0,
          };
          this.outcome.authentication = {
            ...this.outcome.authentication,
            credentialsValid: false,
          };
        },
      },
      scopes: {
        name: 'Scopes granted',
        category: 'permissions',
        applies: () => Boolean(this.provider.probes.scopes),
        run: async () => {
          const required = this.options.config.authConfig.scopes;
          const granted = await this.readGrantedScopes();
          if (granted === undefined) {
            return {
              message: 'The provider did not report the granted scopes',
              warning: true,
            };
          }
          const missing = missingScopes(
            this.options.config.provider,
            required,
            granted,
          );
          this.outcome.authentication = {
            credentialsValid: true,
            ...this.outcome.authentication,
            scopes: { required, granted, missing },
          };
          if (missing.length) {
            throw new StepFailure(
              describeFailure('permission_missing', this.provider, {
                providerMessage: `Missing scopes: ${missing.join(', ')}`,
              }),
            );
          }
          return {
            message: required.length
              ? `All ${required.length} required scopes are granted`
              : `Granted: ${granted.join(', ') || 'none'}`,
          };
        },
      },
      functional: {
        name: 'Functional call',
        category: 'functionality',
        target: describeProbe(this.options.provider.probes.functional),
        applies: () => true,
        run: async () => {
          const probe = this.provider.probes.functional;
          const started = performance.now();
          try {
            const { answer, body } = await this.send(probe);
            const actual = meetsExpectation(probe, body).actual;
            this.outcome.functionality = {
              operation: probe.operation,
              passed: true,
              expected: describeExpectation(probe),
              actual,
              durationMs: Math.round(answer.timings.totalMs),
            };
            return {
              message: `${probe.operation}: HTTP ${
                answer.status
              }, ${describeExpectation(probe)}`,
              target: describeProbe(probe),
            };
          } catch (error) {
            this.outcome.functionality = {
              operation: probe.operation,
              passed: false,
              expected: describeExpectation(probe),
              actual:
                error instanceof StepFailure
                  ? error.failure.class
                  : 'no answer',
              durationMs: Math.round(performance.now() - started),
            };
            throw error;
          }
        },
      },
      performance: {
        name: 'Response time',
        category: 'performance',
        applies: () => true,
        run: async () => {
          const durations: number[] = [];
          let failures = 0;
          for (let i = 0; i < PERFORMANCE_SAMPLES; i++) {
            const started = performance.now();
            try {
              await this.send(this.provider.probes.authCheck);
              durations.push(performance.now() - started);
            } catch (error) {
              if (!(error instanceof StepFailure)) {
                throw error;
              }
              failures++;
            }
          }
          if (durations.length === 0) {
            throw new StepFailure(
              describeFailure('provider_error', this.provider, {
                providerMessage: `All ${PERFORMANCE_SAMPLES} samples failed`,
              }),
            );
          }
          const sorted = [...durations].sort((a, b) => a - b);
          const at = (q: number) =>
            Math.round(
              sorted[
                Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)
              ],
            );
          const figures: PerformanceTest = {
            samples: PERFORMANCE_SAMPLES,
            minMs: Math.round(sorted[0]),
            p50Ms: at(0.5),
            p95Ms: at(0.95),
            maxMs: Math.round(sorted[sorted.length - 1]),
            failures,
          };
          this.outcome.performance = figures;
          const threshold =
            this.options.config.monitoringConfig.alertThresholds.responseTime;
          return {
            message: `${PERFORMANCE_SAMPLES} samples: min ${
              figures.minMs
            } ms, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, max ${
              figures.maxMs
            } ms${failures ? `, ${failures} failed` : ''}`,
            warning: failures > 0 || figures.p95Ms > threshold,
          };
        },
      },
    };
  }

  private async readGrantedScopes(): Promise<string[] | undefined> {
    const source = this.provider.probes.scopes;
    if (!source) {
      return undefined;
    }
    if (source.from === 'header') {
      const header = this.authCheckAnswer?.headers[source.header];
      return header === undefined
        ? undefined
        : header
            .split(',')
            .map(scope => scope.trim())
            .filter(Boolean);
    }
    if (source.from === 'token_response') {
      return this.grantedScopes;
    }
    const oauth = this.provider.oauth;
    if (!oauth || !this.accessToken) {
      return undefined;
    }
    const url = new URL(source.path, tokenUrlOf(this.options.config, oauth));
    url.searchParams.set('access_token', this.accessToken);
    const answer = await this.http.request({
      url: url.toString(),
      timeoutMs: this.timeoutMs,
      signal: this.options.signal,
    });
    const bodyText = answer.text();
    if (answer.status !== 200) {
      throw new StepFailure(
        classifyAnswer(
          { status: answer.status, headers: answer.headers, bodyText },
          this.provider,
          [...this.secrets, this.accessToken],
        ),
      );
    }
    const scope = (JSON.parse(bodyText) as { scope?: unknown }).scope;
    return typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [];
  }
}

/** Runs one suite of probes against one integration. */
export class ProbeRunner {
  private readonly http: SafeHttpClient;
  private readonly tokens: OAuthTokenService;

  constructor(options: { http: SafeHttpClient; tokens: OAuthTokenService }) {
    this.http = options.http;
    this.tokens = options.tokens;
  }

  async run(options: {
    config: IntegrationConfig;
    provider: ProviderDefinition;
    credentials: OpenedCredentials;
    suite: TestSuite;
    actor: string;
    signal?: AbortSignal;
  }): Promise<ProbeOutcome> {
    return new SuiteRun(this.http, this.tokens, options).execute(
      SUITE_STEPS[options.suite],
    );
  }
}
