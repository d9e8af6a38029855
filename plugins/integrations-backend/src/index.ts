/**
 * Backend plugin for the Integration Manager.
 *
 * @packageDocumentation
 */

export { integrationsPlugin as default } from './plugin';
export {
  integrationConditions,
  createIntegrationConditionalDecision,
} from './permissions/rules';
export { demoWebhookSenders } from './demo/demoIntegrations';
