import { createApiRef } from '@backstage/core-plugin-api';
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
  ErrorPattern,
  ErrorPatternDetail,
  ErrorPatternsQuery,
  ErrorPatternsResponse,
  ErrorSeverity,
  ErrorSummary,
  ErrorsQuery,
  IncidentDetail,
  IncidentsQuery,
  IncidentsResponse,
  ResolveIncidentRequest,
  IntegrationError,
  IntegrationErrorsResponse,
  KeyRotationResult,
  ResolveErrorRequest,
  SnoozePatternRequest,
  UpdateCredentialsRequest,
  DiffResponse,
  Environment,
  HealthCheckSchedule,
  HealthHistoryResponse,
  HealthListResponse,
  HealthScheduleResponse,
  HealthRange,
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
  BulkRetryRequest,
  CreateWebhookEndpointRequest,
  InboundDeliveriesQuery,
  ListInboundDeliveriesResponse,
  ListWebhookDeliveriesResponse,
  ListWebhookEndpointsResponse,
  QueuedDeliveriesResponse,
  ReplayRequest,
  RotateWebhookSecretRequest,
  TestSendRequest,
  UpdateWebhookEndpointRequest,
  WebhookDeliveriesQuery,
  WebhookDelivery,
  WebhookDeliveryLogQuery,
  WebhookDocsFormat,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';

/** Which health statuses `getHealth` returns; all readable ones by default. */
export interface HealthQuery {
  environment?: Environment;
  integration?: string;
}

/** Which response-time and uptime series `getHealthHistory` returns. */
export interface HealthHistoryQuery {
  environment: Environment;
  /** 24h by default. */
  range?: HealthRange;
  /** All readable integrations when left out. */
  integrations?: string[];
}

/** A page of test runs, newest first. */
export interface TestRunsPage {
  offset?: number;
  limit?: number;
}

/** Which errors the Errors page header counts; the backend's default period when left out. */
export interface ErrorSummaryQuery {
  environment?: Environment;
  integration?: string;
  from?: string;
  to?: string;
}

/** The triage states a person sets directly; resolving goes through `resolveError`. */
export type PatternTriageStatus = 'open' | 'investigating' | 'false_positive';

/** A downloaded file and the name to save it under. */
export interface DownloadedFile {
  fileName: string;
  content: Blob;
}

/** @public */
export interface IntegrationsApi {
  listConfigs(query?: ListConfigsQuery): Promise<ListConfigsResponse>;
  /** The integration's configurations, one per environment (or only the one asked for). */
  getConfig(
    name: string,
    environment?: Environment,
  ): Promise<IntegrationConfig[]>;
  listTemplates(): Promise<ConfigurationTemplate[]>;
  createIntegration(
    request: CreateIntegrationRequest,
  ): Promise<IntegrationConfig[]>;
  /** Saves changes; with `dryRun` only validates and returns the would-be result and its diff. */
  updateConfig(
    name: string,
    environment: Environment,
    request: UpdateConfigRequest,
    options?: { dryRun?: boolean },
  ): Promise<UpdateConfigResponse>;
  deleteIntegration(name: string): Promise<void>;
  restoreIntegration(name: string): Promise<IntegrationConfig[]>;
  copyConfig(
    name: string,
    request: CopyConfigRequest,
  ): Promise<CopyConfigResponse>;
  listVersions(
    name: string,
    environment: Environment,
  ): Promise<ListVersionsResponse>;
  getVersion(
    name: string,
    environment: Environment,
    version: number,
  ): Promise<ConfigVersion>;
  diffVersions(
    name: string,
    environment: Environment,
    from: number,
    to: number,
  ): Promise<DiffResponse>;
  rollback(
    name: string,
    environment: Environment,
    request: RollbackRequest,
  ): Promise<IntegrationConfig>;
  bulkUpdate(request: BulkUpdateRequest): Promise<BulkUpdateResponse>;
  /** The masked status of each credential field; values never come back. */
  getCredentials(
    name: string,
    environment: Environment,
  ): Promise<CredentialStatusResponse>;
  /** Sets (string), clears (null) or leaves (absent) each field; write-only. */
  updateCredentials(
    name: string,
    environment: Environment,
    request: UpdateCredentialsRequest,
  ): Promise<CredentialStatusResponse>;
  getEncryptionStatus(): Promise<EncryptionStatus>;
  rotateKeys(): Promise<KeyRotationResult>;
  listAudit(query?: AuditQuery): Promise<ListAuditResponse>;
  /** The audit log matching the query as CSV text. */
  exportAuditCsv(query?: AuditQuery): Promise<string>;
  /** The health dashboard of one environment: overview, per-integration status, activity. */
  getDashboard(environment: Environment): Promise<IntegrationDashboard>;
  getHealth(query?: HealthQuery): Promise<HealthListResponse>;
  getHealthHistory(query: HealthHistoryQuery): Promise<HealthHistoryResponse>;
  /** Runs the quick connection test now. */
  testIntegration(
    name: string,
    environment: Environment,
  ): Promise<TestRunResult>;
  /** Runs a named test suite now. */
  runDiagnostics(
    name: string,
    environment: Environment,
    testSuite: TestSuite,
  ): Promise<TestRunResult>;
  /** Tests several integrations; each item reports its own result or error. */
  bulkTest(request: BulkTestRequest): Promise<BulkTestResponse>;
  listTestRuns(
    name: string,
    environment: Environment,
    page?: TestRunsPage,
  ): Promise<TestRunsResponse>;
  /** Test runs of every readable integration, newest first. */
  listTestHistory(query?: TestHistoryQuery): Promise<TestHistoryResponse>;
  /** When each readable configuration is health-checked next. */
  getHealthSchedule(environment?: Environment): Promise<HealthScheduleResponse>;
  /** Stops one configuration's scheduled health checks until resumed. */
  pauseHealthChecks(
    name: string,
    environment: Environment,
  ): Promise<HealthCheckSchedule>;
  resumeHealthChecks(
    name: string,
    environment: Environment,
  ): Promise<HealthCheckSchedule>;
  /** How the product used each readable integration over a period, with the period before. */
  getUsageAnalytics(
    query?: UsageAnalyticsQuery,
  ): Promise<IntegrationUsageAnalytics>;
  /** The same usage as a CSV (one row per integration) or JSON file. */
  exportUsageAnalytics(query: UsageExportQuery): Promise<DownloadedFile>;
  /** Counts and trend of the errors the user may see, for the Errors page header. */
  getErrorSummary(query?: ErrorSummaryQuery): Promise<ErrorSummary>;
  /** Error groups, most recently seen first; snoozed ones only when asked for. */
  listErrorPatterns(query?: ErrorPatternsQuery): Promise<ErrorPatternsResponse>;
  /** One group with its recent events and history. */
  getErrorPattern(patternId: string): Promise<ErrorPatternDetail>;
  /** Error events, newest first. */
  listErrors(query?: ErrorsQuery): Promise<IntegrationErrorsResponse>;
  /** One event; its request and response only with the sensitive-data permission. */
  getError(errorId: string): Promise<IntegrationError>;
  /** Resolves the whole group the event belongs to. */
  resolveError(
    errorId: string,
    request: ResolveErrorRequest,
  ): Promise<ErrorPattern>;
  setErrorPatternStatus(
    patternId: string,
    status: PatternTriageStatus,
    note?: string,
  ): Promise<ErrorPattern>;
  snoozeErrorPattern(
    patternId: string,
    request: SnoozePatternRequest,
  ): Promise<ErrorPattern>;
  /** Ends a snooze now. */
  wakeErrorPattern(patternId: string): Promise<ErrorPattern>;
  /** Overrides the computed severity; null goes back to the computed one. */
  setErrorPatternSeverity(
    patternId: string,
    severity: ErrorSeverity | null,
  ): Promise<ErrorPattern>;
  /** The other groups join this one, with their events and future events. */
  mergeErrorPatterns(
    patternId: string,
    patternIds: string[],
  ): Promise<ErrorPattern>;
  /** A group merged into this one stands alone again. */
  unmergeErrorPattern(
    patternId: string,
    mergedPatternId: string,
  ): Promise<ErrorPattern>;
  /** Turns the group's automated fix on or off. */
  setAutomatedFix(patternId: string, enabled: boolean): Promise<ErrorPattern>;
  /** Runs the group's automated fix now. */
  runAutomatedFix(patternId: string): Promise<ErrorPattern>;
  /** Incidents of the integrations whose errors the user may read, newest first. */
  listIncidents(query?: IncidentsQuery): Promise<IncidentsResponse>;
  /** One incident with its timeline and its error groups. */
  getIncident(incidentId: string): Promise<IncidentDetail>;
  /** Closes an incident by hand; its error groups stay as they are. */
  resolveIncident(
    incidentId: string,
    request: ResolveIncidentRequest,
  ): Promise<IncidentDetail>;
  /** Alerts of the readable integrations, newest first. */
  listAlerts(query?: AlertsQuery): Promise<ListAlertsResponse>;
  /** Acknowledges an open alert: its owners are no longer reminded of it. */
  acknowledgeAlert(id: string): Promise<IntegrationAlert>;
  /**
   * What in the catalog depends on the integration, and who owns it; told
   * by its health in the environment (production unless named).
   */
  getImpact(
    integration: string,
    environment?: Environment,
  ): Promise<IntegrationImpact>;
  /** Webhook endpoints of the readable integrations, or of one. */
  listWebhookEndpoints(query?: {
    integration?: string;
  }): Promise<ListWebhookEndpointsResponse>;
  /** Registers an endpoint; the answer is the only one that carries its signing secret. */
  createWebhookEndpoint(
    request: CreateWebhookEndpointRequest,
  ): Promise<WebhookEndpointWithSecret>;
  getWebhookEndpoint(id: string): Promise<WebhookEndpoint>;
  updateWebhookEndpoint(
    id: string,
    request: UpdateWebhookEndpointRequest,
  ): Promise<WebhookEndpoint>;
  /** Removes the endpoint; its pending deliveries are cancelled. */
  deleteWebhookEndpoint(id: string): Promise<void>;
  /** A new signing secret, shown once; the old one keeps signing for the grace hours. */
  rotateWebhookSecret(
    id: string,
    request?: RotateWebhookSecretRequest,
  ): Promise<WebhookEndpointWithSecret>;
  /** One endpoint's deliveries, newest first. */
  listEndpointDeliveries(
    id: string,
    query?: WebhookDeliveriesQuery,
  ): Promise<ListWebhookDeliveriesResponse>;
  /** Deliveries across endpoints, newest first. */
  listWebhookDeliveries(
    query?: WebhookDeliveryLogQuery,
  ): Promise<ListWebhookDeliveriesResponse>;
  /** One delivery; its headers and bodies only with the permission to read payloads. */
  getWebhookDelivery(id: string): Promise<WebhookDelivery>;
  /** Tries a delivery again now. */
  retryWebhookDelivery(id: string): Promise<WebhookDelivery>;
  /** Tries the endpoint's failed deliveries of a time range again. */
  retryFailedDeliveries(
    id: string,
    request: BulkRetryRequest,
  ): Promise<QueuedDeliveriesResponse>;
  /** Sends every event since a time to the endpoint again, as new deliveries. */
  replayWebhookEvents(
    id: string,
    request: ReplayRequest,
  ): Promise<QueuedDeliveriesResponse>;
  /** Sends one event of a type to the endpoint now and answers with its delivery. */
  sendTestWebhook(
    id: string,
    request: TestSendRequest,
  ): Promise<WebhookDelivery>;
  /** Every event type an endpoint may subscribe to, with its schema and example. */
  listWebhookEventTypes(): Promise<{ items: WebhookEventTypeDescriptor[] }>;
  /** The event catalog as Markdown, or as an AsyncAPI document (JSON text). */
  getWebhookDocs(format: WebhookDocsFormat): Promise<string>;
  /** Webhooks received from providers, newest first. */
  listInboundDeliveries(
    query?: InboundDeliveriesQuery,
  ): Promise<ListInboundDeliveriesResponse>;
}

/** @public */
export const integrationsApiRef = createApiRef<IntegrationsApi>({
  id: 'plugin.integrations.service',
});
