import { ErrorPatternHistoryEntry } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { absoluteTime, relativeTime, shortRef } from '../../../labels';
import { HISTORY_ACTION_LABELS } from '../errorLabels';

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
}));

/** What happened to the group, newest first: triage, merges, regressions, fixes. */
export function PatternHistory(props: { entries: ErrorPatternHistoryEntry[] }) {
  const classes = useStyles();
  const entries = [...props.entries].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at),
  );
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing has happened to this group yet.
      </Typography>
    );
  }
  return (
    <ol className={classes.list} aria-label="History">
      {entries.map((entry, index) => (
        <li key={`${entry.at}:${index}`} className={classes.entry}>
          <Typography variant="body2">
            <strong>
              {HISTORY_ACTION_LABELS[entry.action] ?? entry.action}
            </strong>{' '}
            by {shortRef(entry.actor)},{' '}
            <span title={absoluteTime(entry.at)}>{relativeTime(entry.at)}</span>
          </Typography>
          {entry.details && (
            <Typography variant="body2" color="textSecondary">
              {entry.details}
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
}
