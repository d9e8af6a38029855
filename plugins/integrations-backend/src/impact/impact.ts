import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConfigStore } from '../configuration/ConfigStore';
import { HealthStore } from '../health/HealthStore';
import { ImpactRecipients } from './ImpactRecipients';
import { ImpactService } from './ImpactService';

/**
 * The impact of failing integrations, put together: the service the route
 * reads on a person's behalf, and the recipients alerts and incidents add
 * to their notifications, read with the plugin's own credentials.
 */
export function createImpact(options: {
  catalog: CatalogService;
  auth: AuthService;
  configs: ConfigStore;
  health: HealthStore;
  logger: LoggerService;
}) {
  const service = new ImpactService(options);
  const recipients = new ImpactRecipients({
    impact: service,
    auth: options.auth,
    logger: options.logger,
  });
  return { service, recipients };
}
