export { IntegrationStatusCard } from './IntegrationStatusCard';
export type { IntegrationStatusCardProps } from './IntegrationStatusCard';
