export { TestResultView } from './TestResultView';
export type { TestResultViewProps } from './TestResultView';
