export { EntityIntegrationStatusCard } from './EntityIntegrationStatusCard';
export type { EntityIntegrationStatusCardProps } from './EntityIntegrationStatusCard';
