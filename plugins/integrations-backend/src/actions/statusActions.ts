import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ENVIRONMENTS,
  Environment,
  HEALTH_STATUSES,
  HealthStatus,
  IntegrationHealthStatus,
} from '@internal/plugin-integrations-common';
import { AlertService } from '../alerts/AlertService';
import { ConfigStore } from '../configuration/ConfigStore';
import { ErrorService } from '../errors/ErrorService';
import { HealthService } from '../health/HealthService';
import { readableHealth } from '../health/readableHealth';
import { IncidentService } from '../incidents/IncidentService';
import { RequestGuard } from '../permissions/RequestGuard';
import {
  PortalLinks,
  RegistryZod,
  environmentInput,
  environmentOutput,
  integrationInput,
} from './actionInputs';
import { LISTED_ALERTS, OpenProblems, openProblemsFor } from './openProblems';

/** How bad a status is, worst highest; 0 is no problem by itself. */
const STATUS_RANK: Record<HealthStatus, number> = {
  unhealthy: 3,
  degraded: 2,
  not_configured: 1,
  unknown: 0,
  disabled: 0,
  healthy: 0,
};

function alertCountsOutput(z: RegistryZod) {
  return z
    .object({
      total: z.number(),
      critical: z.number(),
      warning: z.number(),
      info: z.number(),
    })
    .describe('Open and acknowledged alerts, by severity');
}

function alertsOutput(z: RegistryZod) {
  return z
    .array(
      z.object({
        id: z.string().describe('Give it to acknowledge-alert'),
        severity: z.enum(ALERT_SEVERITIES),
        status: z.enum(ALERT_STATUSES),
        title: z.string(),
        raisedAt: z.string(),
      }),
    )
    .describe(
      `The newest open or acknowledged alerts, at most ${LISTED_ALERTS}`,
    );
}

function errorPatternsOutput(z: RegistryZod) {
  return z
    .object({ open: z.number(), critical: z.number() })
    .optional()
    .describe(
      'Open error patterns (causes), absent when you may not read its errors',
    );
}

function problemFields(problems: OpenProblems) {
  return {
    openAlerts: problems.alertCounts,
    alerts: problems.alerts.map(alert => ({
      id: alert.id,
      severity: alert.severity,
      status: alert.status,
      title: alert.title,
      raisedAt: alert.createdAt,
    })),
    openIncidents: problems.openIncidents,
    ...(problems.errorPatterns
      ? { openErrorPatterns: problems.errorPatterns }
      : {}),
  };
}

/** Rate-limit headroom from the latest reading the checks took. */
function headroomOf(status: IntegrationHealthStatus) {
  const reading = status.rateLimitStatus;
  if (!reading || reading.limit <= 0) {
    return undefined;
  }
  const remaining = Math.max(0, reading.limit - reading.current);
  return {
    used: reading.current,
    limit: reading.limit,
    remaining,
    remainingPercent: Math.round((remaining / reading.limit) * 100),
    ...(reading.resetTime ? { resetTime: reading.resetTime } : {}),
  };
}

/**
 * `get-integration-status` and `list-integrations-with-problems`: the live
 * health the dashboard shows, under the caller's own read permissions.
 */
export function registerStatusActions(
  registry: ActionsRegistryService,
  options: {
    guard: RequestGuard;
    links: PortalLinks;
    configs: ConfigStore;
    health: HealthService;
    alerts: AlertService;
    errors: ErrorService;
    incidents: IncidentService;
  },
) {
  const { guard, health, links } = options;

  registry.register({
    name: 'get-integration-status',
    title: 'Get an integration’s live status',
    description:
      'Returns the live health of one integration (an external service such as Stripe or GitHub) in one environment, production unless another is named: its status (healthy, degraded, unhealthy, disabled, unknown or not_configured) and why, uptime, response time and error rate, the rate-limit headroom of its latest check, the open alerts (with ids for acknowledge-alert), incidents and error patterns, and when it was last checked. Use it before relying on an integration or to explain a failure.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          integration: integrationInput(z),
          environment: environmentInput(z),
        }),
      output: z =>
        z.object({
          integration: z.string(),
          displayName: z.string(),
          environment: environmentOutput(z),
          provider: z.string(),
          owner: z.string(),
          enabled: z.boolean(),
          status: z.enum(HEALTH_STATUSES),
          reasons: z.array(z.string()).describe('Why the status is what it is'),
          lastCheckedAt: z.string().optional(),
          lastSuccessAt: z.string().optional(),
          uptimePercent: z.object({
            last24h: z.number().nullable(),
            last7d: z.number().nullable(),
            last30d: z.number().nullable(),
          }),
          responseTimeMs: z
            .number()
            .optional()
            .describe('How long the provider took to answer the latest check'),
          errorRatePercent: z
            .number()
            .nullable()
            .describe(
              'Failed checks over the last 24 hours; null without checks',
            ),
          rateLimit: z
            .object({
              used: z.number(),
              limit: z.number(),
              remaining: z.number(),
              remainingPercent: z.number(),
              resetTime: z.string().optional(),
            })
            .optional()
            .describe(
              'From the provider’s rate-limit headers at the latest check',
            ),
          failure: z
            .object({
              class: z.string(),
              explanation: z.string(),
              repairSteps: z.array(z.string()),
            })
            .optional()
            .describe('What the latest failed check found, and how to fix it'),
          likelyCause: z
            .object({ dependency: z.string(), status: z.enum(HEALTH_STATUSES) })
            .optional()
            .describe(
              'An unhealthy dependency that probably explains the trouble',
            ),
          openAlerts: alertCountsOutput(z),
          alerts: alertsOutput(z),
          openIncidents: z.number(),
          openErrorPatterns: errorPatternsOutput(z),
          links: z.object({ configuration: z.string(), dashboard: z.string() }),
        }),
    },
    action: async ({ input, credentials }) => {
      const environment: Environment = input.environment ?? 'production';
      const [status] = await readableHealth({ guard, health }, credentials, {
        environment,
        integration: input.integration,
      });
      if (!status) {
        throw new NotFoundError(
          `There is no ${environment} configuration of an integration named ${input.integration} that you may read`,
        );
      }
      const problemsIn = await openProblemsFor(options, credentials);
      const problems = await problemsIn(environment, [status.integration]);
      const headroom = headroomOf(status);
      return {
        output: {
          integration: status.integration,
          displayName: status.displayName,
          environment,
          provider: status.provider,
          owner: status.owner,
          enabled: status.enabled,
          status: status.status,
          reasons: status.reasons,
          ...(status.lastCheckedAt
            ? { lastCheckedAt: status.lastCheckedAt }
            : {}),
          ...(status.lastSuccessAt
            ? { lastSuccessAt: status.lastSuccessAt }
            : {}),
          uptimePercent: status.uptimeWindows,
          ...(status.responseTimeMs !== undefined
            ? { responseTimeMs: status.responseTimeMs }
            : {}),
          errorRatePercent: status.errorRate,
          ...(headroom ? { rateLimit: headroom } : {}),
          ...(status.failure
            ? {
                failure: {
                  class: status.failure.class,
                  explanation: status.failure.explanation,
                  repairSteps: status.failure.repairSteps,
                },
              }
            : {}),
          ...(status.likelyCause ? { likelyCause: status.likelyCause } : {}),
          ...problemFields(problems.get(status.integration)!),
          links: {
            configuration: links.configuration(status.integration, environment),
            dashboard: links.dashboard(environment),
          },
        },
      };
    },
  });

  registry.register({
    name: 'list-integrations-with-problems',
    title: 'List integrations with problems',
    description:
      'Lists the integrations that need attention, per environment (all three unless one is named), worst first: those unhealthy, degraded or lacking their credentials (not_configured), and those with open alerts or incidents, each with why, its open alerts (with ids for acknowledge-alert), incidents and error patterns. Only integrations you may read are included. Use get-integration-status for the details of one.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          environment: z
            .enum(ENVIRONMENTS)
            .optional()
            .describe('Only this environment; all three when left out'),
        }),
      output: z =>
        z.object({
          environments: z.array(
            z.object({
              environment: environmentOutput(z),
              integrationsChecked: z
                .number()
                .describe('The integrations in it that you may read'),
              integrations: z.array(
                z.object({
                  integration: z.string(),
                  displayName: z.string(),
                  status: z.enum(HEALTH_STATUSES),
                  reasons: z.array(z.string()),
                  lastCheckedAt: z.string().optional(),
                  openAlerts: alertCountsOutput(z),
                  alerts: alertsOutput(z),
                  openIncidents: z.number(),
                  openErrorPatterns: errorPatternsOutput(z),
                  configurationUrl: z.string(),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      // Production matters most, so it comes first.
      const environments = input.environment
        ? [input.environment]
        : [...ENVIRONMENTS].reverse();
      const problemsIn = await openProblemsFor(options, credentials);
      const answers = [];
      for (const environment of environments) {
        const statuses = await readableHealth({ guard, health }, credentials, {
          environment,
        });
        const problems = await problemsIn(
          environment,
          statuses.map(status => status.integration),
        );
        const ranked = statuses
          .map(status => ({ status, open: problems.get(status.integration)! }))
          .filter(
            ({ status, open }) =>
              STATUS_RANK[status.status] > 0 ||
              open.alertCounts.total > 0 ||
              open.openIncidents > 0,
          )
          .sort((a, b) => compareWorstFirst(a, b));
        answers.push({
          environment,
          integrationsChecked: statuses.length,
          integrations: ranked.map(({ status, open }) => ({
            integration: status.integration,
            displayName: status.displayName,
            status: status.status,
            reasons: status.reasons,
            ...(status.lastCheckedAt
              ? { lastCheckedAt: status.lastCheckedAt }
              : {}),
            ...problemFields(open),
            configurationUrl: links.configuration(
              status.integration,
              environment,
            ),
          })),
        });
      }
      return { output: { environments: answers } };
    },
  });
}

/** The worse of two: status, then critical alerts, incidents, other alerts. */
function compareWorstFirst(
  a: { status: IntegrationHealthStatus; open: OpenProblems },
  b: { status: IntegrationHealthStatus; open: OpenProblems },
): number {
  const weight = ({ status, open }: typeof a) => [
    STATUS_RANK[status.status],
    open.alertCounts.critical,
    open.openIncidents,
    open.alertCounts.warning,
    open.alertCounts.info,
  ];
  const [left, right] = [weight(a), weight(b)];
  const differs = left.findIndex((value, index) => value !== right[index]);
  return differs === -1
    ? a.status.integration.localeCompare(b.status.integration)
    : right[differs] - left[differs];
}
