import { ProviderDefinition } from './providers/types';
import { SettingsPatch } from './schemas';
import { Environment, IntegrationConfig, IntegrationSettings } from './types';

const perEnvironment = {
  development: {
    timeout: 10_000,
    retryAttempts: 1,
    rateLimitBuffer: 0.1,
    loggingLevel: 'debug',
    retentionDays: 30,
  },
  staging: {
    timeout: 8_000,
    retryAttempts: 2,
    rateLimitBuffer: 0.1,
    loggingLevel: 'info',
    retentionDays: 90,
  },
  production: {
    timeout: 5_000,
    retryAttempts: 3,
    rateLimitBuffer: 0.2,
    loggingLevel: 'warn',
    retentionDays: 365,
  },
} as const;

/**
 * A new integration's settings in one environment, from its provider's
 * template. Outside production the provider's sandbox is used where it has
 * one; a new integration starts enabled only in development, so nothing calls
 * a live provider before an admin has set its credentials and switched it on.
 */
export function defaultSettingsFor(
  provider: ProviderDefinition,
  environment: Environment,
  identity: { displayName?: string; description?: string; owner: string },
): IntegrationSettings {
  const defaults = perEnvironment[environment];
  return {
    displayName: identity.displayName ?? provider.displayName,
    ...(identity.description ? { description: identity.description } : {}),
    enabled: environment === 'development',
    owner: identity.owner,
    dependencies: [],
    connectionConfig: {
      baseUrl:
        environment === 'production'
          ? provider.defaultBaseUrl
          : provider.sandboxBaseUrl ?? provider.defaultBaseUrl,
      ...(provider.apiVersion ? { apiVersion: provider.apiVersion } : {}),
      timeout: defaults.timeout,
      retryAttempts: defaults.retryAttempts,
      rateLimitBuffer: defaults.rateLimitBuffer,
    },
    authConfig: {
      type: provider.authType,
      scopes: [...provider.defaultScopes],
      ...(provider.authType === 'oauth2'
        ? {
            tokenRefreshSettings: {
              enabled: true,
              refreshBeforeExpirySeconds: 300,
            },
          }
        : {}),
    },
    featureConfig: {
      enabledFeatures: [...provider.defaultFeatures],
      featureSettings: { ...provider.defaultSettings },
      customSettings: {},
    },
    monitoringConfig: {
      healthCheckInterval: provider.defaultMonitoring.healthCheckInterval,
      alertThresholds: { ...provider.defaultMonitoring.alertThresholds },
      enabledAlerts: [
        'error_rate',
        'response_time',
        'uptime',
        'credential_expiry',
      ],
      notificationChannels: [identity.owner],
    },
    complianceConfig: {
      dataRetentionDays: defaults.retentionDays,
      loggingLevel: defaults.loggingLevel,
      auditEnabled: true,
      encryptionRequired: true,
    },
  };
}

/** The editable settings of a stored configuration. */
export function settingsOf(config: IntegrationConfig): IntegrationSettings {
  return {
    displayName: config.displayName,
    ...(config.description ? { description: config.description } : {}),
    enabled: config.enabled,
    owner: config.owner,
    dependencies: config.dependencies,
    ...(config.system ? { system: config.system } : {}),
    connectionConfig: config.connectionConfig,
    authConfig: config.authConfig,
    featureConfig: config.featureConfig,
    monitoringConfig: config.monitoringConfig,
    complianceConfig: config.complianceConfig,
  };
}

/**
 * Applies a partial change. Sections merge field by field; lists and the
 * provider's and custom settings are replaced as a whole; a `null`
 * description or system clears it.
 */
export function applySettingsPatch(
  settings: IntegrationSettings,
  patch: SettingsPatch,
): IntegrationSettings {
  const {
    description,
    system,
    connectionConfig,
    authConfig,
    featureConfig,
    monitoringConfig,
    complianceConfig,
    ...top
  } = patch;
  const next: IntegrationSettings = {
    ...settings,
    ...top,
    connectionConfig: { ...settings.connectionConfig, ...connectionConfig },
    authConfig: { ...settings.authConfig, ...authConfig },
    featureConfig: { ...settings.featureConfig, ...featureConfig },
    monitoringConfig: {
      ...settings.monitoringConfig,
      ...monitoringConfig,
      alertThresholds: {
        ...settings.monitoringConfig.alertThresholds,
        ...monitoringConfig?.alertThresholds,
      },
    },
    complianceConfig: { ...settings.complianceConfig, ...complianceConfig },
  };
  if (description === null) {
    delete next.description;
  } else if (description !== undefined) {
    next.description = description;
  }
  if (system === null) {
    delete next.system;
  } else if (system !== undefined) {
    next.system = system;
  }
  return next;
}
