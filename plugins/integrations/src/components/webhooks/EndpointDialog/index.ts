export { EndpointDialog } from './EndpointDialog';
