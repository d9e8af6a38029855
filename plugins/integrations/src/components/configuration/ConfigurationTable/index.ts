export { ConfigurationTable } from './ConfigurationTable';
export type { ConfigurationTableProps } from './ConfigurationTable';
