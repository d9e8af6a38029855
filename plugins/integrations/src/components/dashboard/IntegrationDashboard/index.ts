export { IntegrationDashboard } from './IntegrationDashboard';
export type { IntegrationDashboardProps } from './IntegrationDashboard';
