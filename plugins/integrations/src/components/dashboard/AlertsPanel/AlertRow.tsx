import {
  StatusError,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  AlertSeverity,
  IntegrationAlert,
  errorResolvePermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useIntegrationPermission } from '../../../hooks/useIntegrationPermission';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
  shortRef,
} from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';

const SEVERITY: Record<
  AlertSeverity,
  { label: string; Status: (props: { children?: ReactNode }) => JSX.Element }
> = {
  critical: { label: 'Critical', Status: StatusError },
  warning: { label: 'Warning', Status: StatusWarning },
  info: { label: 'Info', Status: StatusPending },
};

/** Why the user may not acknowledge the alerts of one configuration. */
export function acknowledgeDeniedReason(alert: IntegrationAlert): string {
  return `You may not acknowledge alerts of ${
    alert.integration
  } in ${ENVIRONMENT_LABELS[
    alert.environment
  ].toLowerCase()}: that takes the permission to resolve its errors`;
}

export interface AlertRowProps {
  alert: IntegrationAlert;
  /** What to call the integration, told apart where display names collide. */
  displayName?: string;
  acknowledging: boolean;
  onAcknowledge(alert: IntegrationAlert): void;
}

/** One active alert: how bad, what and since when, why it is quiet, and its Acknowledge button. */
export function AlertRow(props: AlertRowProps) {
  const { alert, displayName, acknowledging, onAcknowledge } = props;
  const { label, Status } = SEVERITY[alert.severity];
  const permission = useIntegrationPermission(
    errorResolvePermission,
    `${alert.integration}:${alert.environment}`,
    acknowledgeDeniedReason(alert),
  );
  return (
    <ListItem divider data-testid={`alert-${alert.id}`}>
      <Box display="flex" alignItems="flex-start" width="100%" gridGap={16}>
        <Box flexGrow={1}>
          <Status>
            <Typography component="span" variant="body1">
              <strong>{label}</strong> · {alert.title}
            </Typography>
          </Status>
          <Typography variant="body2">{alert.message}</Typography>
          <Typography variant="body2" color="textSecondary" component="div">
            {displayName ?? alert.integration} ·{' '}
            <Tooltip title={absoluteTime(alert.timestamp)}>
              <span>raised {relativeTime(alert.timestamp)}</span>
            </Tooltip>
            {alert.escalationLevel > 0 &&
              ` · reminded ${alert.escalationLevel} time${
                alert.escalationLevel === 1 ? '' : 's'
              }`}
          </Typography>
          <Box display="flex" flexWrap="wrap" gridGap={8} mt={0.5}>
            {alert.suppressedBy && (
              <Tooltip
                title={`${alert.suppressedBy} fails, which likely causes this. Its owners are notified once ${alert.suppressedBy} recovers, if this still fires.`}
              >
                <Chip
                  size="small"
                  label={`Suppressed by ${alert.suppressedBy}`}
                />
              </Tooltip>
            )}
            {alert.acknowledgedBy && (
              <Tooltip title={absoluteTime(alert.acknowledgedAt ?? '')}>
                <Chip
                  size="small"
                  variant="outlined"
                  label={`Acknowledged by ${shortRef(alert.acknowledgedBy)}`}
                />
              </Tooltip>
            )}
          </Box>
        </Box>
        {alert.status === 'open' && (
          <ActionButton
            variant="outlined"
            size="small"
            disabledReason={permission.reason}
            disabled={acknowledging}
            onClick={() => onAcknowledge(alert)}
          >
            {acknowledging ? 'Acknowledging…' : 'Acknowledge'}
          </ActionButton>
        )}
      </Box>
    </ListItem>
  );
}
