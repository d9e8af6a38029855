export { UsageTable } from './UsageTable';
