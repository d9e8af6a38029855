import { HealthCheckSchedule } from '@internal/plugin-integrations-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ENVIRONMENT_LABELS, absoluteTime, shortRef } from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';
import { HealthStatusLabel } from '../../shared/StatusLabel';
import { agoLabel, intervalLabel, untilLabel, useNow } from './countdown';

export interface ScheduleTableProps {
  items: HealthCheckSchedule[];
  /** Why the user may not pause or resume an item's checks, if they may not. */
  deniedReason(item: HealthCheckSchedule): string | undefined;
  /** The item whose pause or resume is in progress. */
  changing?: HealthCheckSchedule;
  onPause(item: HealthCheckSchedule): void;
  onResume(item: HealthCheckSchedule): void;
}

function nextCheck(item: HealthCheckSchedule, now: Date): string {
  if (!item.enabled) {
    return 'Not checked: disabled';
  }
  if (item.paused) {
    return 'Not checked: paused';
  }
  return item.nextCheckAt ? untilLabel(item.nextCheckAt, now) : '—';
}

const sameItem = (a?: HealthCheckSchedule, b?: HealthCheckSchedule) =>
  a?.integration === b?.integration && a?.environment === b?.environment;

/** Per configuration: how often it is checked, when it was and will be, and its pause. */
export function ScheduleTable(props: ScheduleTableProps) {
  const { items, deniedReason, changing, onPause, onResume } = props;
  const now = useNow();
  return (
    <Table size="small" aria-label="Health-check schedule">
      <TableHead>
        <TableRow>
          <TableCell>Integration</TableCell>
          <TableCell>Environment</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Interval</TableCell>
          <TableCell>Last check</TableCell>
          <TableCell>Next check</TableCell>
          <TableCell>Checks</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => {
          const key = `${item.integration}:${item.environment}`;
          const busy = sameItem(item, changing);
          return (
            <TableRow key={key} data-testid={`schedule-${key}`}>
              <TableCell>
                {item.displayName}{' '}
                <Typography variant="caption" color="textSecondary">
                  {item.integration}
                </Typography>
              </TableCell>
              <TableCell>{ENVIRONMENT_LABELS[item.environment]}</TableCell>
              <TableCell>
                <HealthStatusLabel status={item.status} />
              </TableCell>
              <TableCell>{intervalLabel(item.intervalSeconds)}</TableCell>
              <TableCell>
                {item.lastCheckedAt ? (
                  <Tooltip title={absoluteTime(item.lastCheckedAt)}>
                    <span>{agoLabel(item.lastCheckedAt, now)}</span>
                  </Tooltip>
                ) : (
                  'Never'
                )}
              </TableCell>
              <TableCell>{nextCheck(item, now)}</TableCell>
              <TableCell>
                {item.paused && item.pausedBy && (
                  <Typography variant="body2" component="div">
                    Paused by {shortRef(item.pausedBy)}
                    {item.pausedAt ? ` ${agoLabel(item.pausedAt, now)}` : ''}
                  </Typography>
                )}
                <ActionButton
                  size="small"
                  variant="outlined"
                  disabled={busy}
                  disabledReason={deniedReason(item)}
                  aria-label={`${item.paused ? 'Resume' : 'Pause'} checks of ${
                    item.integration
                  } (${ENVIRONMENT_LABELS[item.environment]})`}
                  onClick={() => (item.paused ? onResume(item) : onPause(item))}
                >
                  {item.paused ? 'Resume' : 'Pause'}
                </ActionButton>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
