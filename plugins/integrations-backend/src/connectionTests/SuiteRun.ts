import {
  FAILURE_CLASS_INFO,
  ProbeRequest,
  TestFailure,
} from '@internal/plugin-integrations-common';
import {
  OutboundRequestError,
  SafeHttpClient,
  SafeHttpResponse,
} from '../network';
import {
  OAuthTokenService,
  TokenRefreshError,
  tokenUrlOf,
} from '../oauth/OAuthTokenService';
import { authenticationSteps } from './authenticationSteps';
import { classifyAnswer, describeFailure } from './classifyFailure';
import { classifyOutboundError } from './classifyOutboundError';
import { connectivitySteps } from './connectivitySteps';
import { functionalSteps } from './functionalSteps';
import {
  MissingValueError,
  ProbeValues,
  buildProbeRequest,
  meetsExpectation,
} from './probeRequest';
import { RateLimitRecorder } from '../rateLimits/RateLimitRecorder';
import { readRateLimit } from './rateLimit';
import { authHeadersFor } from './requestAuth';
import { StepDefinition, StepFailure, StepId } from './steps';
import { ProbeOutcome, SuiteRunOptions, SuiteState } from './suiteState';

/** The state of one run: what earlier steps found is used by later ones. */
export class SuiteRun implements SuiteState {
  // What the steps find and share; each step module reads and writes these.
  readonly outcome: ProbeOutcome = { steps: [], connectivity: {} };
  readonly values: ProbeValues;
  readonly secrets: string[];
  accessToken?: string;
  grantedScopes?: string[];
  authCheckAnswer?: SafeHttpResponse;
  private readonly stepDefinitions: Record<StepId, StepDefinition>;

  constructor(
    readonly http: SafeHttpClient,
    readonly tokens: OAuthTokenService,
    readonly options: SuiteRunOptions,
    private readonly rateLimits?: RateLimitRecorder,
  ) {
    this.values = {
      config: options.config,
      credentials: options.credentials.values,
    };
    this.secrets = Object.values(options.credentials.values);
    this.stepDefinitions = {
      ...connectivitySteps(this),
      ...authenticationSteps(this),
      ...functionalSteps(this),
    };
  }

  get provider() {
    return this.options.provider;
  }

  get baseUrl() {
    return this.options.config.connectionConfig.baseUrl;
  }

  get timeoutMs() {
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
    // Anything else came from this backend, not the provider; its message
    // could quote a query or a body, so only its kind is shown.
    return describeFailure('bad_response', this.provider, {
      providerMessage: `The probe stopped with an unexpected ${
        error instanceof Error ? error.name : 'error'
      }`,
    });
  }

  /** Sends one probe request; anything but the expected answer throws a classified failure. */
  async send(
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
    this.recordRateLimits(probe, answer, body);
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

  private recordRateLimits(
    probe: ProbeRequest,
    answer: SafeHttpResponse,
    body: unknown,
  ) {
    if (!this.rateLimits) {
      return;
    }
    const { config, suite } = this.options;
    // Stored in the background: the probe's timing and timeout are the
    // provider's, not this database's.
    this.rateLimits.recordInBackground(
      {
        integration: config.name,
        environment: config.environment,
        endpoint: probe.path,
        readBy: suite === 'health' ? 'health_check' : 'connection_test',
        status: answer.status,
      },
      { headers: answer.headers, body },
    );
  }

  async readGrantedScopes(): Promise<string[] | undefined> {
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
    let scope: unknown;
    try {
      scope = (JSON.parse(bodyText) as { scope?: unknown }).scope;
    } catch {
      throw new StepFailure(
        describeFailure('bad_response', this.provider, {
          providerMessage: 'The token information endpoint did not answer JSON',
        }),
      );
    }
    return typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [];
  }
}
