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

/** How the backend authenticates; the credential values live in the vault, never here. */
export interface AuthConfig {
  type: AuthType;
  scopes?: string[];
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
 * One integration's configuration in one environment.
 *
 * @public
 */
export interface IntegrationConfig {
  /** Unique, URL-safe name, e.g. `stripe` or `brevo-transactional`. */
  name: string;
  displayName: string;
  /** Id of the provider catalog entry, e.g. `stripe`. */
  provider: string;
  category: IntegrationCategory;
  environment: Environment;
  enabled: boolean;
  /** Catalog ref of the owning group, e.g. `group:default/payments-team`. */
  owner: string;
  description?: string;
  connectionConfig: ConnectionConfig;
  authConfig: AuthConfig;
  metadata: ConfigMetadata;
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
