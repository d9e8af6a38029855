/** The environments an integration is configured for, one configuration each. */
export const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** @public */
export type Environment = (typeof ENVIRONMENTS)[number];

/** @public */
export const INTEGRATION_CATEGORIES = [
  'payment',
  'communication',
  'social_media',
  'analytics',
  'development',
  'calendar',
  'crm',
  'storage',
  'monitoring',
] as const;

/** @public */
export type IntegrationCategory = (typeof INTEGRATION_CATEGORIES)[number];

/** @public */
export const AUTH_TYPES = ['api_key', 'oauth2', 'jwt', 'basic_auth'] as const;

/** @public */
export type AuthType = (typeof AUTH_TYPES)[number];

/** How the backend reaches the provider. */
export interface ConnectionConfig {
  baseUrl: string;
  apiVersion?: string;
  /** Milliseconds. */
  timeout: number;
  retryAttempts: number;
  /** Share of the provider's rate limit kept in reserve, 0 to 1. */
  rateLimitBuffer: number;
}

/** When OAuth access tokens are refreshed. */
export interface TokenRefreshSettings {
  enabled: boolean;
  /** Refresh this many seconds before the access token expires. */
  refreshBeforeExpirySeconds: number;
}

/** How the backend authenticates; the credential values live in the vault, never here. */
export interface AuthConfig {
  type: AuthType;
  scopes: string[];
  /** Where OAuth tokens are refreshed, when not the provider's own token endpoint. */
  tokenUrl?: string;
  tokenRefreshSettings?: TokenRefreshSettings;
}

/** Which of the provider's features are used, and their settings. */
export interface FeatureConfig {
  enabledFeatures: string[];
  /** The provider's own settings, validated against its template's settings schema. */
  featureSettings: Record<string, unknown>;
  /** Free-form settings of the company's own. */
  customSettings: Record<string, unknown>;
}

export const ALERT_KINDS = [
  'error_rate',
  'response_time',
  'uptime',
  'credential_expiry',
  'rate_limit',
] as const;

/** @public */
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What raised an alert: a rule over a configuration's monitoring thresholds
 * (`error_rate`, `response_time`, `uptime`), its health (`health`, the
 * integration is down), a rate-limit forecast (`rate_limit`), a credential
 * about to expire, a budget, or a webhook endpoint the dispatcher disabled. @public
 */
export const ALERT_TYPES = [
  'error_rate',
  'response_time',
  'uptime',
  'health',
  'rate_limit',
  'credential_expiry',
  'budget',
  'webhook',
] as const;
/** @public */
export type AlertType = (typeof ALERT_TYPES)[number];

/** The spec's severities of an alert, worst first. @public */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
/** @public */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Where an alert stands: `open` until someone acknowledges it, `resolved`
 * once its condition has cleared. A condition that returns after that raises
 * a new alert. @public
 */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
/** @public */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** How the integration is watched. */
export interface MonitoringConfig {
  /** Seconds between health checks, at least 30. */
  healthCheckInterval: number;
  alertThresholds: {
    /** Percent of failed calls, 0 to 100. */
    errorRate: number;
    /** Milliseconds. */
    responseTime: number;
    /** Percent, 0 to 100. */
    uptime: number;
  };
  enabledAlerts: AlertKind[];
  /** Where alerts go, e.g. `email:payments@acme.example` or `group:default/payments-team`. */
  notificationChannels: string[];
  /** The team's runbook for this integration, linked from its errors. */
  runbookUrl?: string;
}

export const LOGGING_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** @public */
export type LoggingLevel = (typeof LOGGING_LEVELS)[number];

/** Data handling rules. */
export interface ComplianceConfig {
  dataRetentionDays: number;
  loggingLevel: LoggingLevel;
  auditEnabled: boolean;
  encryptionRequired: boolean;
}

/** When the configuration was made and by whom. */
export interface ConfigMetadata {
  version: number;
  createdAt: string;
  createdBy: string;
  lastUpdated: string;
  updatedBy: string;
  notes?: string;
}

/**
 * What an admin edits in one environment's configuration.
 *
 * @public
 */
export interface IntegrationSettings {
  displayName: string;
  description?: string;
  enabled: boolean;
  /** Catalog ref of the owning group, e.g. `group:default/payments-team`. */
  owner: string;
  /** Names of the integrations this one depends on. */
  dependencies: string[];
  /**
   * The catalog System the integration belongs to, e.g. `web-shop` or
   * `system:default/web-shop`; its Resource in the catalog names it.
   */
  system?: string;
  connectionConfig: ConnectionConfig;
  authConfig: AuthConfig;
  featureConfig: FeatureConfig;
  monitoringConfig: MonitoringConfig;
  complianceConfig: ComplianceConfig;
}

/**
 * One integration's configuration in one environment.
 *
 * @public
 */
export interface IntegrationConfig extends IntegrationSettings {
  /** Unique, URL-safe name, e.g. `stripe` or `brevo-transactional`. */
  name: string;
  /** Id of the provider catalog entry, e.g. `stripe`. */
  provider: string;
  category: IntegrationCategory;
  environment: Environment;
  /** Names of the integrations that depend on this one (derived). */
  dependents: string[];
  metadata: ConfigMetadata;
  /** Set while the integration is deleted (kept for history, restorable). */
  deleted?: boolean;
}

/** @public */
export interface ListConfigsResponse {
  items: IntegrationConfig[];
  totalCount: number;
}

/** How each category is named to people. */
export const INTEGRATION_CATEGORY_LABELS: Record<IntegrationCategory, string> =
  {
    payment: 'Payment',
    communication: 'Communication',
    social_media: 'Social media',
    analytics: 'Analytics',
    development: 'Development',
    calendar: 'Calendar',
    crm: 'CRM',
    storage: 'Storage',
    monitoring: 'Monitoring',
  };

/** How each authentication scheme is named to people. */
export const AUTH_TYPE_LABELS: Record<AuthType, string> = {
  api_key: 'API key',
  oauth2: 'OAuth 2.0',
  jwt: 'JWT',
  basic_auth: 'Basic auth',
};
