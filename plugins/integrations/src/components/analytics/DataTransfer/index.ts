export { DataTransfer } from './DataTransfer';
