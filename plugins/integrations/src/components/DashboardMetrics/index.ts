export { DashboardMetrics } from './DashboardMetrics';
