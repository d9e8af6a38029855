export { EntityIntegrationContent } from './EntityIntegrationContent';
