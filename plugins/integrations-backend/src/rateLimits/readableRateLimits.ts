import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Environment,
  RateLimitsResponse,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { RequestGuard } from '../permissions/RequestGuard';
import { RateLimitService } from './RateLimitService';

/**
 * The rate limits, with their forecasts, of the integrations in one
 * environment that the caller may read, or of the one named.
 * `GET /rate-limits` and the quota-headroom action both come here.
 */
export async function readableRateLimits(
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    rateLimits: RateLimitService;
  },
  credentials: BackstageCredentials,
  query: { environment: Environment; integration?: string },
): Promise<RateLimitsResponse> {
  const { items } = await options.configs.listConfigs(
    await options.guard.readableFilter(credentials),
    { limit: 100_000 },
  );
  return options.rateLimits.status({ ...query, readable: items });
}
