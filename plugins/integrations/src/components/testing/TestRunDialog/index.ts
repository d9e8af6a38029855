export { TestRunDialog } from './TestRunDialog';
export type { TestRunDialogProps } from './TestRunDialog';
