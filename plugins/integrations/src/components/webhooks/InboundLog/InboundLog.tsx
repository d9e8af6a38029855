import { Progress } from '@backstage/core-components';
import {
  INBOUND_VERIFICATIONS,
  InboundDelivery,
  InboundVerification,
  webhookPayloadsReadPermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { useInboundDeliveries } from '../../../hooks/useWebhookData';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
} from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { FilterSelect } from '../../shared/FilterSelect';
import { InlineAlert } from '../../shared/InlineAlert';
import { VERIFICATION_LABELS, VerificationChip } from '../webhookLabels';
import { LabelledTextField } from '../../shared/LabelledTextField';

const PAGE_SIZE = 25;

function InboundBodyDialog(props: {
  delivery: InboundDelivery;
  onClose(): void;
}) {
  const { delivery } = props;
  const titleId = useId();
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>
        {delivery.eventType ?? 'Webhook'} from {delivery.integration}
      </DialogTitle>
      <DialogContent>
        {delivery.body === undefined ? (
          <InlineAlert severity="info" title="The body is hidden">
            {delivery.verification === 'rejected'
              ? 'A rejected webhook’s body is not kept. '
              : ''}
            Bodies are shown only to people with the{' '}
            {webhookPayloadsReadPermission.name} permission on{' '}
            {delivery.integration}.
          </InlineAlert>
        ) : (
          <pre
            aria-label="Body"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {JSON.stringify(delivery.body, null, 2)}
          </pre>
        )}
        {delivery.topic && (
          <Typography variant="caption" color="textSecondary">
            Published on the events topic {delivery.topic}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Webhooks received from providers, with how each was verified and answered. */
export function InboundLog(props: { integrations: string[] }) {
  const [integration, setIntegration] = useState('');
  const [verification, setVerification] = useState<InboundVerification | ''>(
    '',
  );
  const [page, setPage] = useState(0);
  const [opened, setOpened] = useState<InboundDelivery>();
  const inbound = useInboundDeliveries({
    integration: integration || undefined,
    verification: verification || undefined,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });
  const items = inbound.value?.items;

  return (
    <Box>
      <Box display="flex" gridGap={16} mb={2} alignItems="flex-end">
        <LabelledTextField
          select
          label="Integration"
          style={{ minWidth: 200 }}
          value={integration}
          onChange={event => {
            setPage(0);
            setIntegration(event.target.value);
          }}
        >
          <MenuItem value="">All</MenuItem>
          {props.integrations.map(name => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </LabelledTextField>
        <FilterSelect
          label="Verification"
          value={verification}
          options={INBOUND_VERIFICATIONS}
          labels={VERIFICATION_LABELS}
          onChange={value => {
            setPage(0);
            setVerification(value);
          }}
        />
      </Box>
      {inbound.error && (
        <InlineAlert
          severity="error"
          title="The inbound log could not be loaded"
          action={<Button onClick={inbound.retry}>Retry</Button>}
        >
          {errorMessage(inbound.error)}
        </InlineAlert>
      )}
      {!items && !inbound.error && <Progress />}
      {items && items.length === 0 && (
        <Typography color="textSecondary">
          No webhooks received
          {integration || verification ? ' that match these filters' : ' yet'}.
          Point the provider’s webhook settings at this portal’s
          <code>
            /api/integrations/webhooks/inbound/&lt;integration&gt;
          </code>{' '}
          and store the provider’s signing secret with the integration’s
          credentials, so each webhook can be verified.
        </Typography>
      )}
      {items && items.length > 0 && (
        <>
          <Table size="small" aria-label="Inbound webhooks">
            <TableHead>
              <TableRow>
                <TableCell>Received</TableCell>
                <TableCell>Integration</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell>Scheme</TableCell>
                <TableCell>Verification</TableCell>
                <TableCell>Provider event id</TableCell>
                <TableCell>Type</TableCell>
                <TableCell align="right">Answered</TableCell>
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
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={absoluteTime(delivery.receivedAt)}>
                      <span>{relativeTime(delivery.receivedAt)}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {delivery.integration}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {ENVIRONMENT_LABELS[delivery.environment]}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {delivery.scheme}
                  </TableCell>
                  <TableCell style={{ maxWidth: 360 }}>
                    <VerificationChip delivery={delivery} />
                  </TableCell>
                  <TableCell style={{ wordBreak: 'break-all', maxWidth: 240 }}>
                    {delivery.providerEventId ?? '—'}
                  </TableCell>
                  <TableCell>{delivery.eventType ?? '—'}</TableCell>
                  <TableCell align="right">{delivery.responseStatus}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={inbound.value!.totalCount}
            page={page}
            rowsPerPage={PAGE_SIZE}
            rowsPerPageOptions={[PAGE_SIZE]}
            onPageChange={(_, next) => setPage(next)}
          />
        </>
      )}
      {opened && (
        <InboundBodyDialog
          delivery={opened}
          onClose={() => setOpened(undefined)}
        />
      )}
    </Box>
  );
}
