export { InboundLog } from './InboundLog';
