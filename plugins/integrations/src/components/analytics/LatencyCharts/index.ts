export { LatencyCharts } from './LatencyCharts';
