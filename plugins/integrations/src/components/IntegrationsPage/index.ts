export { IntegrationsContent, IntegrationsPage } from './IntegrationsPage';
