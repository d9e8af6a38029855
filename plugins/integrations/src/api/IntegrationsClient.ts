import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AlertsQuery,
  AuditQuery,
  BulkTestRequest,
  BulkTestResponse,
  BulkUpdateRequest,
  BulkUpdateResponse,
  ConfigurationTemplate,
  ConfigVersion,
  CopyConfigRequest,
  CopyConfigResponse,
  CreateIntegrationRequest,
  CredentialStatusResponse,
  EncryptionStatus,
  KeyRotationResult,
  UpdateCredentialsRequest,
  DiffResponse,
  Environment,
  HealthCheckSchedule,
  HealthHistoryResponse,
  HealthListResponse,
  HealthScheduleResponse,
  IntegrationAlert,
  IntegrationConfig,
  IntegrationDashboard,
  IntegrationImpact,
  IntegrationUsageAnalytics,
  ListAlertsResponse,
  ListAuditResponse,
  ListConfigsQuery,
  ListConfigsResponse,
  ListVersionsResponse,
  RollbackRequest,
  TestHistoryQuery,
  TestHistoryResponse,
  TestRunResult,
  TestRunsResponse,
  TestSuite,
  UpdateConfigRequest,
  UpdateConfigResponse,
  UsageAnalyticsQuery,
  UsageExportQuery,
  usageExportFileName,
} from '@internal/plugin-integrations-common';
import {
  DownloadedFile,
  HealthHistoryQuery,
  HealthQuery,
  IntegrationsApi,
  TestRunsPage,
} from './IntegrationsApi';
import { ErrorTrackingRequests } from './ErrorTrackingRequests';
import { WebhookRequests } from './WebhookRequests';
import { enc, withQuery } from './requestPaths';

/** Talks to the integrations backend with the signed-in user's token. @public */
export class IntegrationsClient implements IntegrationsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  private readonly errors = new ErrorTrackingRequests((path, init) =>
    this.json(path, init),
  );

  private readonly webhooks = new WebhookRequests(
    (path, init) => this.json(path, init),
    (path, init) => this.request(path, init),
  );

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listConfigs(query: ListConfigsQuery = {}): Promise<ListConfigsResponse> {
    return this.json(withQuery('/configs', query));
  }

  getConfig(
    name: string,
    environment?: Environment,
  ): Promise<IntegrationConfig[]> {
    return this.json(withQuery(`/configs/${enc(name)}`, { environment }));
  }

  listTemplates(): Promise<ConfigurationTemplate[]> {
    return this.json('/templates');
  }

  createIntegration(
    request: CreateIntegrationRequest,
  ): Promise<IntegrationConfig[]> {
    return this.json('/configs', { method: 'POST', body: request });
  }

  updateConfig(
    name: string,
    environment: Environment,
    request: UpdateConfigRequest,
    options: { dryRun?: boolean } = {},
  ): Promise<UpdateConfigResponse> {
    const path = withQuery(`/configs/${enc(name)}`, {
      environment,
      dryRun: options.dryRun || undefined,
    });
    return this.json(path, { method: 'PUT', body: request });
  }

  async deleteIntegration(name: string): Promise<void> {
    await this.request(`/configs/${enc(name)}`, { method: 'DELETE' });
  }

  restoreIntegration(name: string): Promise<IntegrationConfig[]> {
    return this.json(`/configs/${enc(name)}/restore`, { method: 'POST' });
  }

  copyConfig(
    name: string,
    request: CopyConfigRequest,
  ): Promise<CopyConfigResponse> {
    return this.json(`/configs/${enc(name)}/copy`, {
      method: 'POST',
      body: request,
    });
  }

  listVersions(
    name: string,
    environment: Environment,
  ): Promise<ListVersionsResponse> {
    return this.json(
      withQuery(`/configs/${enc(name)}/versions`, { environment }),
    );
  }

  getVersion(
    name: string,
    environment: Environment,
    version: number,
  ): Promise<ConfigVersion> {
    return this.json(
      withQuery(`/configs/${enc(name)}/versions/${version}`, { environment }),
    );
  }

  diffVersions(
    name: string,
    environment: Environment,
    from: number,
    to: number,
  ): Promise<DiffResponse> {
    return this.json(
      withQuery(`/configs/${enc(name)}/diff`, { environment, from, to }),
    );
  }

  rollback(
    name: string,
    environment: Environment,
    request: RollbackRequest,
  ): Promise<IntegrationConfig> {
    return this.json(
      withQuery(`/configs/${enc(name)}/rollback`, { environment }),
      { method: 'POST', body: request },
    );
  }

  bulkUpdate(request: BulkUpdateRequest): Promise<BulkUpdateResponse> {
    return this.json('/bulk-update', { method: 'POST', body: request });
  }

  getCredentials(
    name: string,
    environment: Environment,
  ): Promise<CredentialStatusResponse> {
    return this.json(withQuery(`/${enc(name)}/credentials`, { environment }));
  }

  updateCredentials(
    name: string,
    environment: Environment,
    request: UpdateCredentialsRequest,
  ): Promise<CredentialStatusResponse> {
    return this.json(withQuery(`/${enc(name)}/credentials`, { environment }), {
      method: 'PUT',
      body: request,
    });
  }

  getEncryptionStatus(): Promise<EncryptionStatus> {
    return this.json('/keys/status');
  }

  rotateKeys(): Promise<KeyRotationResult> {
    return this.json('/keys/rotate', { method: 'POST' });
  }

  listAudit(query: AuditQuery = {}): Promise<ListAuditResponse> {
    return this.json(withQuery('/audit', { ...query, format: undefined }));
  }

  async exportAuditCsv(query: AuditQuery = {}): Promise<string> {
    const response = await this.request(
      withQuery('/audit', { ...query, format: 'csv' }),
    );
    return response.text();
  }

  getDashboard(environment: Environment): Promise<IntegrationDashboard> {
    return this.json(withQuery('/status', { environment }));
  }

  getHealth(query: HealthQuery = {}): Promise<HealthListResponse> {
    return this.json(withQuery('/health', { ...query }));
  }

  getHealthHistory(query: HealthHistoryQuery): Promise<HealthHistoryResponse> {
    return this.json(
      withQuery('/health/history', {
        environment: query.environment,
        range: query.range,
        integrations: query.integrations?.join(','),
      }),
    );
  }

  testIntegration(
    name: string,
    environment: Environment,
  ): Promise<TestRunResult> {
    return this.json(withQuery(`/${enc(name)}/test`, { environment }), {
      method: 'POST',
    });
  }

  runDiagnostics(
    name: string,
    environment: Environment,
    testSuite: TestSuite,
  ): Promise<TestRunResult> {
    return this.json(withQuery(`/${enc(name)}/diagnostics`, { environment }), {
      method: 'POST',
      body: { testSuite },
    });
  }

  bulkTest(request: BulkTestRequest): Promise<BulkTestResponse> {
    return this.json('/bulk-test', { method: 'POST', body: request });
  }

  listTestRuns(
    name: string,
    environment: Environment,
    page: TestRunsPage = {},
  ): Promise<TestRunsResponse> {
    return this.json(
      withQuery(`/${enc(name)}/tests`, { environment, ...page }),
    );
  }

  listTestHistory(query: TestHistoryQuery = {}): Promise<TestHistoryResponse> {
    return this.json(withQuery('/tests', { ...query }));
  }

  getHealthSchedule(
    environment?: Environment,
  ): Promise<HealthScheduleResponse> {
    return this.json(withQuery('/health/schedule', { environment }));
  }

  pauseHealthChecks(
    name: string,
    environment: Environment,
  ): Promise<HealthCheckSchedule> {
    return this.json(
      withQuery(`/health/schedule/${enc(name)}/pause`, { environment }),
      { method: 'POST' },
    );
  }

  resumeHealthChecks(
    name: string,
    environment: Environment,
  ): Promise<HealthCheckSchedule> {
    return this.json(
      withQuery(`/health/schedule/${enc(name)}/resume`, { environment }),
      { method: 'POST' },
    );
  }

  getUsageAnalytics(
    query: UsageAnalyticsQuery = {},
  ): Promise<IntegrationUsageAnalytics> {
    return this.json(withQuery('/analytics/usage', { ...query }));
  }

  async exportUsageAnalytics(query: UsageExportQuery): Promise<DownloadedFile> {
    const response = await this.request(
      withQuery('/analytics/usage/export', { ...query }),
    );
    // The backend names the file; where the browser hides the header from a
    // page on another origin, the same name is made from the query.
    const named = /filename="([^"]+)"/.exec(
      response.headers.get('Content-Disposition') ?? '',
    );
    const environment = query.environment ?? 'production';
    const fileName =
      named?.[1] ??
      (query.from && query.to
        ? usageExportFileName({
            environment,
            integration: query.integration,
            period: { start: query.from, end: query.to },
            format: query.format,
          })
        : `integration-usage-${environment}.${query.format}`);
    return { fileName, content: await response.blob() };
  }

  getErrorSummary = this.errors.getErrorSummary;
  listErrorPatterns = this.errors.listErrorPatterns;
  getErrorPattern = this.errors.getErrorPattern;
  listErrors = this.errors.listErrors;
  getError = this.errors.getError;
  resolveError = this.errors.resolveError;
  setErrorPatternStatus = this.errors.setErrorPatternStatus;
  snoozeErrorPattern = this.errors.snoozeErrorPattern;
  wakeErrorPattern = this.errors.wakeErrorPattern;
  setErrorPatternSeverity = this.errors.setErrorPatternSeverity;
  mergeErrorPatterns = this.errors.mergeErrorPatterns;
  unmergeErrorPattern = this.errors.unmergeErrorPattern;
  setAutomatedFix = this.errors.setAutomatedFix;
  runAutomatedFix = this.errors.runAutomatedFix;
  listIncidents = this.errors.listIncidents;
  getIncident = this.errors.getIncident;
  resolveIncident = this.errors.resolveIncident;
  listAlerts(query: AlertsQuery = {}): Promise<ListAlertsResponse> {
    return this.json(withQuery('/alerts', { ...query }));
  }

  acknowledgeAlert(id: string): Promise<IntegrationAlert> {
    return this.json(`/alerts/${enc(id)}/acknowledge`, { method: 'POST' });
  }

  getImpact(
    integration: string,
    environment?: Environment,
  ): Promise<IntegrationImpact> {
    return this.json(withQuery(`/${enc(integration)}/impact`, { environment }));
  }

  listWebhookEndpoints = this.webhooks.listWebhookEndpoints;
  createWebhookEndpoint = this.webhooks.createWebhookEndpoint;
  getWebhookEndpoint = this.webhooks.getWebhookEndpoint;
  updateWebhookEndpoint = this.webhooks.updateWebhookEndpoint;
  deleteWebhookEndpoint = this.webhooks.deleteWebhookEndpoint;
  rotateWebhookSecret = this.webhooks.rotateWebhookSecret;
  listEndpointDeliveries = this.webhooks.listEndpointDeliveries;
  listWebhookDeliveries = this.webhooks.listWebhookDeliveries;
  getWebhookDelivery = this.webhooks.getWebhookDelivery;
  retryWebhookDelivery = this.webhooks.retryWebhookDelivery;
  retryFailedDeliveries = this.webhooks.retryFailedDeliveries;
  replayWebhookEvents = this.webhooks.replayWebhookEvents;
  sendTestWebhook = this.webhooks.sendTestWebhook;
  listWebhookEventTypes = this.webhooks.listWebhookEventTypes;
  getWebhookDocs = this.webhooks.getWebhookDocs;
  listInboundDeliveries = this.webhooks.listInboundDeliveries;

  private async json<T>(
    path: string,
    init?: { method: string; body?: unknown },
  ): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  private async request(
    path: string,
    init?: { method: string; body?: unknown },
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('integrations');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      ...(init?.body !== undefined
        ? {
            body: JSON.stringify(init.body),
            headers: { 'Content-Type': 'application/json' },
          }
        : {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
