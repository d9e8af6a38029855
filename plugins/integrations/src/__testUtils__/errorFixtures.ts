import {
  ErrorPattern,
  ErrorPatternDetail,
  ErrorSummary,
  IntegrationError,
} from '@internal/plugin-integrations-common';

const NOW = Date.now();
const hoursAgo = (hours: number) =>
  new Date(NOW - hours * 3_600_000).toISOString();

/** An open, high-severity group of Stripe's rejected keys in production. */
export function errorPattern(
  overrides: Partial<ErrorPattern> = {},
): ErrorPattern {
  return {
    patternId: 'p-stripe-auth',
    name: 'Stripe rejects the API key',
    description: 'Calls to Stripe fail with 401: the secret key is not valid.',
    integration: 'stripe',
    environment: 'production',
    matchingCriteria: {
      errorType: 'auth_invalid',
      httpStatus: 401,
      providerCode: 'api_key_invalid',
    },
    occurrences: 42,
    firstSeen: hoursAgo(30),
    lastSeen: hoursAgo(1),
    suggestedActions: {
      immediate: ['Roll the secret key in the Stripe dashboard'],
      preventive: ['Set an expiry reminder on the key'],
      monitoring: ['Alert on any 401 from Stripe'],
    },
    automatedResponse: {
      enabled: false,
      actions: [],
      escalationThreshold: 100,
    },
    status: 'open',
    severity: 'high',
    severityOverridden: false,
    severityReason: 'Every payment call fails',
    resolution: { status: 'unresolved' },
    regressed: false,
    mergedPatterns: [],
    groupingVersion: 1,
    documentationUrl: 'https://docs.stripe.com/keys',
    runbookUrl: 'https://runbooks.acme.example/stripe-keys',
    trend: Array.from({ length: 24 }, (_, hour) => (hour % 6 === 0 ? 3 : 1)),
    affectedComponents: ['component:default/checkout'],
    ...overrides,
  };
}

/** One event of a group, without its request and response. */
export function integrationError(
  overrides: Partial<IntegrationError> = {},
): IntegrationError {
  return {
    id: 'e-1',
    integration: 'stripe',
    environment: 'production',
    errorType: 'auth_invalid',
    severity: 'high',
    status: 'open',
    errorDetails: {
      message: 'Invalid API Key provided: sk_live_****1234',
      endpoint: '/v1/charges',
      operation: 'POST /v1/charges',
      httpStatus: 401,
      providerCode: 'api_key_invalid',
    },
    context: {
      timestamp: hoursAgo(1),
      source: 'usage',
      requestId: 'req_8f2a',
      component: 'component:default/checkout',
    },
    resolution: { status: 'unresolved' },
    relatedErrors: [],
    attachments: [],
    patternId: 'p-stripe-auth',
    sensitiveDataHidden: false,
    ...overrides,
  };
}

/** A group with one recent event and its first history entry. */
export function errorPatternDetail(
  overrides: Partial<ErrorPatternDetail> = {},
): ErrorPatternDetail {
  const pattern = errorPattern(overrides);
  return {
    ...pattern,
    recentErrors: [
      integrationError({
        integration: pattern.integration,
        environment: pattern.environment,
        patternId: pattern.patternId,
      }),
    ],
    history: [
      {
        at: pattern.firstSeen,
        actor: 'system',
        action: 'created',
        details: 'First event grouped',
      },
    ],
    ...overrides,
  };
}

/** The header of a page with the given groups. */
export function errorSummary(
  overrides: Partial<ErrorSummary> = {},
): ErrorSummary {
  return {
    totalErrors: 1234,
    uniqueErrors: 7,
    openErrors: 5,
    resolvedErrors: 2,
    criticalErrors: 1,
    errorTrends: Array.from({ length: 24 }, (_, hour) => ({
      time: hoursAgo(24 - hour),
      errors: hour,
    })),
    errorsByIntegration: [
      {
        integration: 'stripe',
        totalErrors: 1000,
        openPatterns: 3,
        criticalPatterns: 1,
      },
      {
        integration: 'sendgrid',
        totalErrors: 234,
        openPatterns: 2,
        criticalPatterns: 0,
      },
    ],
    ...overrides,
  };
}

/** No error at all. */
export const NO_ERRORS: ErrorSummary = {
  totalErrors: 0,
  uniqueErrors: 0,
  openErrors: 0,
  resolvedErrors: 0,
  criticalErrors: 0,
  errorTrends: [],
  errorsByIntegration: [],
};
