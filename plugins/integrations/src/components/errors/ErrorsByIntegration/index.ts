export { ErrorsByIntegration } from './ErrorsByIntegration';
