export { ErrorsEmptyState } from './ErrorsEmptyState';
