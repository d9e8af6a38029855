import { Progress } from '@backstage/core-components';
import { WebhookEndpoint } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useMemo, useState } from 'react';
import { useIntegrationConfigs } from '../../../hooks/useIntegrationConfigs';
import {
  useWebhookEndpoints,
  useWebhookEventTypes,
} from '../../../hooks/useWebhookData';
import { useWebhookPermissions } from '../../../hooks/useWebhookPermissions';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import {
  DeliveryFilterValues,
  DeliveryLog,
  NO_DELIVERY_FILTERS,
} from '../DeliveryLog';
import { EndpointsPanel } from '../EndpointsPanel';
import { InboundLog } from '../InboundLog';
import { WebhookDocsPanel } from '../WebhookDocsPanel';

type View = 'endpoints' | 'deliveries' | 'inbound' | 'docs';

/** The names of the integrations the user may read, for filters and the endpoint form. */
function useIntegrationNames(): string[] {
  const configs = useIntegrationConfigs({ limit: 500 });
  return useMemo(
    () => [...new Set((configs.value?.items ?? []).map(c => c.name))].sort(),
    [configs.value],
  );
}

/**
 * Webhook management: the endpoints events are sent to, the log of their
 * deliveries, the log of webhooks received from providers, and the event
 * catalog's documentation. The host page renders the header.
 */
export function WebhooksPage() {
  const [view, setView] = useState<View>('endpoints');
  const [deliveryFilters, setDeliveryFilters] =
    useState<DeliveryFilterValues>(NO_DELIVERY_FILTERS);
  const integrations = useIntegrationNames();
  const endpoints = useWebhookEndpoints();
  const eventTypes = useWebhookEventTypes();
  const { retryDenied } = useWebhookPermissions(integrations);

  const showDeliveries = (endpoint: WebhookEndpoint) => {
    setDeliveryFilters({ ...NO_DELIVERY_FILTERS, endpoint: endpoint.id });
    setView('deliveries');
  };

  const loadError = endpoints.error ?? eventTypes.error;
  const loaded = endpoints.value && eventTypes.value;
  return (
    <Box>
      <Tabs
        value={view}
        onChange={(_, next) => setView(next)}
        indicatorColor="primary"
        aria-label="Webhooks"
      >
        <Tab value="endpoints" label="Endpoints" />
        <Tab value="deliveries" label="Deliveries" />
        <Tab value="inbound" label="Inbound" />
        <Tab value="docs" label="Documentation" />
      </Tabs>
      <Box mt={2}>
        {loadError && (view === 'endpoints' || view === 'deliveries') && (
          <InlineAlert
            severity="error"
            title="The webhook endpoints could not be loaded"
            action={<Button onClick={endpoints.retry}>Retry</Button>}
          >
            {errorMessage(loadError)}
          </InlineAlert>
        )}
        {!loaded &&
          !loadError &&
          (view === 'endpoints' || view === 'deliveries') && <Progress />}
        {loaded && view === 'endpoints' && (
          <EndpointsPanel
            endpoints={endpoints.value!.items}
            onChanged={endpoints.retry}
            integrations={integrations}
            eventTypes={eventTypes.value!}
            onShowDeliveries={showDeliveries}
          />
        )}
        {loaded && view === 'deliveries' && (
          <DeliveryLog
            endpoints={endpoints.value!.items}
            eventTypes={eventTypes.value!.map(type => type.type)}
            filters={deliveryFilters}
            onFiltersChange={setDeliveryFilters}
            retryDenied={retryDenied}
          />
        )}
        {view === 'inbound' && <InboundLog integrations={integrations} />}
        {view === 'docs' && <WebhookDocsPanel />}
      </Box>
    </Box>
  );
}
