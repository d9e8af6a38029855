export { EnvironmentSelect } from './EnvironmentSelect';
