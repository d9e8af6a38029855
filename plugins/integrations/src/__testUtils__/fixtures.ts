import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  ConfigurationTemplate,
  IntegrationConfig,
  getProvider,
  toConfigurationTemplate,
} from '@internal/plugin-integrations-common';
import { IntegrationsApi } from '../api';

/** A production Stripe configuration that passes every validation rule. */
export function integrationConfig(
  overrides: Partial<IntegrationConfig> = {},
): IntegrationConfig {
  return {
    name: 'stripe',
    displayName: 'Stripe',
    description: 'Card payments',
    provider: 'stripe',
    category: 'payment',
    environment: 'production',
    enabled: true,
    owner: 'group:default/payments-team',
    dependencies: [],
    dependents: [],
    connectionConfig: {
      baseUrl: 'https://api.stripe.com',
      apiVersion: '2024-06-20',
      timeout: 5000,
      retryAttempts: 3,
      rateLimitBuffer: 0.2,
    },
    authConfig: { type: 'api_key', scopes: [] },
    featureConfig: {
      enabledFeatures: ['payment_intents', 'refunds'],
      featureSettings: {
        accountCountry: 'US',
        defaultCurrency: 'usd',
        webhookToleranceSeconds: 300,
      },
      customSettings: {},
    },
    monitoringConfig: {
      healthCheckInterval: 60,
      alertThresholds: { errorRate: 1, responseTime: 2000, uptime: 99.9 },
      enabledAlerts: ['error_rate', 'uptime'],
      notificationChannels: ['email:payments@acme.example'],
    },
    complianceConfig: {
      dataRetentionDays: 90,
      loggingLevel: 'info',
      auditEnabled: true,
      encryptionRequired: true,
    },
    metadata: {
      version: 3,
      createdAt: '2026-11-20T09:30:00.000Z',
      createdBy: 'user:default/ada',
      lastUpdated: '2026-11-21T10:00:00.000Z',
      updatedBy: 'user:default/ada',
    },
    ...overrides,
  };
}

/** The template the API serves for a catalog provider. */
export function templateOf(providerId: string): ConfigurationTemplate {
  const provider = getProvider(providerId);
  if (!provider) {
    throw new Error(`No provider ${providerId} in the catalog`);
  }
  return toConfigurationTemplate(provider);
}

/** An API whose every call fails the test unless the test says what it returns. */
export function fakeIntegrationsApi(
  overrides: Partial<IntegrationsApi> = {},
): jest.Mocked<IntegrationsApi> {
  const unexpected = (method: string) =>
    jest.fn(async () => {
      throw new Error(`${method} was not expected in this test`);
    });
  const methods: Array<keyof IntegrationsApi> = [
    'listConfigs',
    'getConfig',
    'listTemplates',
    'createIntegration',
    'updateConfig',
    'deleteIntegration',
    'restoreIntegration',
    'copyConfig',
    'listVersions',
    'getVersion',
    'diffVersions',
    'rollback',
    'bulkUpdate',
    'getCredentials',
    'updateCredentials',
    'getEncryptionStatus',
    'rotateKeys',
    'listAudit',
    'exportAuditCsv',
    'getDashboard',
    'getHealth',
    'getHealthHistory',
    'testIntegration',
    'runDiagnostics',
    'bulkTest',
    'listTestRuns',
    'listTestHistory',
    'getHealthSchedule',
    'pauseHealthChecks',
    'resumeHealthChecks',
    'getUsageAnalytics',
    'exportUsageAnalytics',
    'getErrorSummary',
    'listErrorPatterns',
    'getErrorPattern',
    'listErrors',
    'getError',
    'resolveError',
    'setErrorPatternStatus',
    'snoozeErrorPattern',
    'wakeErrorPattern',
    'setErrorPatternSeverity',
    'mergeErrorPatterns',
    'unmergeErrorPattern',
    'setAutomatedFix',
    'runAutomatedFix',
    'listIncidents',
    'getIncident',
    'resolveIncident',
    'listAlerts',
    'acknowledgeAlert',
    'getImpact',
    'listWebhookEndpoints',
    'createWebhookEndpoint',
    'getWebhookEndpoint',
    'updateWebhookEndpoint',
    'deleteWebhookEndpoint',
    'rotateWebhookSecret',
    'listEndpointDeliveries',
    'listWebhookDeliveries',
    'getWebhookDelivery',
    'retryWebhookDelivery',
    'retryFailedDeliveries',
    'replayWebhookEvents',
    'sendTestWebhook',
    'listWebhookEventTypes',
    'getWebhookDocs',
    'listInboundDeliveries',
  ];
  const api = Object.fromEntries(
    methods.map(method => [
      method,
      overrides[method]
        ? jest.fn(overrides[method] as (...args: any[]) => any)
        : unexpected(method),
    ]),
  );
  return api as unknown as jest.Mocked<IntegrationsApi>;
}

/** The error the client throws for a backend error answer. */
export async function responseError(
  status: number,
  name: string,
  message: string,
  /** The wrong fields a 400 lists, as the backend sends them. */
  fields?: Array<{ path: string; message: string }>,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message, ...(fields ? { fields } : {}) },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** A permission API allowing what `allow` says, by permission name and resource ref. */
export function permissions(
  allow: (permission: string, resourceRef?: string) => boolean,
) {
  return mockApis.permission({
    authorize: request =>
      allow(
        request.permission.name,
        'resourceRef' in request ? request.resourceRef : undefined,
      )
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
}

export const allowEverything = () => permissions(() => true);
