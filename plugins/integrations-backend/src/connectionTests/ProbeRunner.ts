import { TestSuite } from '@internal/plugin-integrations-common';
import { SafeHttpClient } from '../network';
import { OAuthTokenService } from '../oauth/OAuthTokenService';
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

  constructor(options: { http: SafeHttpClient; tokens: OAuthTokenService }) {
    this.http = options.http;
    this.tokens = options.tokens;
  }

  async run(options: SuiteRunOptions): Promise<ProbeOutcome> {
    return new SuiteRun(this.http, this.tokens, options).execute(
      SUITE_STEPS[options.suite],
    );
  }
}
