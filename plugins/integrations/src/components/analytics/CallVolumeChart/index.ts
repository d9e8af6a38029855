export { CallVolumeChart } from './CallVolumeChart';
