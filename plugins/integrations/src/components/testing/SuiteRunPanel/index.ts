export { SuiteRunPanel } from './SuiteRunPanel';
