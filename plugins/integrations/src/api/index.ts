export { integrationsApiRef } from './IntegrationsApi';
export type { IntegrationsApi } from './IntegrationsApi';
export { IntegrationsClient } from './IntegrationsClient';
