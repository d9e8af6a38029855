export { EndpointsPanel } from './EndpointsPanel';
