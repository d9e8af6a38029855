/**
 * Frontend plugin of the Integration Manager.
 *
 * @packageDocumentation
 */

export {
  integrationsPlugin,
  IntegrationsPage,
  EntityIntegrationStatusCard,
  EntityIntegrationsCard,
  EntityIntegrationContent,
} from './plugin';
export {
  isIntegrationEntity,
  isIntegrationConsumer,
} from './components/entity/integrationEntity';
export { integrationsApiRef, IntegrationsClient } from './api';
export type { IntegrationsApi } from './api';
