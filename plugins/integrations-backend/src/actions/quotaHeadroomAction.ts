import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  Environment,
  RATE_LIMIT_SOURCES,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { RequestGuard } from '../permissions/RequestGuard';
import { quotaHeadroom } from '../rateLimits/quotaHeadroom';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { readableRateLimits } from '../rateLimits/readableRateLimits';
import {
  environmentInput,
  environmentOutput,
  integrationInput,
} from './actionInputs';

/**
 * `get-quota-headroom`: before a bulk job, how much of an integration's rate
 * limits is left, and whether the job fits.
 */
export function registerQuotaHeadroomAction(
  registry: ActionsRegistryService,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    rateLimits: RateLimitService;
  },
) {
  registry.register({
    name: 'get-quota-headroom',
    title: 'Get an integration’s rate-limit headroom',
    description:
      'Before a bulk job against an integration (an external service such as GitHub or Brevo): each of its rate limits and quotas with the calls remaining, the limit, when it resets and the share its buffer keeps free for other callers, the tightest first, with a forecast at the current call rate. Given plannedCalls, says whether the job fits now and, if not, how many calls to make now and when to make the rest.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          integration: integrationInput(z),
          environment: environmentInput(z),
          plannedCalls: z
            .number()
            .int()
            .min(1)
            .max(1_000_000_000)
            .optional()
            .describe('How many calls the job will make'),
        }),
      output: z =>
        z.object({
          integration: z.string(),
          environment: environmentOutput(z),
          plannedCalls: z.number().optional(),
          fits: z
            .boolean()
            .optional()
            .describe(
              'Whether the planned calls fit in every limit whose remaining count is known; absent without plannedCalls or a known count',
            ),
          advice: z.string(),
          bufferPercent: z
            .number()
            .describe('Percent of each limit kept free for other callers'),
          recommendedRequestRate: z
            .number()
            .optional()
            .describe('Calls a minute that keep the buffer free'),
          limits: z.array(
            z.object({
              key: z
                .string()
                .describe('Which limit: an endpoint, a resource or a quota'),
              limit: z.number().optional(),
              remaining: z.number().optional(),
              reserved: z.number(),
              available: z
                .number()
                .optional()
                .describe('Calls a job may make before the reset'),
              resetTime: z.string().optional(),
              window: z.string().optional(),
              source: z
                .enum(RATE_LIMIT_SOURCES)
                .describe('Where the remaining count comes from'),
              forecast: z.object({
                status: z.enum(['ok', 'warning', 'critical']),
                callsPerMinute: z.number(),
                exhaustedAt: z.string().optional(),
                message: z.string(),
              }),
              fits: z.boolean().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const environment: Environment = input.environment ?? 'production';
      const answer = await readableRateLimits(options, credentials, {
        environment,
        integration: input.integration,
      });
      const status = answer[input.integration];
      if (!status) {
        throw new NotFoundError(
          `There is no ${environment} configuration of an integration named ${input.integration} that you may read`,
        );
      }
      return {
        output: {
          integration: status.integration,
          environment,
          ...(input.plannedCalls !== undefined
            ? { plannedCalls: input.plannedCalls }
            : {}),
          ...quotaHeadroom(status, input.plannedCalls),
        },
      };
    },
  });
}
