import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Environment,
  IntegrationHealthStatus,
} from '@internal/plugin-integrations-common';
import { RequestGuard } from '../permissions/RequestGuard';
import { HealthService } from './HealthService';

/**
 * The health of the configurations in one environment that the caller may
 * read, or of the one integration named. `GET /health` and the status
 * actions both come here.
 */
export async function readableHealth(
  options: { guard: RequestGuard; health: HealthService },
  credentials: BackstageCredentials,
  query: { environment: Environment; integration?: string },
): Promise<IntegrationHealthStatus[]> {
  const { environment, integration } = query;
  const items = await options.health.list({
    ...(await options.guard.readableFilter(credentials)),
    environment,
    ...(integration ? { text: integration } : {}),
  });
  return integration
    ? items.filter(item => item.integration === integration)
    : items;
}
