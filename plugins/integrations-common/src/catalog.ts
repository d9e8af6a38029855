import { Environment, IntegrationCategory } from './types';

/**
 * How integrations appear in the software catalog: one Resource per
 * integration, which Components and Systems name in `spec.dependsOn` (or in
 * the uses annotation) to say they call it.
 */

/** `spec.type` of the Resource the catalog module emits for each integration. */
export const INTEGRATION_ENTITY_TYPE = 'external-integration';

/** Names the integration a Resource stands for, e.g. `stripe`. */
export const INTEGRATION_NAME_ANNOTATION = 'integration-manager/integration';

/** The provider catalog entry of the integration, e.g. `stripe`. */
export const INTEGRATION_PROVIDER_ANNOTATION = 'integration-manager/provider';

/**
 * On a Component or System: the integrations it calls, comma separated
 * (`stripe, brevo`), for teams that would rather not write entity refs; the
 * catalog module turns each into a dependsOn relation.
 */
export const INTEGRATIONS_USED_ANNOTATION = 'integration-manager/uses';

/** The namespace the integration Resources live in. */
export const INTEGRATION_ENTITY_NAMESPACE = 'default';

/** The catalog ref of an integration's Resource, e.g. `resource:default/stripe`. */
export function integrationEntityRef(integration: string): string {
  return `resource:${INTEGRATION_ENTITY_NAMESPACE}/${integration}`;
}

/**
 * The events service topic on which the integrations backend announces, once
 * a change to an integration's configuration has committed, which integration
 * changed; the catalog module then reads that one integration again.
 */
export const INTEGRATION_CONFIGURATION_TOPIC = 'integrations.configuration';

/** The payload of an event on {@link INTEGRATION_CONFIGURATION_TOPIC}. */
export interface IntegrationConfigurationEvent {
  /** The integration created, changed, deleted or restored, e.g. `stripe`. */
  integration: string;
}

/** What the catalog shows of one environment's configuration. */
export interface CatalogIntegrationConfiguration {
  environment: Environment;
  displayName: string;
  description?: string;
  /** Catalog ref of the owning group, e.g. `group:default/payments-team`. */
  owner: string;
  /** Names of the integrations this one depends on. */
  dependencies: string[];
  /** The catalog System it belongs to, e.g. `web-shop`. */
  system?: string;
}

/** An integration as the catalog module reads it: its identity and configurations. */
export interface CatalogIntegration {
  name: string;
  provider: string;
  category: IntegrationCategory;
  /** In environment order: development, staging, production. */
  configurations: CatalogIntegrationConfiguration[];
}

/**
 * The answer of `GET /catalog/integrations` (service principals only): every
 * integration that is not deleted, or with `?name=` only that one, and no
 * item when it is gone.
 */
export interface CatalogIntegrationsResponse {
  items: CatalogIntegration[];
}

/** Who is affected when an integration fails, read from catalog relations. */
export interface ImpactedEntity {
  /** e.g. `component:default/checkout-service`. */
  entityRef: string;
  kind: 'Component' | 'System' | 'Resource' | 'API';
  name: string;
  title?: string;
  /** The owner's entity ref, e.g. `group:default/payments-team`. */
  owner?: string;
  /** True when it depends on the integration itself, false when through another entity. */
  direct: boolean;
  /** The entity refs between it and the integration, nearest to the integration first. */
  via: string[];
}

/**
 * The answer of `GET /:integration/impact`: every catalog entity that
 * depends on the integration, directly or transitively, and their owners.
 *
 * @public
 */
export interface IntegrationImpact {
  integration: string;
  entityRef: string;
  /** False when the catalog has no Resource for the integration yet. */
  inCatalog: boolean;
  components: ImpactedEntity[];
  systems: ImpactedEntity[];
  /** Other entities (Resources, APIs) that depend on it. */
  others: ImpactedEntity[];
  /** Owners of everything affected, the integration's own owner first. */
  owners: string[];
  /** One sentence for people: "Stripe is down: checkout-service and invoicing (payments-team) … are affected". */
  summary: string;
  /**
   * True when the walk through the catalog stopped at its depth or size
   * limit, so more may depend on the integration than is listed.
   */
  truncated?: boolean;
}
