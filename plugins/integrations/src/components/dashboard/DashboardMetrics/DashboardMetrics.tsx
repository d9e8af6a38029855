import { OverviewMetrics } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useId } from 'react';
import { formatDuration } from '../../../healthLabels';
import { absoluteTime, relativeTime } from '../../../labels';

type Tone = 'ok' | 'warning' | 'error' | 'neutral';

const useStyles = makeStyles(theme => ({
  metric: {
    padding: theme.spacing(1.5, 2),
    height: '100%',
  },
  ok: { color: theme.palette.success.main },
  warning: { color: theme.palette.warning.dark },
  error: { color: theme.palette.error.main },
  neutral: {},
}));

function Metric(props: {
  label: string;
  value: ReactNode;
  tone?: Tone;
  hint?: string;
}) {
  const { label, value, tone = 'neutral', hint } = props;
  const classes = useStyles();
  const labelId = useId();
  return (
    <Grid item xs={6} sm={4} md={3} lg>
      <Paper
        className={classes.metric}
        variant="outlined"
        role="group"
        aria-labelledby={labelId}
      >
        <Typography id={labelId} variant="body2" color="textSecondary">
          {label}
        </Typography>
        <Typography variant="h5" component="p" className={classes[tone]}>
          {value}
        </Typography>
        {hint && (
          <Typography variant="caption" color="textSecondary">
            {hint}
          </Typography>
        )}
      </Paper>
    </Grid>
  );
}

/** The environment at a glance: counts by status, the latest check, and today's calls. */
export function DashboardMetrics(props: { overview: OverviewMetrics }) {
  const { overview } = props;
  const lastCheck = overview.lastHealthCheck;
  return (
    <Grid container spacing={2}>
      <Metric
        label="Integrations"
        value={overview.totalIntegrations}
        hint={
          [
            overview.notConfiguredIntegrations &&
              `${overview.notConfiguredIntegrations} without credentials`,
            overview.unknownIntegrations &&
              `${overview.unknownIntegrations} not checked yet`,
          ]
            .filter(Boolean)
            .join(', ') || undefined
        }
      />
      <Metric
        label="Healthy"
        value={overview.healthyIntegrations}
        tone={overview.healthyIntegrations ? 'ok' : 'neutral'}
      />
      <Metric
        label="Degraded"
        value={overview.degradedIntegrations}
        tone={overview.degradedIntegrations ? 'warning' : 'neutral'}
      />
      <Metric
        label="Unhealthy"
        value={overview.unhealthyIntegrations}
        tone={overview.unhealthyIntegrations ? 'error' : 'neutral'}
      />
      <Metric label="Disabled" value={overview.disabledIntegrations} />
      <Metric
        label="Last health check"
        value={
          lastCheck ? (
            <Tooltip title={absoluteTime(lastCheck)}>
              <span>{relativeTime(lastCheck)}</span>
            </Tooltip>
          ) : (
            'never'
          )
        }
      />
      <Metric
        label="API calls today"
        value={overview.totalAPICallsToday.toLocaleString()}
        hint="reported usage and health checks, since midnight UTC"
      />
      <Metric
        label="Errors today"
        value={overview.totalErrorsToday.toLocaleString()}
        tone={overview.totalErrorsToday ? 'error' : 'neutral'}
      />
      <Metric
        label="Average response time"
        value={formatDuration(overview.averageResponseTime)}
      />
    </Grid>
  );
}
