export { ErrorsByType } from './ErrorsByType';
