import { Environment } from './types';

/** Why a test step failed, in the words the troubleshooting checklist uses. */
export const FAILURE_CLASSES = [
  'dns_failure',
  'connection_refused',
  'connection_closed',
  'not_http',
  'request_invalid',
  'timeout',
  'tls_error',
  'auth_invalid',
  'auth_expired',
  'permission_missing',
  'rate_limited',
  'provider_error',
  'bad_response',
  'blocked_by_policy',
  'not_configured',
] as const;

/** @public */
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/**
 * What each failure class means in plain words and the generic steps that fix
 * it; a provider's known errors put their own steps first.
 */
export const FAILURE_CLASS_INFO: Record<
  FailureClass,
  { label: string; explanation: string; repairSteps: string[] }
> = {
  dns_failure: {
    label: 'DNS failure',
    explanation:
      'The host name of the base URL does not resolve to an address.',
    repairSteps: [
      'Check the base URL in Settings → Connection for a typo in the host name.',
      'Check that the backend can resolve public names (DNS servers, split-horizon DNS).',
    ],
  },
  connection_refused: {
    label: 'Connection refused',
    explanation:
      'The host answered, but nothing accepts connections on that port.',
    repairSteps: [
      'Check the port and scheme (http or https) of the base URL.',
      'Check the provider status page for an outage.',
      'Check that a firewall between the backend and the provider allows the port.',
    ],
  },
  connection_closed: {
    label: 'Closed without an answer',
    explanation:
      'The server accepted the connection and closed it without an HTTP answer: is this the right port?',
    repairSteps: [
      'Check the port of the base URL: a database, mail or other non-HTTP service may be listening on it.',
      'Check the scheme: an https-only server may drop plain-HTTP connections.',
      'If a proxy or load balancer sits in front of the provider, check that it forwards to a running server.',
    ],
  },
  not_http: {
    label: 'Not an HTTP server',
    explanation:
      'The server answered with something that is not HTTP: is this the right port?',
    repairSteps: [
      'Check the port of the base URL against the provider’s API reference.',
      'Check that the host name points at the provider’s API and not at another service.',
    ],
  },
  request_invalid: {
    label: 'Request could not be sent',
    explanation:
      'The request was refused before anything was sent: a credential or setting holds a character HTTP cannot carry in a header or path, such as a line break.',
    repairSteps: [
      'Paste the credential again in the Credentials section, without surrounding spaces or line breaks.',
      'Check the custom headers and paths in Settings for stray characters.',
      'Run the test again.',
    ],
  },
  timeout: {
    label: 'Timed out',
    explanation: 'The provider did not answer within the configured timeout.',
    repairSteps: [
      'Check the provider status page for an outage or degraded performance.',
      'Raise Settings → Connection → Timeout if the provider is slow but working.',
      'Check proxies and firewalls between the backend and the provider.',
    ],
  },
  tls_error: {
    label: 'TLS error',
    explanation:
      'The secure connection failed: the certificate is expired, self-signed or for another host.',
    repairSteps: [
      'Check that the base URL uses the provider’s own host name, not an IP address or alias.',
      'If a proxy intercepts TLS, add its CA to integrations.network.trustedCertificateFiles.',
    ],
  },
  auth_invalid: {
    label: 'Credentials refused',
    explanation: 'The provider refused the stored credentials.',
    repairSteps: [
      'Create a new key or token in the provider’s console.',
      'Replace it in the Credentials section of this integration.',
      'Run the test again.',
    ],
  },
  auth_expired: {
    label: 'Credentials expired',
    explanation:
      'The credential has expired or was revoked, so it is not used any more.',
    repairSteps: [
      'Issue a new credential in the provider’s console (or grant access again for OAuth).',
      'Replace it in the Credentials section, with its new expiry date.',
      'Run the test again.',
    ],
  },
  permission_missing: {
    label: 'Permission missing',
    explanation:
      'The credentials work but lack a scope or permission this integration needs.',
    repairSteps: [
      'Compare the granted scopes with the required ones in the test result.',
      'Grant the missing scopes in the provider’s console and issue a new credential.',
      'Replace the credential and run the test again.',
    ],
  },
  rate_limited: {
    label: 'Rate limited',
    explanation:
      'The provider is throttling requests because the rate limit is used up.',
    repairSteps: [
      'Wait until the limit resets (see Retry-After in the result).',
      'Lower the request volume or raise Settings → Connection → Rate limit buffer.',
      'Ask the provider for a higher limit if this happens regularly.',
    ],
  },
  provider_error: {
    label: 'Provider error',
    explanation: 'The provider answered with a server error (5xx).',
    repairSteps: [
      'Check the provider status page for an incident.',
      'Run the test again in a few minutes; server errors are often temporary.',
      'If it persists, contact the provider’s support with the request id.',
    ],
  },
  bad_response: {
    label: 'Unexpected response',
    explanation:
      'The provider answered, but not with what this probe expects: the base URL may point at the wrong API or version.',
    repairSteps: [
      'Check the base URL and API version in Settings → Connection.',
      'Compare them with the provider’s API reference linked above.',
    ],
  },
  blocked_by_policy: {
    label: 'Blocked by policy',
    explanation:
      'The backend refused to connect because the address is private, loopback or otherwise not allowed.',
    repairSteps: [
      'Use the provider’s public host name in the base URL.',
      'If the target really is internal, ask the platform team to add its range to integrations.network.allowedCidrs.',
    ],
  },
  not_configured: {
    label: 'Not configured',
    explanation:
      'The credentials this integration needs are not stored yet, so nothing was sent to the provider.',
    repairSteps: [
      'Open the Credentials section of this integration and add the missing fields.',
      'Run the test again.',
    ],
  },
};

/** The named sets of checks a test can run. */
export const TEST_SUITES = [
  'health',
  'quick',
  'auth',
  'performance',
  'full',
] as const;

/** @public */
export type TestSuite = (typeof TEST_SUITES)[number];

export const TEST_CATEGORIES = [
  'connectivity',
  'authentication',
  'permissions',
  'functionality',
  'performance',
] as const;

/** @public */
export type TestCategory = (typeof TEST_CATEGORIES)[number];

/** @public */
export type TestStepStatus = 'passed' | 'failed' | 'warning' | 'skipped';

/** A failed step, classified, explained and with its fix. */
export interface TestFailure {
  class: FailureClass;
  explanation: string;
  repairSteps: string[];
  /** The provider's own words, with any credential removed. */
  providerMessage?: string;
  /** The provider's own error code (Stripe `code`, Google `reason`, …). */
  providerCode?: string;
  /** The provider's page about the error, from its answer or the catalog. */
  documentationUrl?: string;
  /** The provider's id of the request, for its support. */
  requestId?: string;
  httpStatus?: number;
  retryAfterSeconds?: number;
}

/** One step of a test run. */
export interface TestStep {
  id: string;
  category: TestCategory;
  name: string;
  status: TestStepStatus;
  durationMs: number;
  /** What the step found, in one line. */
  message: string;
  /** The request as a template, e.g. `GET /bot{credentials.botToken}/getMe`. */
  target?: string;
  failure?: TestFailure;
}

/** The spec's ConnectivityTest. */
export interface ConnectivityTest {
  dnsResolution?: { passed: boolean; addresses: string[]; durationMs: number };
  tcpConnection?: { passed: boolean; address?: string; durationMs: number };
  tlsCertificate?: {
    passed: boolean;
    validTo?: string;
    daysUntilExpiry?: number;
    issuer?: string;
    durationMs: number;
  };
  httpRequest?: { passed: boolean; statusCode?: number; durationMs: number };
}

/** The spec's AuthenticationTest. */
export interface AuthenticationTest {
  credentialsValid: boolean;
  tokenValid?: boolean;
  tokenExpiresAt?: string;
  tokenRefreshed?: boolean;
  scopes?: { required: string[]; granted: string[]; missing: string[] };
}

/** The spec's FunctionalityTest. */
export interface FunctionalityTest {
  operation: string;
  passed: boolean;
  expected: string;
  actual: string;
  durationMs: number;
}

export interface PerformanceTest {
  samples: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  failures: number;
}

/** @public */
export type TestRunStatus = 'passed' | 'degraded' | 'failed';

/** @public */
export type TestTrigger = 'manual' | 'bulk' | 'scheduled';

/** The stored outcome of one test run. */
export interface TestRunResult {
  id: string;
  integration: string;
  environment: Environment;
  suite: TestSuite;
  status: TestRunStatus;
  trigger: TestTrigger;
  triggeredBy: string;
  startedAt: string;
  durationMs: number;
  /** Time of the provider's answer to the authenticated request, if one was made. */
  responseTimeMs?: number;
  steps: TestStep[];
  connectivity: ConnectivityTest;
  authentication?: AuthenticationTest;
  functionality?: FunctionalityTest;
  performance?: PerformanceTest;
  rateLimit?: RateLimitReading;
  /** The first failure, which the checklist leads with. */
  failure?: TestFailure;
}

/** What the provider's rate-limit headers said. */
export interface RateLimitReading {
  limit?: number;
  remaining?: number;
  resetAt?: string;
  /** Where the figures were read, e.g. `header` and `x-ratelimit-remaining`. */
  source?: 'header' | 'body' | 'catalog' | 'observed';
  field?: string;
}

/** @public */
export interface TestRunsResponse {
  items: TestRunResult[];
  totalCount: number;
}

/** @public */
export interface BulkTestResponse {
  results: Array<
    | { integration: string; environment: Environment; result: TestRunResult }
    | { integration: string; environment: Environment; error: string }
  >;
}
