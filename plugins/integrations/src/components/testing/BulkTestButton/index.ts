export { BulkTestButton } from './BulkTestButton';
export type { BulkTestButtonProps } from './BulkTestButton';
