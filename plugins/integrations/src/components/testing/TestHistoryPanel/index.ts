export { TestHistoryPanel } from './TestHistoryPanel';
