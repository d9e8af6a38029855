/**
 * Frontend plugin of the Integration Manager.
 *
 * @packageDocumentation
 */

export { integrationsPlugin, IntegrationsPage } from './plugin';
export { integrationsApiRef, IntegrationsClient } from './api';
export type { IntegrationsApi } from './api';
