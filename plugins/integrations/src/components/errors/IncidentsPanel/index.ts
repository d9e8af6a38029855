export { IncidentsPanel } from './IncidentsPanel';
