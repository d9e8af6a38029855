import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Environment,
  IntegrationUsageAnalytics,
  analyticsExportPermission,
  usageAnalyticsQuerySchema,
  usageExportFileName,
  usageExportQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { auditRecord } from '../audit/auditRecords';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { UsageAnalyticsService } from './UsageAnalyticsService';
import { usageCsv } from './usageCsv';

/**
 * Usage read back over the integrations the caller may read:
 * `GET /analytics/usage`, and the same as a file with
 * `GET /analytics/usage/export?format=csv|json`.
 */
export function addAnalyticsRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    analytics: UsageAnalyticsService;
    rateLimits: RateLimitService;
    configs: ConfigStore;
    auditStore: AuditStore;
  },
) {
  const { guard, analytics, rateLimits, configs, auditStore } = options;

  async function usageOf(
    credentials: BackstageCredentials,
    query: {
      environment?: Environment;
      integration?: string;
      from?: string;
      to?: string;
    },
  ) {
    // The spec's call names no environment: production unless one is given.
    const environment: Environment = query.environment ?? 'production';
    const { items } = await configs.listConfigs(
      await guard.readableFilter(credentials),
      { limit: 100_000 },
    );
    const [usage, rateLimitingStatus] = await Promise.all([
      analytics.usage({
        environment,
        readable: items,
        integration: query.integration,
        from: query.from,
        to: query.to,
      }),
      rateLimits.status({
        environment,
        readable: items,
        integration: query.integration,
      }),
    ]);
    const body: IntegrationUsageAnalytics = { ...usage, rateLimitingStatus };
    return { body, readable: items };
  }

  router.get('/analytics/usage', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(usageAnalyticsQuerySchema, req.query, 'query');
    res.json((await usageOf(credentials, query)).body);
  });

  router.get('/analytics/usage/export', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { format, ...query } = parseInput(
      usageExportQuerySchema,
      req.query,
      'query',
    );
    // Usage leaving the portal as a file is recorded, refused or not.
    const { body, readable } = await guard.audited(
      req,
      {
        eventId: 'integration-usage-export',
        severityLevel: 'medium',
        action: 'usage_export',
        integrations: [query.integration ?? '*'],
        environment: query.environment,
      },
      async () => {
        await guard.authorize(credentials, analyticsExportPermission);
        const exported = await usageOf(credentials, query);
        const { principal } = credentials;
        await auditStore.append([
          auditRecord(
            {
              // A person, or a service pulling reports with its own token.
              userRef:
                principal.type === 'user'
                  ? principal.userEntityRef
                  : principal.subject,
              ip: req.ip,
              userAgent: req.get('user-agent'),
            },
            new Date(),
            {
              action: 'usage_export',
              category: 'access',
              integration: query.integration ?? '*',
              environment: exported.body.environment,
              details: {
                changedFields: [],
                format,
                period: exported.body.period,
                integrations: Object.keys(exported.body.usageMetrics),
              },
            },
          ),
        ]);
        return exported;
      },
    );
    res.attachment(
      usageExportFileName({
        environment: body.environment,
        integration: query.integration,
        period: body.period,
        format,
      }),
    );
    if (format === 'json') {
      res.json(body);
      return;
    }
    const csv = usageCsv(
      body,
      readable.filter(config => config.environment === body.environment),
    );
    res.type('text/csv').send(csv);
  });
}
