export { ErrorFilters } from './ErrorFilters';
