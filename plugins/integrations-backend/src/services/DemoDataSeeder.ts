import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ENVIRONMENTS,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import {
  ConfigWrite,
  IntegrationConfigStore,
} from '../database/IntegrationConfigStore';
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
    const writes: ConfigWrite[] = demoIntegrations.map(demo => {
      const provider = getProvider(demo.template);
      if (!provider) {
        throw new Error(`Demo integration ${demo.name} names no template`);
      }
      return {
        kind: 'create',
        integration: {
          name: demo.name,
          provider: provider.id,
          category: provider.category,
        },
        configs: ENVIRONMENTS.map(environment => ({
          environment,
          settings: applySettingsPatch(
            defaultSettingsFor(provider, environment, demo),
            {
              ...demo.settings,
              enabled: !demo.disabledIn?.includes(environment),
              dependencies: demo.dependencies ?? [],
            },
          ),
        })),
        notes: 'Demo data',
      };
    });
    await store.apply(writes, {
      actor: SEED_ACTOR,
      at: this.options.now?.() ?? new Date(),
      audit: [],
    });
    logger.info(`Seeded ${writes.length} demo integrations`);
    return true;
  }
}
