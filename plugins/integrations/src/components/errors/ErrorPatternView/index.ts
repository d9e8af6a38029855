export { ErrorPatternView } from './ErrorPatternView';
