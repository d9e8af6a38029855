export { CopyFromEnvironmentDialog } from './CopyFromEnvironmentDialog';
export type { CopyFromEnvironmentDialogProps } from './CopyFromEnvironmentDialog';
