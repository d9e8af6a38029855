import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  CatalogIntegration,
  INTEGRATION_ENTITY_NAMESPACE,
  INTEGRATION_ENTITY_TYPE,
  INTEGRATION_NAME_ANNOTATION,
  INTEGRATION_PROVIDER_ANNOTATION,
  integrationEntityRef,
} from '@internal/plugin-integrations-common';

/** Where the portal mounts the Integrations page (`@internal/plugin-integrations`). */
const INTEGRATIONS_PAGE_PATH = '/integrations';

/** The addresses the entity links to. */
export interface IntegrationEntityUrls {
  /** The portal, `app.baseUrl`. */
  appBaseUrl: string;
  /** The integrations backend's API as people reach it, which manages the entity. */
  integrationsApiUrl: string;
}

/**
 * The catalog Resource of an integration. What it shows comes from the
 * production configuration, where the integration matters most, or from the
 * first environment it is configured in when it has none. Health is left
 * out: it changes by the minute, and the entity cards read it live.
 */
export function integrationEntity(
  integration: CatalogIntegration,
  urls: IntegrationEntityUrls,
): Entity | undefined {
  const configuration =
    integration.configurations.find(c => c.environment === 'production') ??
    integration.configurations[0];
  if (!configuration) {
    return undefined;
  }
  const { name } = integration;
  const pages = `${urls.appBaseUrl.replace(
    /\/+$/,
    '',
  )}${INTEGRATIONS_PAGE_PATH}`;
  const location = `integrations:${urls.integrationsApiUrl}/configs/${name}`;
  const configurationPage = new URL(`${pages}/config`);
  configurationPage.search = new URLSearchParams({
    integration: name,
    environment: configuration.environment,
  }).toString();
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: INTEGRATION_ENTITY_NAMESPACE,
      title: configuration.displayName,
      ...(configuration.description
        ? { description: configuration.description }
        : {}),
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [INTEGRATION_NAME_ANNOTATION]: name,
        [INTEGRATION_PROVIDER_ANNOTATION]: integration.provider,
      },
      // Catalog tags take dashes, not underscores: social_media → social-media.
      tags: [integration.category.replace(/_/g, '-')],
      links: [
        {
          url: `${pages}/dashboard`,
          title: 'Integrations dashboard',
          icon: 'dashboard',
        },
        {
          url: configurationPage.toString(),
          title: `Configuration (${configuration.environment})`,
        },
      ],
    },
    spec: {
      type: INTEGRATION_ENTITY_TYPE,
      lifecycle: 'production',
      owner: configuration.owner,
      dependsOn: configuration.dependencies.map(integrationEntityRef),
      ...(configuration.system ? { system: configuration.system } : {}),
    },
  };
}
