export { IntegrationsOverview } from './IntegrationsOverview';
