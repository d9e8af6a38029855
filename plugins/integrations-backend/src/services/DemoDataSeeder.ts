import { LoggerService } from '@backstage/backend-plugin-api';
import { IntegrationConfigStore } from '../database/IntegrationConfigStore';
import { demoIntegrations } from './demoIntegrations';

const SEED_ACTOR = 'system:demo-seed';

/** Fills an empty database with the demo company's integrations. */
export class DemoDataSeeder {
  constructor(
    private readonly options: {
      store: IntegrationConfigStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Seeds only when no integration was ever created, so it never overwrites an admin's work. */
  async seedIfEmpty(): Promise<boolean> {
    const { store, logger } = this.options;
    if ((await store.countIntegrations()) > 0) {
      return false;
    }
    const at = this.options.now?.() ?? new Date();
    const integrations = demoIntegrations();
    for (const integration of integrations) {
      await store.createIntegration(integration, { actor: SEED_ACTOR, at });
    }
    logger.info(`Seeded ${integrations.length} demo integrations`);
    return true;
  }
}
