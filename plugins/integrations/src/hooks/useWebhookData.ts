import { useApi } from '@backstage/core-plugin-api';
import {
  InboundDeliveriesQuery,
  WebhookDeliveryLogQuery,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';
import { useWebhooksChanged } from './useWebhooksChanged';

/** The endpoints of the readable integrations, reloaded when one changes or a delivery updates its figures. */
export function useWebhookEndpoints() {
  const api = useApi(integrationsApiRef);
  const changes = useWebhooksChanged(['endpoint', 'delivery']);
  return useAsyncRetry(() => api.listWebhookEndpoints(), [api, changes]);
}

/** A page of the delivery log, reloaded when a delivery is made or retried. */
export function useWebhookDeliveries(query: WebhookDeliveryLogQuery) {
  const api = useApi(integrationsApiRef);
  const changes = useWebhooksChanged(['delivery']);
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () => api.listWebhookDeliveries(JSON.parse(key)),
    [api, key, changes],
  );
}

/** A page of the inbound log, reloaded when a provider's webhook arrives. */
export function useInboundDeliveries(query: InboundDeliveriesQuery) {
  const api = useApi(integrationsApiRef);
  const changes = useWebhooksChanged(['inbound']);
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () => api.listInboundDeliveries(JSON.parse(key)),
    [api, key, changes],
  );
}

/** The event types an endpoint may subscribe to, with their schemas and examples. */
export function useWebhookEventTypes() {
  const api = useApi(integrationsApiRef);
  return useAsync(async () => (await api.listWebhookEventTypes()).items, [api]);
}
