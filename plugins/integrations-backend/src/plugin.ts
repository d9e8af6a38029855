import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { DatabaseAuditStore } from './audit/AuditStore';
import { AuditRetentionTask } from './audit/AuditRetentionTask';
import { announceToCatalog } from './catalog/announceToCatalog';
import { DatabaseConfigStore } from './configuration/ConfigStore';
import { ConfigurationHistoryService } from './configuration/ConfigurationHistoryService';
import { ConfigurationService } from './configuration/ConfigurationService';
import { ConfigurationWriter } from './configuration/ConfigurationWriter';
import { createAlerting } from './alerts/alerting';
import { createCredentialProtection } from './credentials/credentialProtection';
import { DatabaseCredentialStore } from './credentials/CredentialStore';
import { applyDatabaseMigrations } from './database/migrations';
import { seedDemoDataIfConfigured } from './demo/demoSeed';
import { createHealthChecks } from './health/healthChecks';
import { HealthService } from './health/HealthService';
import { DatabaseHealthStore } from './health/HealthStore';
import { createImpact } from './impact/impact';
import { createErrorTracking } from './errors/errorTracking';
import { createUsageTracking } from './usage/usageTracking';
import { AutomatedFixes } from './errors/AutomatedFixService';
import { automatedFixesOver } from './errors/automatedFixes';
import { DatabaseIncidentStore } from './incidents/IncidentStore';
import { createIncidentTracking } from './incidents/incidentTracking';
import { DatabaseUsageRollupStore } from './usage/UsageRollupStore';
import { createRouter, RouterOptions } from './http/router';
import { registerIntegrationActions } from './actions/integrationActions';
import { registerPermissions } from './permissions/registerPermissions';
import { ClientAccessPolicy } from './client/ClientAccessPolicy';
import { ClientCallService } from './client/ClientCallService';
import { createClientRouter } from './client/clientRoutes';
import { RateLimitRecorder } from './rateLimits/RateLimitRecorder';
import { RateLimitRetentionTask } from './rateLimits/RateLimitRetentionTask';
import { RateLimitService } from './rateLimits/RateLimitService';
import { DatabaseRateLimitStore } from './rateLimits/RateLimitStore';
import { SafeHttpClient } from './network';
import { OAuthTokenService } from './oauth/OAuthTokenService';
import { DatabaseTokenRefreshLeaseStore } from './oauth/TokenRefreshLeaseStore';
import { integrationPermissionResourceRef } from './permissions/rules';
import { DatabaseTestHistoryStore } from './connectionTests/TestHistoryStore';
import {
  scheduleFromConfig,
  DEFAULT_USAGE_ROLLUP_SCHEDULE,
  DEFAULT_INCIDENT_SCHEDULE,
  AUDIT_RETENTION_SCHEDULE,
  HEALTH_RETENTION_SCHEDULE,
  DEFAULT_WEBHOOK_DISPATCH_SCHEDULE,
} from './scheduling/schedules';
import { WebhookOutbox } from './webhooks/WebhookOutbox';
import { createWebhooks } from './webhooks/webhooks';
import { createInboundWebhooks } from './webhooks/inbound/inboundWebhooks';

/**
 * The integrations backend plugin: configuration, health and credentials of
 * the company's external services.
 *
 * @public
 */
export const integrationsPlugin = createBackendPlugin({
  pluginId: 'integrations',
  register(env) {
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        eventsService: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
      },
      async init({
        actionsRegistry,
        auditor,
        auth,
        catalog,
        config,
        database,
        eventsService,
        httpAuth,
        httpRouter,
        logger,
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
        signals,
      }) {
        await applyDatabaseMigrations(database);
        // The outbox goes into every store whose changes are webhook events.
        const outbox = new WebhookOutbox();
        const auditStore = await DatabaseAuditStore.create({ database });
        await new AuditRetentionTask({
          audit: auditStore,
          retentionDays: AuditRetentionTask.retentionDaysFromConfig(config),
          logger,
        }).start(scheduler, AUDIT_RETENTION_SCHEDULE);

        const configs = await DatabaseConfigStore.create({
          database,
          audit: auditStore,
          outbox,
          onApplied: announceToCatalog({ events: eventsService, logger }),
        });
        const credentialStore = await DatabaseCredentialStore.create({
          database,
          audit: auditStore,
        });

        // Configuration: settings, versions and rollback
        const writer = new ConfigurationWriter({
          configs,
          credentials: credentialStore,
        });
        const configurations = new ConfigurationService({ configs, writer });
        const history = new ConfigurationHistoryService({ configs, writer });

        // Credentials: the vault, its keys and their rotation
        const { vault, credentialService, keyRotation } =
          await createCredentialProtection({
            config,
            database,
            scheduler,
            configs,
            credentials: credentialStore,
            logger,
          });
        // OAuth tokens
        const http = SafeHttpClient.fromConfig(config);
        const tokens = new OAuthTokenService({
          http,
          credentials: credentialService,
          leases: await DatabaseTokenRefreshLeaseStore.create({ database }),
        });

        // Rate limits, as every caller of a provider reads them
        const rateLimitStore = await DatabaseRateLimitStore.create({
          database,
        });
        const rateLimitRecorder = new RateLimitRecorder({
          store: rateLimitStore,
          logger,
        });

        // Errors: every failed check, test and reported call, grouped;
        // a group's page names the incident it is part of. The automated
        // fixes act through the tests and schedule built below.
        const incidentStore = await DatabaseIncidentStore.create({ database });
        const automatedFixes: { over?: AutomatedFixes } = {};
        const errorTracking = await createErrorTracking({
          config,
          database,
          scheduler,
          retentionSchedule: HEALTH_RETENTION_SCHEDULE,
          configs,
          incidents: incidentStore,
          signals,
          logger,
          fixes: () => automatedFixes.over!,
          outbox,
        });
        const errorCapture = errorTracking.capture;

        // Health and connection tests; the dashboard counts usage too
        const healthStore = await DatabaseHealthStore.create({
          database,
          audit: auditStore,
          outbox,
        });
        const usageRollups = await DatabaseUsageRollupStore.create({
          database,
        });

        // Impact: what in the catalog depends on an integration, whose owners
        // hear of its critical alerts and incidents too
        const impact = createImpact({
          catalog,
          auth,
          configs,
          health: healthStore,
          logger,
        });

        // Alerts: raised by the checks below, notified to the owners
        const alerting = await createAlerting({
          config,
          database,
          scheduler,
          outbox,
          configs,
          healthStore,
          audit: auditStore,
          credentials: credentialStore,
          http,
          notifications,
          signals,
          impact: impact.recipients,
          logger,
        });
        const { alerts, store: alertStore } = alerting;

        const health = new HealthService({
          healthStore,
          configs,
          audit: auditStore,
          alerts: alertStore,
          credentials: credentialStore,
          usageRollups,
          onRecorded: checks => errorCapture.captureRuns(checks),
          recentErrors: (environment, integrations, limit) =>
            errorTracking.errors.recentForDashboard(
              environment,
              integrations,
              limit,
            ),
          signals,
          logger,
        });
        const healthChecks = await createHealthChecks({
          config,
          database,
          scheduler,
          configs,
          audit: auditStore,
          healthStore,
          health,
          http,
          rateLimits: rateLimitRecorder,
          credentialStore,
          credentials: credentialService,
          tokens,
          logger,
        });
        const { tester, schedule } = healthChecks;
        automatedFixes.over = automatedFixesOver({
          credentials: credentialService,
          tokens,
          tester,
          schedule,
          configurations,
        });
        await healthChecks.start();

        await seedDemoDataIfConfigured({
          config,
          configs,
          credentials: credentialStore,
          vault,
          logger,
        });

        // Usage: calls the company's product makes to integrations, rolled
        // up per minute, hour and day
        const usageTracking = await createUsageTracking({
          config,
          database,
          scheduler,
          rollupSchedule: scheduleFromConfig(
            config,
            'integrations.usage.rollupSchedule',
            DEFAULT_USAGE_ROLLUP_SCHEDULE,
          ),
          configs,
          rollups: usageRollups,
          rateLimits: rateLimitRecorder,
          onStored: events => errorCapture.captureUsage(events),
        });
        const { events: usageEvents, analytics } = usageTracking;
        const usage = usageTracking.ingest;
        const usageRetention = usageTracking.retention;
        const rateLimits = new RateLimitService({
          store: rateLimitStore,
          rollups: usageRollups,
        });
        await new RateLimitRetentionTask({
          recorder: rateLimitRecorder,
          retentionDays: usageRetention.rawDays,
        }).start(scheduler, HEALTH_RETENTION_SCHEDULE);
        await alerting.startEvaluation({
          health,
          usageRollups,
          rateLimits,
          analytics,
        });
        // Incidents: groups that start together, with their likely cause
        const incidents = await createIncidentTracking({
          config,
          scheduler,
          schedule: scheduleFromConfig(
            config,
            'integrations.errors.incidentSchedule',
            DEFAULT_INCIDENT_SCHEDULE,
          ),
          store: incidentStore,
          groups: errorTracking.groups,
          configs,
          audit: auditStore,
          alerts: alertStore,
          signals,
          notifications,
          impact: impact.recipients,
          logger,
        });

        // Webhooks: the events above, delivered to the endpoints subscribed
        const webhooks = await createWebhooks({
          db: await database.getClient(),
          outbox,
          scheduler,
          dispatchSchedule: scheduleFromConfig(
            config,
            'integrations.webhooks.dispatchSchedule',
            DEFAULT_WEBHOOK_DISPATCH_SCHEDULE,
          ),
          retentionSchedule: HEALTH_RETENTION_SCHEDULE,
          retentionDays:
            config.getOptionalNumber('integrations.webhooks.retentionDays') ??
            30,
          configs,
          vault,
          http,
          audit: auditStore,
          alerts,
          signals,
          logger,
          onFailedAttempts: occurrences => errorCapture.capture(occurrences),
        });

        // The client other plugins call integrations through
        // (@internal/plugin-integrations-node). Mounted ahead of the API
        // router so request bodies reach providers as sent, unparsed.
        httpRouter.use(
          createClientRouter({
            httpAuth,
            client: new ClientCallService({
              access: ClientAccessPolicy.fromConfig(config),
              configs,
              credentials: credentialService,
              tokens,
              http,
              usageEvents,
              onRecorded: (events, exchanges) =>
                errorCapture.captureUsage(events, exchanges),
              audit: auditStore,
              logger,
              rateLimits: rateLimitRecorder,
            }),
          }),
        );

        // Webhooks from providers: verified on the raw body, so mounted ahead
        // of the API router too, and reachable without a Backstage token
        const inboundWebhooks = await createInboundWebhooks({
          config,
          database,
          scheduler,
          retentionSchedule: HEALTH_RETENTION_SCHEDULE,
          configs,
          credentials: credentialService,
          events: eventsService,
          signals,
          usageEvents,
          logger,
        });
        httpRouter.addAuthPolicy(inboundWebhooks.authPolicy);
        httpRouter.use(inboundWebhooks.router);

        // Permissions and the HTTP API
        registerPermissions(permissionsRegistry, configs);

        const api: RouterOptions = {
          permissionRuleset: permissionsRegistry.getPermissionRuleset(
            integrationPermissionResourceRef,
          ),
          httpAuth,
          permissions,
          auditor,
          auditStore,
          configs,
          configurations,
          history,
          credentialService,
          keyRotation,
          tester,
          healthStore,
          health,
          testHistory: await DatabaseTestHistoryStore.create({ database }),
          schedule,
          usage,
          analytics,
          analyticsAnswers: usageTracking.analyticsAnswers,
          rateLimits,
          errors: errorTracking.errors,
          triage: errorTracking.triage,
          alerts,
          incidents,
          impact: impact.service,
          webhooks: webhooks.webhooks,
          webhookOperations: webhooks.operations,
          webhookDeliveries: webhooks.deliveries,
          addInboundLogRoutes: inboundWebhooks.addLogRoutes,
        };
        httpRouter.use(await createRouter(api));
        // The same, as actions for Scaffolder templates and AI agents (MCP)
        registerIntegrationActions({
          ...api,
          registry: actionsRegistry,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
        });
      },
    });
  },
});
