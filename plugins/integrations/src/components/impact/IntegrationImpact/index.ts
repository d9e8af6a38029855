export { ImpactDetails, IntegrationImpact } from './IntegrationImpact';
