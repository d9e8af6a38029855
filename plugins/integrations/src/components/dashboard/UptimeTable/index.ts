export { UptimeTable } from './UptimeTable';
export type { UptimeTableProps } from './UptimeTable';
