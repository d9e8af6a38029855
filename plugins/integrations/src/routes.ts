import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'integrations',
});

/** The "Integration" tab of an integration's Resource page in the catalog. */
export const entityContentRouteRef = createRouteRef({
  id: 'integrations:entity-content',
});

/**
 * An entity's page in the catalog, to link an integration to its Resource.
 * Bound to the catalog's entity page by default in the new frontend system;
 * optional, so the pages work in an app without the catalog.
 */
export const catalogEntityRouteRef = createExternalRouteRef({
  id: 'catalog-entity',
  params: ['namespace', 'kind', 'name'],
  optional: true,
  defaultTarget: 'catalog.catalogEntity',
});

/** The sub-pages of the Integrations page, in tab order; the first is where the page opens. */
export const INTEGRATIONS_PAGES = [
  { path: 'dashboard', title: 'Dashboard' },
  { path: 'config', title: 'Configuration' },
  { path: 'testing', title: 'Testing' },
  { path: 'analytics', title: 'Analytics' },
  { path: 'errors', title: 'Errors' },
  { path: 'webhooks', title: 'Webhooks' },
  { path: 'audit', title: 'Audit' },
] as const;

export type IntegrationsPagePath = (typeof INTEGRATIONS_PAGES)[number]['path'];
