import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ENVIRONMENTS,
  Environment,
  IntegrationSettings,
  ProviderDefinition,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigStore, ConfigWrite } from '../configuration/ConfigStore';
import {
  CredentialChange,
  CredentialStore,
} from '../credentials/CredentialStore';
import { CredentialVault } from '../credentials/CredentialVault';
import {
  DemoIntegration,
  demoCredentialValues,
  demoIntegrations,
} from './demoIntegrations';

const SEED_ACTOR = 'system:demo-seed';
const DAY_MS = 86_400_000;

/** Where the provider simulator listens, so demo integrations can call it. */
export interface DemoSimulator {
  /** Plain http, for development. */
  url: string;
  /** https with the simulator's development certificate, for staging and production. */
  httpsUrl?: string;
}

/** Token endpoints on other hosts than the API, as the simulator serves them. */
const SIMULATED_TOKEN_PATHS: Record<string, string> = {
  'google-analytics': '/google-oauth/token',
  'google-calendar': '/google-oauth/token',
  linkedin: '/linkedin/oauth/v2/accessToken',
  'stripe-connect': '/stripe-connect/oauth/token',
};

/**
 * The simulator serves each provider under `/<provider id>` followed by the
 * provider's real path, so only the origin of the base URL changes.
 */
function simulatedSettings(
  provider: ProviderDefinition,
  environment: Environment,
  simulator: DemoSimulator,
): { baseUrl: string; tokenUrl?: string } {
  const origin =
    environment === 'development'
      ? simulator.url
      : simulator.httpsUrl ?? simulator.url;
  const realPath = new URL(provider.defaultBaseUrl).pathname.replace(/\/$/, '');
  const tokenPath = SIMULATED_TOKEN_PATHS[provider.id];
  return {
    baseUrl: `${origin}/${provider.id}${realPath}`,
    ...(tokenPath ? { tokenUrl: `${origin}${tokenPath}` } : {}),
  };
}

/** Fills an empty database with the demo company's integrations. */
export class DemoDataSeeder {
  constructor(
    private readonly options: {
      configs: ConfigStore;
      credentials: CredentialStore;
      vault: CredentialVault;
      logger: LoggerService;
      simulator?: DemoSimulator;
      now?: () => Date;
    },
  ) {}

  /** Seeds only when no integration was ever created, so it never overwrites an admin's work. */
  async seedIfEmpty(): Promise<boolean> {
    const { configs, credentials, logger } = this.options;
    if ((await configs.countIntegrations()) > 0) {
      return false;
    }
    const at = this.options.now?.() ?? new Date();
    const writes: ConfigWrite[] = demoIntegrations.map(demo => {
      const provider = this.providerOf(demo);
      return {
        kind: 'create',
        integration: {
          name: demo.name,
          provider: provider.id,
          category: provider.category,
        },
        configs: ENVIRONMENTS.map(environment => ({
          environment,
          settings: this.settingsFor(demo, provider, environment),
        })),
        notes: 'Demo data',
      };
    });
    try {
      await configs.apply(writes, { actor: SEED_ACTOR, at, audit: [] });
    } catch (error) {
      // Replicas starting together on one database race to seed it; the
      // loser finds the winner's integrations and leaves them be.
      if ((await configs.countIntegrations()) > 0) {
        return false;
      }
      throw error;
    }
    for (const demo of demoIntegrations) {
      for (const environment of ENVIRONMENTS) {
        await credentials.apply(
          { integration: demo.name, environment },
          this.credentialsFor(demo, environment, at),
          { actor: SEED_ACTOR, at, audit: [] },
        );
      }
    }
    logger.info(
      `Seeded ${writes.length} demo integrations${
        this.options.simulator
          ? ` calling the provider simulator at ${this.options.simulator.url}`
          : ''
      }`,
    );
    return true;
  }

  private providerOf(demo: DemoIntegration): ProviderDefinition {
    const provider = getProvider(demo.template);
    if (!provider) {
      throw new Error(`Demo integration ${demo.name} names no template`);
    }
    return provider;
  }

  private settingsFor(
    demo: DemoIntegration,
    provider: ProviderDefinition,
    environment: Environment,
  ): IntegrationSettings {
    const settings = applySettingsPatch(
      defaultSettingsFor(provider, environment, demo),
      {
        ...demo.settings,
        enabled: !demo.disabledIn?.includes(environment),
        dependencies: demo.dependencies ?? [],
        ...(demo.system ? { system: demo.system } : {}),
      },
    );
    settings.featureConfig.featureSettings = {
      ...settings.featureConfig.featureSettings,
      ...demo.featureSettings,
    };
    if (this.options.simulator) {
      const { baseUrl, tokenUrl } = simulatedSettings(
        provider,
        environment,
        this.options.simulator,
      );
      settings.connectionConfig.baseUrl = baseUrl;
      if (tokenUrl) {
        settings.authConfig.tokenUrl = tokenUrl;
      }
    }
    return settings;
  }

  private credentialsFor(
    demo: DemoIntegration,
    environment: Environment,
    at: Date,
  ): CredentialChange[] {
    const values = demoCredentialValues(demo.name, environment);
    if (demo.template === 'scoopp') {
      values.privateKey = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
    }
    return Object.entries(values).map(([field, value]) => {
      const days =
        environment === 'production'
          ? demo.productionExpiryDays?.[field]
          : undefined;
      return {
        kind: 'set' as const,
        field,
        sealed: this.options.vault.seal(value, {
          integration: demo.name,
          environment,
          field,
        }),
        expiresAt:
          days === undefined
            ? null
            : new Date(at.getTime() + days * DAY_MS).toISOString(),
      };
    });
  }
}
