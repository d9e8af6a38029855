import { WebhookEndpoint } from '@internal/plugin-integrations-common';
import IconButton from '@material-ui/core/IconButton';
import Link from '@material-ui/core/Link';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import { useState } from 'react';
import { absoluteTime, relativeTime } from '../../../labels';
import { WebhookDeniedReason } from '../../../hooks/useWebhookPermissions';
import { EndpointStatusChip, millisText } from '../webhookLabels';

/** What can be done to one endpoint from its row. */
export type EndpointAction =
  | 'edit'
  | 'toggle'
  | 'delete'
  | 'rotate'
  | 'test'
  | 'replay'
  | 'retryFailed'
  | 'deliveries';

export interface EndpointPermissions {
  manageDenied: WebhookDeniedReason;
  securityDenied: WebhookDeniedReason;
  retryDenied: WebhookDeniedReason;
}

function menuEntries(
  endpoint: WebhookEndpoint,
  permissions: EndpointPermissions,
): Array<{ action: EndpointAction; label: string; denied?: string }> {
  const { integration, environments } = endpoint;
  const manage = permissions.manageDenied(integration, environments);
  const retry = permissions.retryDenied(integration, environments);
  return [
    { action: 'deliveries', label: 'Show deliveries' },
    { action: 'edit', label: 'Edit', denied: manage },
    {
      action: 'toggle',
      label: endpoint.status === 'active' ? 'Pause' : 'Resume',
      denied: manage,
    },
    { action: 'test', label: 'Send test event', denied: manage },
    {
      action: 'rotate',
      label: 'Rotate signing secret',
      denied: permissions.securityDenied(integration, environments),
    },
    { action: 'replay', label: 'Replay events since…', denied: retry },
    { action: 'retryFailed', label: 'Retry failed deliveries…', denied: retry },
    { action: 'delete', label: 'Delete', denied: manage },
  ];
}

function EndpointMenu(props: {
  endpoint: WebhookEndpoint;
  permissions: EndpointPermissions;
  onAction(action: EndpointAction, endpoint: WebhookEndpoint): void;
}) {
  const { endpoint, permissions, onAction } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <IconButton
        size="small"
        aria-label={`Actions for ${endpoint.name}`}
        onClick={event => setAnchor(event.currentTarget)}
      >
        <MoreVertIcon />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {menuEntries(endpoint, permissions).map(entry =>
          entry.denied ? (
            <Tooltip key={entry.action} title={entry.denied} placement="left">
              <span>
                <MenuItem disabled>{entry.label}</MenuItem>
              </span>
            </Tooltip>
          ) : (
            <MenuItem
              key={entry.action}
              onClick={() => {
                setAnchor(null);
                onAction(entry.action, endpoint);
              }}
            >
              {entry.label}
            </MenuItem>
          ),
        )}
      </Menu>
    </>
  );
}

function successRateText(endpoint: WebhookEndpoint): string {
  const rate = endpoint.statistics.successRate;
  return rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** The endpoints with their delivery figures, and a menu of actions per row. */
export function EndpointsTable(props: {
  endpoints: WebhookEndpoint[];
  permissions: EndpointPermissions;
  onAction(action: EndpointAction, endpoint: WebhookEndpoint): void;
}) {
  const { endpoints, permissions, onAction } = props;
  return (
    <Table size="small" aria-label="Webhook endpoints">
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>URL</TableCell>
          <TableCell>Events</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Success rate</TableCell>
          <TableCell align="right">p95</TableCell>
          <TableCell>Last delivery</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {endpoints.map(endpoint => {
          const { statistics } = endpoint;
          return (
            <TableRow key={endpoint.id}>
              <TableCell>
                <Link
                  component="button"
                  onClick={() => onAction('deliveries', endpoint)}
                >
                  {endpoint.name}
                </Link>
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {endpoint.integration}
                </Typography>
              </TableCell>
              <TableCell style={{ wordBreak: 'break-all' }}>
                {endpoint.url}
              </TableCell>
              <TableCell>
                <Tooltip title={endpoint.events.join(', ')}>
                  <span>
                    {endpoint.events.length === 1
                      ? endpoint.events[0]
                      : `${endpoint.events.length} event types`}
                  </span>
                </Tooltip>
              </TableCell>
              <TableCell>
                <EndpointStatusChip endpoint={endpoint} />
              </TableCell>
              <TableCell align="right">{successRateText(endpoint)}</TableCell>
              <TableCell align="right">
                {statistics.totalDeliveries
                  ? millisText(statistics.p95ResponseTime)
                  : '—'}
              </TableCell>
              <TableCell>
                {statistics.lastDelivery ? (
                  <Tooltip title={absoluteTime(statistics.lastDelivery)}>
                    <span>
                      {relativeTime(statistics.lastDelivery)}
                      {statistics.lastDeliveryStatus === 'failed' &&
                        ' (failed)'}
                    </span>
                  </Tooltip>
                ) : (
                  'never'
                )}
              </TableCell>
              <TableCell padding="checkbox">
                <EndpointMenu
                  endpoint={endpoint}
                  permissions={permissions}
                  onAction={onAction}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
