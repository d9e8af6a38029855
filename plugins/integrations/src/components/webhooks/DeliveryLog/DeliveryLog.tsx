import { Progress } from '@backstage/core-components';
import {
  WebhookDelivery,
  WebhookEndpoint,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useWebhookDeliveries } from '../../../hooks/useWebhookData';
import { WebhookDeniedReason } from '../../../hooks/useWebhookPermissions';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
} from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { DeliveryStatusChip, isoFromLocal, millisText } from '../webhookLabels';
import { DeliveryDetailDialog } from './DeliveryDetailDialog';
import { DeliveryFilterValues, DeliveryFilters } from './DeliveryFilters';

const PAGE_SIZE = 25;

function Time(props: { iso?: string }) {
  if (!props.iso) {
    return <>—</>;
  }
  return (
    <Tooltip title={absoluteTime(props.iso)}>
      <span>{relativeTime(props.iso)}</span>
    </Tooltip>
  );
}

export interface DeliveryLogProps {
  endpoints: WebhookEndpoint[];
  eventTypes: string[];
  /** Kept by the page, so an endpoint's "Show deliveries" lands here filtered. */
  filters: DeliveryFilterValues;
  onFiltersChange(filters: DeliveryFilterValues): void;
  retryDenied: WebhookDeniedReason;
}

/** Every delivery across endpoints, newest first, filtered; a row opens its detail. */
export function DeliveryLog(props: DeliveryLogProps) {
  const { endpoints, filters, retryDenied } = props;
  const [page, setPage] = useState(0);
  const [opened, setOpened] = useState<WebhookDelivery>();
  const deliveries = useWebhookDeliveries({
    endpoint: filters.endpoint || undefined,
    event: filters.event || undefined,
    status: filters.status || undefined,
    from: isoFromLocal(filters.from),
    to: isoFromLocal(filters.to),
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });
  const nameOf = (delivery: WebhookDelivery) =>
    endpoints.find(endpoint => endpoint.id === delivery.webhookEndpointId)
      ?.name;
  const filtered = Object.values(filters).some(Boolean);
  const items = deliveries.value?.items;

  return (
    <Box>
      <DeliveryFilters
        values={filters}
        endpoints={endpoints}
        eventTypes={props.eventTypes}
        onChange={values => {
          setPage(0);
          props.onFiltersChange(values);
        }}
      />
      {deliveries.error && (
        <InlineAlert
          severity="error"
          title="The delivery log could not be loaded"
          action={<Button onClick={deliveries.retry}>Retry</Button>}
        >
          {errorMessage(deliveries.error)}
        </InlineAlert>
      )}
      {!items && !deliveries.error && <Progress />}
      {items && items.length === 0 && (
        <Typography color="textSecondary">
          {filtered
            ? 'No deliveries match these filters. Widen the time range or clear a filter.'
            : 'No deliveries yet. They appear here as soon as an endpoint is sent an event; send a test event from an endpoint’s actions to see one.'}
        </Typography>
      )}
      {items && items.length > 0 && (
        <>
          <Table size="small" aria-label="Webhook deliveries">
            <TableHead>
              <TableRow>
                <TableCell>Time</TableCell>
                <TableCell>Event</TableCell>
                <TableCell>Endpoint</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">HTTP</TableCell>
                <TableCell align="right">Attempts</TableCell>
                <TableCell align="right">Response time</TableCell>
                <TableCell>Next retry</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(delivery => (
                <TableRow
                  key={delivery.id}
                  hover
                  style={{ cursor: 'pointer' }}
                  onClick={() => setOpened(delivery)}
                >
                  <TableCell>
                    <Time iso={delivery.createdAt} />
                  </TableCell>
                  <TableCell>{delivery.event}</TableCell>
                  <TableCell>
                    {nameOf(delivery) ?? delivery.integration}
                  </TableCell>
                  <TableCell>
                    {ENVIRONMENT_LABELS[delivery.environment]}
                  </TableCell>
                  <TableCell>
                    <DeliveryStatusChip status={delivery.status} />
                  </TableCell>
                  <TableCell align="right">
                    {delivery.delivery.httpStatus ?? '—'}
                  </TableCell>
                  <TableCell align="right">
                    {delivery.retry.attemptNumber}/{delivery.retry.maxAttempts}
                  </TableCell>
                  <TableCell align="right">
                    {delivery.retry.attemptNumber
                      ? millisText(delivery.delivery.responseTime)
                      : '—'}
                  </TableCell>
                  <TableCell>
                    <Time iso={delivery.retry.nextRetry} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={deliveries.value!.totalCount}
            page={page}
            rowsPerPage={PAGE_SIZE}
            rowsPerPageOptions={[PAGE_SIZE]}
            onPageChange={(_, next) => setPage(next)}
          />
        </>
      )}
      {opened && (
        <DeliveryDetailDialog
          deliveryId={opened.id}
          endpointName={nameOf(opened)}
          retryDenied={retryDenied}
          onClose={() => setOpened(undefined)}
          onRetried={deliveries.retry}
        />
      )}
    </Box>
  );
}
