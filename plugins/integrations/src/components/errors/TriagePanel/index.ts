export { TriagePanel } from './TriagePanel';
