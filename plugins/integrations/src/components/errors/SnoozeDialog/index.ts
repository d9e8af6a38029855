export { SnoozeDialog } from './SnoozeDialog';
