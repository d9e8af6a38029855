import { IntegrationError } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { absoluteTime, relativeTime } from '../../../labels';
import { ERROR_SOURCE_LABELS } from '../errorLabels';
import { ErrorEventDetails } from './ErrorEventDetails';

const COLUMNS = 6;

const useStyles = makeStyles({
  message: { maxWidth: 420, overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
});

function EventRow(props: { event: IntegrationError }) {
  const { event } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const { errorDetails: details, context } = event;
  return (
    <>
      <TableRow>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${open ? 'Hide' : 'Show'} the event at ${absoluteTime(
              context.timestamp,
            )}`}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        </TableCell>
        <TableCell className={classes.nowrap}>
          <Tooltip title={absoluteTime(context.timestamp)}>
            <span>{relativeTime(context.timestamp)}</span>
          </Tooltip>
        </TableCell>
        <TableCell className={classes.message}>{details.message}</TableCell>
        <TableCell>
          {details.endpoint && <code>{details.endpoint}</code>}
        </TableCell>
        <TableCell>{details.httpStatus ?? ''}</TableCell>
        <TableCell className={classes.nowrap}>
          {ERROR_SOURCE_LABELS[context.source] ?? context.source}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={COLUMNS}
          style={{ paddingTop: 0, paddingBottom: 0 }}
        >
          <Collapse in={open} unmountOnExit>
            <Box py={2}>
              <ErrorEventDetails event={event} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}

/** The group's latest events, newest first; each opens to its full details. */
export function RecentErrors(props: { events: IntegrationError[] }) {
  if (props.events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No event of this group is kept any more.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Recent events">
      {/* Short column names read on one line, not broken mid-word. */}
      <TableHead style={{ whiteSpace: 'nowrap' }}>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>When</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Endpoint</TableCell>
          <TableCell>HTTP</TableCell>
          <TableCell>From</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.events.map(event => (
          <EventRow key={event.id} event={event} />
        ))}
      </TableBody>
    </Table>
  );
}
