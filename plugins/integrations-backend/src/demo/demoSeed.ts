import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialStore } from '../credentials/CredentialStore';
import { CredentialVault } from '../credentials/CredentialVault';
import { DemoDataSeeder } from './DemoDataSeeder';

/** Seeds the demo company, only where the config asks for it. */
export async function seedDemoDataIfConfigured(options: {
  config: RootConfigService;
  configs: ConfigStore;
  credentials: CredentialStore;
  vault: CredentialVault;
  logger: LoggerService;
}) {
  const { config } = options;
  if (!config.getOptionalBoolean('integrations.demo.seed')) {
    return;
  }
  await new DemoDataSeeder({
    configs: options.configs,
    credentials: options.credentials,
    vault: options.vault,
    logger: options.logger,
    simulator: config.has('integrations.demo.simulator')
      ? {
          url: config.getString('integrations.demo.simulator.url'),
          httpsUrl: config.getOptionalString(
            'integrations.demo.simulator.httpsUrl',
          ),
        }
      : undefined,
  }).seedIfEmpty();
}
