export { UsageEmptyState } from './UsageEmptyState';
