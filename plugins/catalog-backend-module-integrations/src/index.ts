/**
 * A catalog backend module that puts the integrations of the integrations
 * backend into the software catalog, one Resource each.
 *
 * @packageDocumentation
 */

export { catalogModuleIntegrations as default } from './module';
export {
  DEFAULT_REFRESH_SCHEDULE,
  IntegrationEntityProvider,
} from './IntegrationEntityProvider';
export {
  IntegrationsBackendClient,
  type IntegrationSource,
} from './IntegrationsBackendClient';
export { IntegrationsUsedProcessor } from './IntegrationsUsedProcessor';
export {
  integrationEntity,
  type IntegrationEntityUrls,
} from './integrationEntity';
