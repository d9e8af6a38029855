import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  FAILURE_CLASS_INFO,
  FAILURE_CLASSES,
  TEST_CATEGORIES,
  TEST_SUITES,
  TestFailure,
} from '@internal/plugin-integrations-common';
import { ConnectionTestService } from '../connectionTests/ConnectionTestService';
import { runManualTest } from '../connectionTests/manualTest';
import { RequestGuard } from '../permissions/RequestGuard';
import {
  PortalLinks,
  RegistryZod,
  environmentInput,
  environmentOutput,
  integrationInput,
} from './actionInputs';

function failureOutput(z: RegistryZod) {
  return z.object({
    class: z.enum(FAILURE_CLASSES),
    label: z.string(),
    explanation: z.string(),
    repairSteps: z.array(z.string()),
    providerMessage: z
      .string()
      .optional()
      .describe('The provider’s own words, any credential removed'),
    providerCode: z.string().optional(),
    documentationUrl: z.string().optional(),
    httpStatus: z.number().optional(),
    retryAfterSeconds: z.number().optional(),
  });
}

/** A failure as the action tells it: the known fields, none of the request. */
function failureOf(failure: TestFailure) {
  return {
    class: failure.class,
    label: FAILURE_CLASS_INFO[failure.class].label,
    explanation: failure.explanation,
    repairSteps: failure.repairSteps,
    ...(failure.providerMessage
      ? { providerMessage: failure.providerMessage }
      : {}),
    ...(failure.providerCode ? { providerCode: failure.providerCode } : {}),
    ...(failure.documentationUrl
      ? { documentationUrl: failure.documentationUrl }
      : {}),
    ...(failure.httpStatus !== undefined
      ? { httpStatus: failure.httpStatus }
      : {}),
    ...(failure.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: failure.retryAfterSeconds }
      : {}),
  };
}

/**
 * `run-connection-test`: the test a person starts from the Configuration
 * page, with the same permission, recorded in the same test history.
 */
export function registerConnectionTestAction(
  registry: ActionsRegistryService,
  options: {
    guard: RequestGuard;
    tester: ConnectionTestService;
    links: PortalLinks;
  },
) {
  const { guard, links } = options;
  registry.register({
    name: 'run-connection-test',
    title: 'Run a connection test',
    description:
      'Runs a connection test of an integration (an external service such as Stripe) in one environment, production unless another is named, with its stored credentials, which are never shown: connectivity, authentication, scopes and one harmless call, or another suite. Returns each step, and for a failure its class, a plain explanation and the steps that fix it. The run counts as a health check and is kept in the integration’s test history. Needs the permission to run tests on that integration.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          integration: integrationInput(z),
          environment: environmentInput(z),
          suite: z
            .enum(TEST_SUITES)
            .optional()
            .describe(
              'quick (default): connectivity, authentication and a harmless call; health: as a scheduled check; auth: authentication and scopes; performance: repeated calls for latency; full: everything',
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          integration: z.string(),
          environment: environmentOutput(z),
          suite: z.enum(TEST_SUITES),
          status: z.enum(['passed', 'degraded', 'failed']),
          startedAt: z.string(),
          durationMs: z.number(),
          responseTimeMs: z.number().optional(),
          steps: z.array(
            z.object({
              name: z.string(),
              category: z.enum(TEST_CATEGORIES),
              status: z.enum(['passed', 'failed', 'warning', 'skipped']),
              message: z.string(),
              durationMs: z.number(),
              failure: failureOutput(z).optional(),
            }),
          ),
          failure: failureOutput(z)
            .optional()
            .describe('The first failure, which to fix first'),
          suggestedFixes: z
            .array(z.string())
            .describe(
              'The repair steps of the first failure; empty when it passed',
            ),
          testHistoryUrl: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const result = await runManualTest(options, guard.userOf(credentials), {
        name: input.integration,
        environment: input.environment ?? 'production',
        suite: input.suite ?? 'quick',
      });
      return {
        output: {
          id: result.id,
          integration: result.integration,
          environment: result.environment,
          suite: result.suite,
          status: result.status,
          startedAt: result.startedAt,
          durationMs: result.durationMs,
          ...(result.responseTimeMs !== undefined
            ? { responseTimeMs: result.responseTimeMs }
            : {}),
          steps: result.steps.map(step => ({
            name: step.name,
            category: step.category,
            status: step.status,
            message: step.message,
            durationMs: step.durationMs,
            ...(step.failure ? { failure: failureOf(step.failure) } : {}),
          })),
          ...(result.failure ? { failure: failureOf(result.failure) } : {}),
          suggestedFixes: result.failure?.repairSteps ?? [],
          testHistoryUrl: links.configuration(
            result.integration,
            result.environment,
            'tests',
          ),
        },
      };
    },
  });
}
