export { NewIntegrationDialog } from './NewIntegrationDialog';
export type { NewIntegrationDialogProps } from './NewIntegrationDialog';
