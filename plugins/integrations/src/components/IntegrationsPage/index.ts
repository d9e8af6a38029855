export { IntegrationsPage } from './IntegrationsPage';
export { FormerTabRedirect } from './FormerTabRedirect';
