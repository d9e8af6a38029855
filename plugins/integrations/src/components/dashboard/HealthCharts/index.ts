export { HealthCharts } from './HealthCharts';
export type { HealthChartsProps } from './HealthCharts';
