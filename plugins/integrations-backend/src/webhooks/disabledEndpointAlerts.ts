import { AlertReporter } from '../alerts/AlertService';
import { WebhookEndpointStore } from './WebhookEndpointStore';

/**
 * One alert per endpoint the dispatcher disabled, raised on its integration
 * in every environment it served; it resolves once someone switches the
 * endpoint back on or deletes it.
 */
export async function disabledEndpointAlerts(
  endpoints: WebhookEndpointStore,
  alerts: AlertReporter,
): Promise<void> {
  const disabled = (await endpoints.list()).filter(
    e => e.status === 'disabled',
  );
  await alerts.report({
    types: ['webhook'],
    firing: disabled.map(endpoint => ({
      integration: endpoint.integration,
      environment: endpoint.environments.includes('production')
        ? 'production'
        : endpoint.environments[0],
      type: 'webhook',
      severity: 'warning',
      title: `Webhook endpoint ${endpoint.name} was disabled`,
      message: `${
        endpoint.disabledReason ?? 'It kept failing'
      }. Events for it are no longer queued; fix the receiver, switch the endpoint back on in Webhooks, then replay what it missed.`,
      dedupeKey: `webhook-endpoint:${endpoint.id}`,
    })),
    resolveAfterChecks: 1,
  });
}
