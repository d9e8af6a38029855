export { HealthHeatmap } from './HealthHeatmap';
export type { HealthHeatmapProps } from './HealthHeatmap';
