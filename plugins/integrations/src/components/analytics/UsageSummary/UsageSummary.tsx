import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import {
  formatBytes,
  formatCount,
  formatMoney,
  formatMs,
  formatRate,
  totalsOf,
} from '../analyticsData';

const useStyles = makeStyles(theme => ({
  figure: { padding: theme.spacing(1.5, 2), height: '100%' },
  better: { color: theme.palette.success.main },
  worse: { color: theme.palette.error.main },
  same: { color: theme.palette.text.secondary },
}));

/** Whether a rise is good news (more calls) or bad (more errors, slower). */
type Direction = 'up-is-good' | 'up-is-bad' | 'neutral';

function Figure(props: {
  label: string;
  value: string;
  delta?: { text: string; change: number };
  direction: Direction;
  hint?: string;
}) {
  const { label, value, delta, direction, hint } = props;
  const classes = useStyles();
  const labelId = useId();
  let tone = classes.same;
  if (delta && delta.change !== 0 && direction !== 'neutral') {
    const rising = delta.change > 0;
    tone =
      rising === (direction === 'up-is-good') ? classes.better : classes.worse;
  }
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
        <Typography variant="h5" component="p">
          {value}
        </Typography>
        {delta && (
          <Typography variant="body2" className={tone}>
            {delta.text}
          </Typography>
        )}
        {hint && (
          <Typography variant="caption" color="textSecondary" component="p">
            {hint}
          </Typography>
        )}
      </Paper>
    </Grid>
  );
}

/** "+12 % vs previous period"; no percentage from nothing. */
function relativeDelta(current: number, previous: number) {
  if (previous === 0) {
    return current === 0
      ? { text: 'Same as previous period', change: 0 }
      : { text: 'None in previous period', change: 1 };
  }
  const change = ((current - previous) / previous) * 100;
  const rounded = Math.round(change);
  // A percentage in the thousands reads worse than a multiple.
  if (rounded >= 1000) {
    return {
      text: `${Math.round(current / previous).toLocaleString(
        'en-US',
      )}× the previous period`,
      change: rounded,
    };
  }
  return {
    text:
      rounded === 0
        ? 'About the same as previous period'
        : `${rounded > 0 ? '+' : ''}${rounded} % vs previous period`,
    change: rounded,
  };
}

/** Error rates compare in percentage points, not percent of a percent. */
function pointsDelta(current: number | null, previous: number | null) {
  if (current === null || previous === null) {
    return undefined;
  }
  const change = Number((current - previous).toFixed(2));
  return {
    text:
      change === 0
        ? 'Same as previous period'
        : `${change > 0 ? '+' : ''}${change} points vs previous period`,
    change,
  };
}

/**
 * Calls, error rate, the slowest p95, data transferred and (when priced) cost
 * over the period,
 * each against the period just before it.
 */
export function UsageSummary(props: { analytics: IntegrationUsageAnalytics }) {
  const { analytics } = props;
  const now = totalsOf(analytics.usageMetrics);
  const before = totalsOf(analytics.previousPeriod.usageMetrics);
  const integrations = Object.keys(analytics.usageMetrics).length;
  const { costSummary } = analytics;
  const allCalls =
    analytics.performanceAnalytics.responseTimeAnalytics.percentiles;
  const priced = Object.values(analytics.costAnalysis).some(c => c.priced);
  return (
    <Grid container spacing={2} aria-label="Summary">
      <Figure
        label="Calls"
        value={formatCount(now.calls)}
        delta={relativeDelta(now.calls, before.calls)}
        direction="neutral"
        hint={`${formatCount(now.failed)} failed`}
      />
      <Figure
        label="Error rate"
        value={formatRate(now.errorRate)}
        delta={pointsDelta(now.errorRate, before.errorRate)}
        direction="up-is-bad"
      />
      <Figure
        label={integrations === 1 ? 'p95 response time' : 'Slowest p95'}
        value={formatMs(now.slowestP95?.ms ?? null)}
        delta={
          now.slowestP95 && before.slowestP95
            ? relativeDelta(now.slowestP95.ms, before.slowestP95.ms)
            : undefined
        }
        direction="up-is-bad"
        hint={
          integrations > 1 && now.slowestP95
            ? `of ${
                now.slowestP95.integration
              }, the slowest integration; ${formatMs(
                allCalls.p95,
              )} over all calls`
            : undefined
        }
      />
      <Figure
        label="Data transferred"
        value={formatBytes(now.bytes)}
        delta={relativeDelta(now.bytes, before.bytes)}
        direction="neutral"
        hint="requests and responses"
      />
      {priced && (
        <Figure
          label="Cost"
          value={formatMoney(costSummary.totalCost, costSummary.currency)}
          delta={relativeDelta(
            costSummary.totalCost,
            costSummary.previousPeriodCost,
          )}
          direction="up-is-bad"
          hint="at the configured prices"
        />
      )}
    </Grid>
  );
}
