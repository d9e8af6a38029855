export { ResolveDialog } from './ResolveDialog';
