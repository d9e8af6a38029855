export { ConfigPreviewDialog } from './ConfigPreviewDialog';
export type { ConfigPreviewDialogProps } from './ConfigPreviewDialog';
