import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Environment,
  IntegrationConfig,
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
import { JsonAnswer, jsonAnswerOf, sendJsonAnswer } from '../http/jsonAnswer';
import { SharedAnswers } from '../http/SharedAnswers';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { UsageAnalyticsService } from './UsageAnalyticsService';
import { analyticsKeyOf, wholeMinutesOf } from './sharedAnalytics';
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
    /** Answers shared between callers; by default only while computed. */
    analyticsAnswers?: SharedAnswers<JsonAnswer>;
  },
) {
  const { guard, analytics, rateLimits, configs, auditStore } = options;
  const answers =
    options.analyticsAnswers ?? new SharedAnswers<JsonAnswer>({ ttlMs: 0 });
  // What one principal may read, read once for its callers asking at once.
  const readableConfigs = new SharedAnswers<IntegrationConfig[]>({
    ttlMs: 0,
  });

  async function usageOf(
    credentials: BackstageCredentials,
    query: {
      environment?: Environment;
      integration?: string;
      from?: string;
      to?: string;
    },
  ): Promise<{ answer: JsonAnswer; readable: IntegrationConfig[] }> {
    const question = {
      // The spec's call names no environment: production unless one is given.
      environment: query.environment ?? 'production',
      integration: query.integration,
      ...wholeMinutesOf(query, new Date()),
    };
    const items = await readableConfigs.answer(
      JSON.stringify(credentials.principal),
      async () =>
        (
          await configs.listConfigs(await guard.readableFilter(credentials), {
            limit: 100_000,
          })
        ).items,
    );
    // The rollups change about once a minute: callers asking the same over
    // the same configurations share one answer for a few seconds, rate
    // limiting status included.
    const answer = await answers.answer(
      analyticsKeyOf(question, items),
      async () => {
        const [usage, rateLimitingStatus] = await Promise.all([
          analytics.usage({ ...question, readable: items }),
          rateLimits.status({ ...question, readable: items }),
        ]);
        const body: IntegrationUsageAnalytics = {
          ...usage,
          rateLimitingStatus,
        };
        return jsonAnswerOf(body);
      },
    );
    return { answer, readable: items };
  }

  router.get('/analytics/usage', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(usageAnalyticsQuerySchema, req.query, 'query');
    // Sent as computed: the shared answer is not written again per caller.
    sendJsonAnswer(req, res, (await usageOf(credentials, query)).answer);
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
        const exportedBody: IntegrationUsageAnalytics = JSON.parse(
          exported.answer.json,
        );
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
              environment: exportedBody.environment,
              details: {
                changedFields: [],
                format,
                period: exportedBody.period,
                integrations: Object.keys(exportedBody.usageMetrics),
              },
            },
          ),
        ]);
        return { body: exportedBody, readable: exported.readable };
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
