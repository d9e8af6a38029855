import { TestSuite } from '@internal/plugin-integrations-common';
import { SafeHttpClient } from '../network';
import { OAuthTokenService } from '../oauth/OAuthTokenService';
import { RateLimitRecorder } from '../rateLimits/RateLimitRecorder';
import { StepId } from './steps';
import { SuiteRun } from './SuiteRun';
import { ProbeOutcome, SuiteRunOptions } from './suiteState';

export type { ProbeOutcome } from './suiteState';

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

/** Runs one suite of probes against one integration. */
export class ProbeRunner {
  private readonly http: SafeHttpClient;
  private readonly tokens: OAuthTokenService;
  private readonly rateLimits?: RateLimitRecorder;

  constructor(options: {
    http: SafeHttpClient;
    tokens: OAuthTokenService;
    /** Where the rate limits the probes' answers report are kept. */
    rateLimits?: RateLimitRecorder;
  }) {
    this.http = options.http;
    this.tokens = options.tokens;
    this.rateLimits = options.rateLimits;
  }

  async run(options: SuiteRunOptions): Promise<ProbeOutcome> {
    return new SuiteRun(
      this.http,
      this.tokens,
      options,
      this.rateLimits,
    ).execute(SUITE_STEPS[options.suite]);
  }
}
