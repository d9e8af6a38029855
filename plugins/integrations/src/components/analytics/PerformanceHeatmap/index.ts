export { PerformanceHeatmap } from './PerformanceHeatmap';
