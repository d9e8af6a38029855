/**
 * Calls the company's integrations from other backend plugins, through the
 * integrations backend that holds their credentials.
 *
 * @packageDocumentation
 */

export { integrationsClientServiceRef } from './integrationsClientServiceRef';
export {
  CLIENT_REQUEST_HEADERS,
  CLIENT_RESPONSE_HEADERS,
  DefaultIntegrationsClient,
} from './IntegrationsClient';
export type {
  IntegrationsClientService,
  IntegrationsFetchInit,
} from './IntegrationsClient';
