import { SignalApi } from '@backstage/plugin-signals-react';
import {
  ALERTS_SIGNAL_CHANNEL,
  AlertSignal,
  ERRORS_SIGNAL_CHANNEL,
  ErrorsSignal,
  FAILURE_CLASS_INFO,
  HEALTH_SIGNAL_CHANNEL,
  HealthHistoryResponse,
  HealthSignal,
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentsSignal,
  IntegrationAlert,
  IntegrationDashboard,
  IntegrationHealthStatus,
  TestRunResult,
  WEBHOOKS_SIGNAL_CHANNEL,
  WebhookSignal,
} from '@internal/plugin-integrations-common';
import { act } from '@testing-library/react';

/**
 * Stripe in production, healthy, checked a minute ago. The spec's fields
 * (`name`, `lastChecked`, `uptime`, …) follow the dashboard's own unless given.
 */
export function healthStatus(
  overrides: Partial<IntegrationHealthStatus> = {},
): IntegrationHealthStatus {
  const status: Omit<
    IntegrationHealthStatus,
    | 'name'
    | 'lastChecked'
    | 'uptime'
    | 'responseTime'
    | 'dependencies'
    | 'configuration'
  > &
    Partial<IntegrationHealthStatus> = {
    integration: 'stripe',
    environment: 'production',
    displayName: 'Stripe',
    provider: 'stripe',
    category: 'payment',
    owner: 'group:default/payments-team',
    enabled: true,
    status: 'healthy',
    reasons: ['The latest check passed.'],
    lastCheckedAt: new Date(Date.now() - 60_000).toISOString(),
    responseTimeMs: 230,
    uptimeWindows: { last24h: 100, last7d: 99.95, last30d: 99.5 },
    checks: { passed: 48, failed: 0 },
    errorRate: 0,
    configVersion: 3,
    healthCheckIntervalSeconds: 60,
    dependencyStatus: [],
    dependents: [],
    expiringCredentials: [],
    apiCallsToday: 48,
    healthMetrics: {
      connectionTest: true,
      authenticationValid: true,
      apiEndpointsAccessible: true,
      rateWithinLimits: true,
      errorRateAcceptable: true,
    },
    ...overrides,
  };
  return {
    name: status.integration,
    ...(status.lastCheckedAt ? { lastChecked: status.lastCheckedAt } : {}),
    uptime: status.uptimeWindows.last24h,
    ...(status.responseTimeMs !== undefined
      ? { responseTime: status.responseTimeMs }
      : {}),
    dependencies: status.dependencyStatus.map(d => d.name),
    configuration: {
      lastUpdated: '2027-01-09T10:00:00.000Z',
      updatedBy: 'user:default/ada.admin',
      version: String(status.configVersion),
    },
    ...status,
  };
}

/** PayPal in production, whose credentials the provider refuses. */
export function unhealthyStatus(
  overrides: Partial<IntegrationHealthStatus> = {},
): IntegrationHealthStatus {
  return healthStatus({
    integration: 'paypal',
    displayName: 'PayPal',
    provider: 'paypal',
    status: 'unhealthy',
    reasons: ['The latest check failed: credentials refused.'],
    responseTimeMs: 410,
    uptimeWindows: { last24h: 90, last7d: 98, last30d: 99 },
    checks: { passed: 40, failed: 8 },
    errorRate: 16.67,
    configVersion: 7,
    failure: {
      class: 'auth_invalid',
      explanation: 'PayPal refused the client id and secret.',
      repairSteps: FAILURE_CLASS_INFO.auth_invalid.repairSteps,
      providerMessage: 'invalid_client',
      httpStatus: 401,
    },
    ...overrides,
  });
}

/** A production dashboard of the given integrations, counted by status. */
export function dashboardOf(
  integrations: IntegrationHealthStatus[],
  overrides: Partial<IntegrationDashboard> = {},
): IntegrationDashboard {
  const count = (status: string) =>
    integrations.filter(item => item.status === status).length;
  return {
    environment: 'production',
    generatedAt: new Date().toISOString(),
    overviewMetrics: {
      totalIntegrations: integrations.length,
      healthyIntegrations: count('healthy'),
      degradedIntegrations: count('degraded'),
      unhealthyIntegrations: count('unhealthy'),
      disabledIntegrations: count('disabled'),
      unknownIntegrations: count('unknown'),
      notConfiguredIntegrations: count('not_configured'),
      lastHealthCheck: new Date(Date.now() - 5 * 60_000).toISOString(),
      totalAPICallsToday: 1234,
      totalErrorsToday: 8,
      averageResponseTime: 320,
    },
    integrationStatus: Object.fromEntries(
      integrations.map(item => [item.integration, item]),
    ),
    recentActivity: { activities: [], errors: [], configurations: [] },
    alerts: { critical: [], warnings: [], info: [] },
    quickActions: { availableActions: [], bulkOperations: [] },
    ...overrides,
  };
}

/** A failed quick test of PayPal. */
export function testRunResult(
  overrides: Partial<TestRunResult> = {},
): TestRunResult {
  return {
    id: 'run-1',
    integration: 'paypal',
    environment: 'production',
    suite: 'quick',
    status: 'failed',
    trigger: 'manual',
    triggeredBy: 'user:default/ada',
    startedAt: new Date(Date.now() - 2_000).toISOString(),
    durationMs: 1500,
    steps: [
      {
        id: 'dns',
        category: 'connectivity',
        name: 'Resolve host',
        status: 'passed',
        durationMs: 12,
        message: 'api-m.paypal.com resolves to 2 addresses',
      },
      {
        id: 'token',
        category: 'authentication',
        name: 'Get access token',
        status: 'failed',
        durationMs: 380,
        message: 'The provider answered 401 invalid_client',
        target: 'POST /v1/oauth2/token',
      },
    ],
    connectivity: {
      dnsResolution: {
        passed: true,
        addresses: ['151.101.1.21', '151.101.65.21'],
        durationMs: 12,
      },
      httpRequest: { passed: true, statusCode: 401, durationMs: 380 },
    },
    authentication: { credentialsValid: false },
    failure: {
      class: 'auth_invalid',
      explanation: 'PayPal refused the client id and secret.',
      repairSteps: FAILURE_CLASS_INFO.auth_invalid.repairSteps,
      httpStatus: 401,
    },
    ...overrides,
  };
}

/** Hourly buckets of the given uptimes, one series per integration. */
export function historyOf(
  series: Record<string, Array<number | null>>,
): HealthHistoryResponse {
  const start = Date.parse('2027-01-10T00:00:00Z');
  return {
    environment: 'production',
    range: '24h',
    series: Object.entries(series).map(([integration, uptimes]) => ({
      integration,
      points: uptimes.map((uptime, index) => {
        const checks = uptime === null ? 0 : 20;
        return {
          at: new Date(start + index * 3_600_000).toISOString(),
          checks,
          failures:
            uptime === null ? 0 : Math.round(checks * (1 - uptime / 100)),
          averageResponseMs: uptime === null ? null : 250,
          maxResponseMs: uptime === null ? null : 400,
          uptime,
        };
      }),
    })),
  };
}

/** A signal API whose messages the test sends with `publish`. */
export function fakeSignalApi() {
  const listeners = new Map<string, Set<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel: string, onMessage: (message: any) => void) {
      const forChannel = listeners.get(channel) ?? new Set();
      forChannel.add(onMessage);
      listeners.set(channel, forChannel);
      return { unsubscribe: () => forChannel.delete(onMessage) };
    },
  };
  return {
    api,
    /** Sends a status change on the health channel to every subscriber. */
    publishHealth(signal: HealthSignal) {
      act(() => {
        listeners.get(HEALTH_SIGNAL_CHANNEL)?.forEach(listener => {
          listener(signal);
        });
      });
    },
    /** Sends an errors change to every subscriber of the errors channel. */
    publishErrors(signal: ErrorsSignal) {
      act(() => {
        listeners.get(ERRORS_SIGNAL_CHANNEL)?.forEach(listener => {
          listener(signal);
        });
      });
    },
    /** Sends the change of an alert on the alerts channel to every subscriber. */
    publishAlert(signal: AlertSignal) {
      act(() => {
        listeners.get(ALERTS_SIGNAL_CHANNEL)?.forEach(listener => {
          listener(signal);
        });
      });
    },
    /** Sends an incident change on the incidents channel to every subscriber. */
    publishIncident(signal: IncidentsSignal) {
      act(() => {
        listeners.get(INCIDENTS_SIGNAL_CHANNEL)?.forEach(listener => {
          listener(signal);
        });
      });
    },
    /** Sends a webhook change on the webhooks channel to every subscriber. */
    publishWebhook(signal: WebhookSignal) {
      act(() => {
        listeners.get(WEBHOOKS_SIGNAL_CHANNEL)?.forEach(listener => {
          listener(signal);
        });
      });
    },
    subscribers: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
}

/** An open warning about Stripe's error rate in production, raised five minutes ago. */
export function integrationAlert(
  overrides: Partial<IntegrationAlert> = {},
): IntegrationAlert {
  const raisedAt = new Date(Date.now() - 5 * 60_000).toISOString();
  return {
    id: '6f1f4a8e-3c2b-4d7e-9a10-0b1c2d3e4f50',
    integration: 'stripe',
    environment: 'production',
    type: 'error_rate',
    severity: 'warning',
    title: 'Error rate of Stripe (production) is 34 %',
    message:
      '34 of 100 calls failed in the last 15 minutes, above the 5 % threshold.',
    rule: 'error rate above 5 % over 15 minutes, at least 20 calls',
    value: '34 %',
    timestamp: raisedAt,
    updatedAt: raisedAt,
    status: 'open',
    acknowledged: false,
    autoResolve: true,
    escalationLevel: 0,
    notified: true,
    actions: [],
    ...overrides,
  };
}
