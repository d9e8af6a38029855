export { WebhookDocsPanel } from './WebhookDocsPanel';
