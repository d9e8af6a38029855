export { UsageExportMenu } from './UsageExportMenu';
