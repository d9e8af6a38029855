import {
  AuthenticationTest,
  ConnectivityTest,
  FunctionalityTest,
  IntegrationConfig,
  PerformanceTest,
  ProbeRequest,
  ProviderDefinition,
  RateLimitReading,
  TestStep,
  TestSuite,
} from '@internal/plugin-integrations-common';
import { SafeHttpClient, SafeHttpResponse } from '../network';
import { OpenedCredentials } from '../credentials/CredentialService';
import { OAuthTokenService } from '../oauth/OAuthTokenService';

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

export interface SuiteRunOptions {
  config: IntegrationConfig;
  provider: ProviderDefinition;
  credentials: OpenedCredentials;
  suite: TestSuite;
  actor: string;
  signal?: AbortSignal;
}

/**
 * What the step modules read and write of one run, so they depend on this
 * shape rather than on {@link SuiteRun}, which builds them.
 */
export interface SuiteState {
  readonly http: SafeHttpClient;
  readonly tokens: OAuthTokenService;
  readonly options: SuiteRunOptions;
  readonly outcome: ProbeOutcome;
  readonly provider: ProviderDefinition;
  readonly baseUrl: IntegrationConfig['connectionConfig']['baseUrl'];
  readonly timeoutMs: IntegrationConfig['connectionConfig']['timeout'];
  accessToken?: string;
  grantedScopes?: string[];
  authCheckAnswer?: SafeHttpResponse;
  /** Sends one probe request; anything but the expected answer throws a classified failure. */
  send(
    probe: ProbeRequest,
  ): Promise<{ answer: SafeHttpResponse; body: unknown }>;
  readGrantedScopes(): Promise<string[] | undefined>;
}
