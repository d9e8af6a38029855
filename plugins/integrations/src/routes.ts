import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'integrations',
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
