import { IncidentTimelineEntry } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { absoluteTime, shortRef } from '../../../labels';
import { INCIDENT_TIMELINE_LABELS } from '../incidentLabels';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    position: 'relative',
    paddingLeft: theme.spacing(3),
    paddingBottom: theme.spacing(1.5),
    borderLeft: `2px solid ${theme.palette.divider}`,
    marginLeft: theme.spacing(0.75),
    '&:last-child': { borderLeftColor: 'transparent' },
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -7,
      top: 4,
      width: 12,
      height: 12,
      borderRadius: '50%',
      background: theme.palette.primary.main,
    },
  },
  change: { '&::before': { background: theme.palette.warning.main } },
  details: { overflowWrap: 'anywhere' },
}));

const CHANGES = new Set(['configuration_change', 'credential_change']);

/** What happened in the incident, oldest first: the change before it, its groups, alerts, its status. */
export function IncidentTimeline(props: { entries: IncidentTimelineEntry[] }) {
  const classes = useStyles();
  return (
    <ol className={classes.list} aria-label="Timeline">
      {props.entries.map((entry, index) => (
        <li
          key={`${entry.at}:${index}`}
          className={`${classes.entry} ${
            CHANGES.has(entry.kind) ? classes.change : ''
          }`}
        >
          <Typography variant="body2">
            <strong>
              {INCIDENT_TIMELINE_LABELS[entry.kind] ?? entry.kind}
            </strong>
            {entry.actor && ` by ${shortRef(entry.actor)}`},{' '}
            {absoluteTime(entry.at)}
          </Typography>
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.details}
          >
            {entry.description}
          </Typography>
        </li>
      ))}
    </ol>
  );
}
