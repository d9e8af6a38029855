import { useApi } from '@backstage/core-plugin-api';
import { Progress } from '@backstage/core-components';
import {
  WebhookDelivery,
  webhookPayloadsReadPermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../../../api';
import { WebhookDeniedReason } from '../../../hooks/useWebhookPermissions';
import { ENVIRONMENT_LABELS, absoluteTime } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { Fact, FactList } from '../../shared/FactList';
import { InlineAlert } from '../../shared/InlineAlert';
import { DeliveryStatusChip, millisText } from '../webhookLabels';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    background: theme.palette.background.default,
    padding: theme.spacing(1),
    margin: theme.spacing(0.5, 0, 2),
    maxHeight: 240,
    overflow: 'auto',
  },
}));

function Exchange(props: {
  title: string;
  headers?: Record<string, string>;
  body?: unknown;
}) {
  const classes = useStyles();
  const { headers, body } = props;
  const bodyText =
    typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return (
    <Box>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      {headers && (
        <pre className={classes.code} aria-label={`${props.title} headers`}>
          {Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join('\n')}
        </pre>
      )}
      {body !== undefined && (
        <pre className={classes.code} aria-label={`${props.title} body`}>
          {bodyText}
        </pre>
      )}
    </Box>
  );
}

function AttemptHistory(props: { delivery: WebhookDelivery }) {
  const attempts = props.delivery.retry.retryHistory;
  if (attempts.length === 0) {
    return (
      <Typography variant="body2">No attempt has been made yet.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="Attempts">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>Time</TableCell>
          <TableCell>HTTP status</TableCell>
          <TableCell>Response time</TableCell>
          <TableCell>Error</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {attempts.map(attempt => (
          <TableRow key={attempt.attemptNumber}>
            <TableCell>{attempt.attemptNumber}</TableCell>
            <TableCell>{absoluteTime(attempt.timestamp)}</TableCell>
            <TableCell>{attempt.httpStatus ?? '—'}</TableCell>
            <TableCell>{millisText(attempt.responseTime)}</TableCell>
            <TableCell>
              {attempt.errorMessage ?? (attempt.success ? 'Delivered' : '—')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function hasPayloads(delivery: WebhookDelivery): boolean {
  return (
    delivery.payload.headers !== undefined ||
    delivery.payload.body !== undefined ||
    delivery.delivery.responseHeaders !== undefined ||
    delivery.delivery.responseBody !== undefined
  );
}

/** One delivery in full: its attempts and, for those who may read them, what was sent and answered. */
export function DeliveryDetailDialog(props: {
  deliveryId: string;
  endpointName?: string;
  retryDenied: WebhookDeniedReason;
  onClose(): void;
  onRetried(): void;
}) {
  const { deliveryId, retryDenied } = props;
  const api = useApi(integrationsApiRef);
  const titleId = useId();
  const [reload, setReload] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<Error>();
  const detail = useAsync(
    () => api.getWebhookDelivery(deliveryId),
    [api, deliveryId, reload],
  );
  const delivery = detail.value;

  const retry = async () => {
    setRetrying(true);
    setRetryError(undefined);
    try {
      await api.retryWebhookDelivery(deliveryId);
      setReload(n => n + 1);
      props.onRetried();
    } catch (e) {
      setRetryError(e as Error);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>
        {delivery
          ? `${delivery.event} to ${props.endpointName ?? 'endpoint'}`
          : 'Delivery'}
      </DialogTitle>
      <DialogContent>
        {detail.error && (
          <InlineAlert
            severity="error"
            title="The delivery could not be loaded"
          >
            {errorMessage(detail.error)}
          </InlineAlert>
        )}
        {!delivery && !detail.error && <Progress />}
        {delivery && (
          <>
            <FactList
              aria-label="Delivery"
              facts={[
                ['Status', <DeliveryStatusChip status={delivery.status} />],
                ['Integration', delivery.integration],
                ['Environment', ENVIRONMENT_LABELS[delivery.environment]],
                ['Event id (webhook-id)', delivery.eventId],
                ['Created', absoluteTime(delivery.createdAt)],
                [
                  'Attempts',
                  `${delivery.retry.attemptNumber} of ${delivery.retry.maxAttempts}`,
                ],
                ...(delivery.retry.nextRetry
                  ? ([
                      ['Next retry', absoluteTime(delivery.retry.nextRetry)],
                    ] as Fact[])
                  : []),
              ]}
            />
            <Box mt={2} mb={2}>
              <AttemptHistory delivery={delivery} />
            </Box>
            {hasPayloads(delivery) ? (
              <>
                <Exchange
                  title="Request"
                  headers={delivery.payload.headers}
                  body={delivery.payload.body}
                />
                <Exchange
                  title="Response"
                  headers={delivery.delivery.responseHeaders}
                  body={delivery.delivery.responseBody}
                />
              </>
            ) : (
              <InlineAlert severity="info" title="Payloads are hidden">
                The headers and bodies of what was sent and answered are shown
                only to people with the {webhookPayloadsReadPermission.name}{' '}
                permission on {delivery.integration}.
              </InlineAlert>
            )}
            {retryError && (
              <InlineAlert
                severity="error"
                title="The delivery was not retried"
              >
                {errorMessage(retryError)}
              </InlineAlert>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        {delivery && (
          <ActionButton
            color="primary"
            variant="contained"
            onClick={retry}
            disabled={retrying}
            disabledReason={retryDenied(delivery.integration, [
              delivery.environment,
            ])}
          >
            {retrying ? 'Retrying…' : 'Retry now'}
          </ActionButton>
        )}
      </DialogActions>
    </Dialog>
  );
}
