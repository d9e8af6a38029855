export { FailureDetails } from './FailureDetails';
export type { FailureDetailsProps } from './FailureDetails';
