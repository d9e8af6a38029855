export { ErrorTrendChart } from './ErrorTrendChart';
