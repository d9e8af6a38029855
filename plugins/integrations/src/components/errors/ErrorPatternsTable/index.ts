export { ErrorPatternsTable } from './ErrorPatternsTable';
