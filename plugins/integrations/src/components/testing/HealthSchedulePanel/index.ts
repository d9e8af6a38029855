export { HealthSchedulePanel } from './HealthSchedulePanel';
