import { z } from 'zod';
import { AuthType, IntegrationCategory, MonitoringConfig } from '../types';
import { CatalogRateLimit } from '../rateLimits';
import { ProviderOAuth, ProviderProbes } from './probes';
import { ProviderInboundWebhooks } from './inboundWebhooks';

/** A feature of a provider that an integration may switch on. */
export interface ProviderFeature {
  id: string;
  label: string;
  description: string;
}

/**
 * One supported external service, as declarative data. Forms, validation and
 * (later) probes, rate-limit parsing and webhook verification are driven by it.
 *
 * @public
 */
export interface ProviderDefinition {
  /** Catalog id, e.g. `stripe`; also the template id. */
  id: string;
  displayName: string;
  category: IntegrationCategory;
  authType: AuthType;
  /** One sentence on what the company uses it for. */
  description: string;
  docsUrl: string;
  /** The production API root, always https. */
  defaultBaseUrl: string;
  /** The provider's sandbox or test API root, used outside production when it has one. */
  sandboxBaseUrl?: string;
  apiVersion?: string;
  /** OAuth scopes (or token permissions) a new integration asks for. */
  defaultScopes: string[];
  features: ProviderFeature[];
  /** Ids of the features a new integration starts with. */
  defaultFeatures: string[];
  /** Schema of `featureConfig.featureSettings`: the provider's own settings. */
  settingsSchema: z.ZodObject<any>;
  /** Defaults that satisfy `settingsSchema`. */
  defaultSettings: Record<string, unknown>;
  /** Schema of the credential fields kept in the vault (never in the configuration). */
  credentialsSchema: z.ZodObject<any>;
  defaultMonitoring: Pick<
    MonitoringConfig,
    'healthCheckInterval' | 'alertThresholds'
  >;
  /** How connection tests and health checks prove the integration works. */
  probes: ProviderProbes;
  /** The token endpoint, for providers whose access tokens are refreshed. */
  oauth?: ProviderOAuth;
  /** Documented limits of a provider that reports none in its answers. */
  rateLimits?: CatalogRateLimit[];
  /** How the webhooks it sends are signed; absent when it sends none. */
  inboundWebhooks?: ProviderInboundWebhooks;
}

/** A JSON Schema document derived from a zod schema. */
export type JsonSchema = Record<string, unknown>;

/**
 * A provider definition as the API serves it: JSON Schemas instead of zod
 * schemas, so forms can be generated from it.
 *
 * @public
 */
export interface ConfigurationTemplate
  extends Omit<ProviderDefinition, 'settingsSchema' | 'credentialsSchema'> {
  settingsSchema: JsonSchema;
  credentialsSchema: JsonSchema;
  /** Credential field names, in form order, with whether each is a secret. */
  credentialFields: Array<{ name: string; label: string; secret: boolean }>;
}
