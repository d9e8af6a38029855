import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import express from 'express';
import Router from 'express-promise-router';
import { addAlertRoutes } from '../alerts/alertRoutes';
import { AlertService } from '../alerts/AlertService';
import { addAuditRoutes } from '../audit/auditRoutes';
import { AuditStore } from '../audit/AuditStore';
import { addCatalogRoutes } from '../catalog/catalogRoutes';
import { addConfigurationRoutes } from '../configuration/configurationRoutes';
import { ConfigStore } from '../configuration/ConfigStore';
import { ConfigurationHistoryService } from '../configuration/ConfigurationHistoryService';
import { ConfigurationService } from '../configuration/ConfigurationService';
import { addConnectionTestRoutes } from '../connectionTests/connectionTestRoutes';
import { ConnectionTestService } from '../connectionTests/ConnectionTestService';
import { addTestHistoryRoutes } from '../connectionTests/testHistoryRoutes';
import { TestHistoryStore } from '../connectionTests/TestHistoryStore';
import { addCredentialsRoutes } from '../credentials/credentialsRoutes';
import { CredentialService } from '../credentials/CredentialService';
import { KeyRotationService } from '../credentials/KeyRotationService';
import { addErrorRoutes } from '../errors/errorRoutes';
import { ErrorService } from '../errors/ErrorService';
import { ErrorTriageService } from '../errors/ErrorTriageService';
import { addHealthRoutes } from '../health/healthRoutes';
import { HealthService } from '../health/HealthService';
import { HealthScheduleService } from '../health/HealthScheduleService';
import { HealthStore } from '../health/HealthStore';
import { addHealthScheduleRoutes } from '../health/scheduleRoutes';
import { addImpactRoutes } from '../impact/impactRoutes';
import { ImpactService } from '../impact/ImpactService';
import { addIncidentRoutes } from '../incidents/incidentRoutes';
import { IncidentService } from '../incidents/IncidentService';
import { RequestGuard } from '../permissions/RequestGuard';
import { addRateLimitRoutes } from '../rateLimits/rateLimitRoutes';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { addAnalyticsRoutes } from '../usage/analyticsRoutes';
import { addUsageIngestRoutes } from '../usage/usageRoutes';
import { UsageAnalyticsService } from '../usage/UsageAnalyticsService';
import { UsageIngestService } from '../usage/UsageIngestService';
import { ConfigPropertyFilter } from '../permissions/rules';
import { addWebhookRoutes } from '../webhooks/webhookRoutes';
import { WebhookDeliveryStore } from '../webhooks/WebhookDeliveryStore';
import { WebhookOperations } from '../webhooks/WebhookOperations';
import { WebhookService } from '../webhooks/WebhookService';
import { JsonAnswer } from './jsonAnswer';
import { jsonBody } from './jsonBody';
import { SharedAnswers } from './SharedAnswers';
import { explainOversizedBody } from './requestBodyLimit';

export interface RouterOptions {
  /** The rules a policy's conditions on integrations are made of. */
  permissionRuleset: PermissionRuleset<IntegrationConfig, ConfigPropertyFilter>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  auditStore: AuditStore;
  configs: ConfigStore;
  configurations: ConfigurationService;
  history: ConfigurationHistoryService;
  credentialService: CredentialService;
  keyRotation: KeyRotationService;
  tester: ConnectionTestService;
  healthStore: HealthStore;
  health: HealthService;
  testHistory: TestHistoryStore;
  schedule: HealthScheduleService;
  usage: UsageIngestService;
  analytics: UsageAnalyticsService;
  /** Usage analytics answers shared between callers for a few seconds. */
  analyticsAnswers?: SharedAnswers<JsonAnswer>;
  rateLimits: RateLimitService;
  errors: ErrorService;
  triage: ErrorTriageService;
  alerts: AlertService;
  incidents: IncidentService;
  impact: ImpactService;
  webhooks: WebhookService;
  webhookOperations: WebhookOperations;
  webhookDeliveries: WebhookDeliveryStore;
  /** `GET /webhooks/inbound`, the log of webhooks received from providers. */
  addInboundLogRoutes?: (
    router: express.Router,
    options: { guard: RequestGuard },
  ) => void;
}

/** The plugin's API: one routes file per capability, behind one guard. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const guard = new RequestGuard(options);

  const router = Router();
  // Usage ingestion reads larger bodies than the rest, with its own reader.
  addUsageIngestRoutes(router, { ...options, guard });
  router.use(jsonBody({ limit: '1mb' }));
  router.use(explainOversizedBody);

  addConfigurationRoutes(router, { ...options, guard });
  addCatalogRoutes(router, { ...options, guard });
  addCredentialsRoutes(router, { ...options, guard });
  addAuditRoutes(router, { ...options, guard });
  addConnectionTestRoutes(router, { ...options, guard });
  addTestHistoryRoutes(router, { ...options, guard });
  addHealthRoutes(router, { ...options, guard });
  addHealthScheduleRoutes(router, { ...options, guard });
  addAnalyticsRoutes(router, { ...options, guard });
  addErrorRoutes(router, { ...options, guard });
  addIncidentRoutes(router, { ...options, guard });
  addRateLimitRoutes(router, { ...options, guard });
  addAlertRoutes(router, { ...options, guard });
  // Ahead of the webhook routes, whose /webhooks/:id would take `inbound` for an id.
  options.addInboundLogRoutes?.(router, { guard });
  addWebhookRoutes(router, {
    ...options,
    guard,
    operations: options.webhookOperations,
    deliveries: options.webhookDeliveries,
  });
  // Last, like the other `/:name/…` reads: a collection's `/<collection>/:id`
  // keeps its meaning over an integration of the collection's name.
  addImpactRoutes(router, { ...options, guard });

  return router;
}
