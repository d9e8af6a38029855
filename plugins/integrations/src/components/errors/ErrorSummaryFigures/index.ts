export { ErrorSummaryFigures } from './ErrorSummaryFigures';
