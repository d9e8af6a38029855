export { AlertsPanel } from './AlertsPanel';
