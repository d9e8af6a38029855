import { ErrorSummary } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';

const useStyles = makeStyles(theme => ({
  figure: { padding: theme.spacing(1.5, 2), height: '100%' },
  alarming: { color: theme.palette.error.main },
}));

function Figure(props: {
  label: string;
  value: number;
  hint: string;
  alarming?: boolean;
}) {
  const { label, value, hint, alarming } = props;
  const classes = useStyles();
  const labelId = useId();
  return (
    <Grid item xs={12} sm={6} md>
      <Paper
        variant="outlined"
        className={classes.figure}
        role="group"
        aria-labelledby={labelId}
      >
        <Typography id={labelId} variant="body2" color="textSecondary">
          {label}
        </Typography>
        <Typography
          variant="h5"
          component="p"
          className={alarming && value > 0 ? classes.alarming : undefined}
        >
          {value.toLocaleString('en-US')}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          {hint}
        </Typography>
      </Paper>
    </Grid>
  );
}

/** The Errors page header: how many errors, of how many causes, and where they stand. */
export function ErrorSummaryFigures(props: { summary: ErrorSummary }) {
  const { summary } = props;
  return (
    <Grid container spacing={2}>
      <Figure
        label="Total errors"
        value={summary.totalErrors}
        hint="failed checks, tests and reported calls"
      />
      <Figure
        label="Unique errors"
        value={summary.uniqueErrors}
        hint="groups with one cause"
      />
      <Figure
        label="Open"
        value={summary.openErrors}
        hint="not yet resolved"
        alarming
      />
      <Figure
        label="Critical"
        value={summary.criticalErrors}
        hint="of critical severity"
        alarming
      />
      <Figure
        label="Resolved"
        value={summary.resolvedErrors}
        hint="settled by a fix or workaround"
      />
    </Grid>
  );
}
