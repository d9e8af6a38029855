import { Progress } from '@backstage/core-components';
import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useMemo, useState } from 'react';
import { useIntegrationsPageParams } from '../../../hooks/useIntegrationsPageParams';
import { useUsageAnalytics } from '../../../hooks/useUsageAnalytics';
import { ENVIRONMENT_LABELS, absoluteTime } from '../../../labels';
import { errorMessage, fieldIssuesOf } from '../../../requestErrors';
import { EnvironmentSelect } from '../../shared/EnvironmentSelect';
import { InlineAlert } from '../../shared/InlineAlert';
import { CallVolumeChart } from '../CallVolumeChart';
import { CostAndBudgets } from '../CostAndBudgets';
import { DataTransfer } from '../DataTransfer';
import { ErrorsByType } from '../ErrorsByType';
import { LatencyCharts } from '../LatencyCharts';
import { PerformanceHeatmap } from '../PerformanceHeatmap';
import { PeriodPicker } from '../PeriodPicker';
import { RateLimitMeters } from '../RateLimitMeters';
import { UsageEmptyState } from '../UsageEmptyState';
import { UsageExportMenu } from '../UsageExportMenu';
import { UsageSummary } from '../UsageSummary';
import { UsageForecast } from '../UsageForecast';
import { UsageTable } from '../UsageTable';
import { Period, periodRange } from '../analyticsData';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  integration: { width: 240 },
  section: { marginTop: theme.spacing(3) },
  loading: { height: 4, marginBottom: theme.spacing(1) },
}));

/** The fields of a refused request, as the toolbar names them. */
const FIELD_LABELS: Record<string, string> = {
  'query.from': 'From',
  'query.to': 'To',
  'query.environment': 'Environment',
  'query.integration': 'Integration',
};

function hasUsage(analytics: IntegrationUsageAnalytics): boolean {
  return [analytics.usageMetrics, analytics.previousPeriod.usageMetrics].some(
    metrics =>
      Object.values(metrics).some(m => m.apiCallMetrics.totalCalls > 0),
  );
}

/** The sections of the page, in reading order. */
function AnalyticsSections(props: { analytics: IntegrationUsageAnalytics }) {
  const { analytics } = props;
  const classes = useStyles();
  const metrics = useMemo(
    () => Object.values(analytics.usageMetrics),
    [analytics],
  );
  return (
    <>
      <UsageSummary analytics={analytics} />
      <Box className={classes.section}>
        <CallVolumeChart analytics={analytics} />
      </Box>
      <Box className={classes.section}>
        <LatencyCharts analytics={analytics} />
      </Box>
      <Box className={classes.section}>
        <PerformanceHeatmap
          cells={analytics.performanceAnalytics.throughputAnalytics.heatmap}
        />
      </Box>
      <Grid container spacing={2} className={classes.section}>
        <Grid item xs={12} lg={7}>
          <ErrorsByType analytics={analytics} />
        </Grid>
        <Grid item xs={12} lg={5}>
          <DataTransfer analytics={analytics} />
        </Grid>
      </Grid>
      <Box className={classes.section}>
        <RateLimitMeters status={analytics.rateLimitingStatus} />
      </Box>
      <Box className={classes.section}>
        <CostAndBudgets analytics={analytics} />
      </Box>
      <Box className={classes.section}>
        <UsageForecast analytics={analytics} />
      </Box>
      <Box className={classes.section}>
        <UsageTable metrics={metrics} />
      </Box>
    </>
  );
}

function UsageAnalytics() {
  const classes = useStyles();
  const params = useIntegrationsPageParams();
  const environment = params.environment ?? 'production';
  const [period, setPeriod] = useState<Period>({ preset: '24h' });
  // A link from an integration's catalog page opens on it (?integration=stripe).
  const [integration, setIntegration] = useState<string | null>(
    params.integration ?? null,
  );
  // Each pick asks again, even the same preset, so "Last hour" twice ends now.
  const [asked, setAsked] = useState(() => new Date());
  const range = useMemo(() => periodRange(period, asked), [period, asked]);
  const query = {
    environment,
    integration: integration ?? undefined,
    ...range,
  };
  const { analytics, loading, error, retry } = useUsageAnalytics(query);

  // The filter offers every integration of the environment, also while one is picked.
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (analytics && !integration && analytics.environment === environment) {
      setNames(Object.keys(analytics.usageMetrics).sort());
    }
  }, [analytics, integration, environment]);

  const choosePeriod = (next: Period) => {
    setPeriod(next);
    setAsked(new Date());
  };
  const issues = error ? fieldIssuesOf(error) : [];
  const environmentLabel = ENVIRONMENT_LABELS[environment].toLowerCase();

  let body;
  if (!analytics) {
    body = error ? null : <Progress />;
  } else if (Object.keys(analytics.usageMetrics).length === 0) {
    body = (
      <InlineAlert
        severity="info"
        title={`No integrations you may read in ${environmentLabel}`}
      >
        Usage shows for the integrations configured in this environment that you
        may read (the integrations.integration.read permission).
      </InlineAlert>
    );
  } else if (!hasUsage(analytics)) {
    body = <UsageEmptyState environmentLabel={environmentLabel} />;
  } else {
    body = <AnalyticsSections analytics={analytics} />;
  }

  return (
    <Box>
      <Box className={classes.toolbar}>
        <EnvironmentSelect
          value={environment}
          onChange={next => {
            setIntegration(null);
            params.selectEnvironment(next);
          }}
        />
        <Autocomplete
          className={classes.integration}
          size="small"
          options={
            integration && !names.includes(integration)
              ? [...names, integration]
              : names
          }
          value={integration}
          onChange={(_event, next) => setIntegration(next)}
          renderInput={input => (
            <TextField {...input} label="Integration" placeholder="All" />
          )}
        />
        <PeriodPicker
          value={period}
          shown={analytics?.period}
          onChange={choosePeriod}
          issues={issues}
        />
        <Button
          size="small"
          // A preset moves on to end now; a custom period is asked again as it is.
          onClick={() =>
            period.preset === 'custom' ? retry() : setAsked(new Date())
          }
          disabled={loading}
        >
          Refresh
        </Button>
        <UsageExportMenu query={query} />
      </Box>
      <Box className={classes.loading}>
        {loading && analytics && <LinearProgress aria-label="Loading usage" />}
      </Box>
      {analytics && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {absoluteTime(analytics.period.start)} to{' '}
          {absoluteTime(analytics.period.end)}, compared with the same length of
          time before. Charts and the heat map are in UTC.
        </Typography>
      )}
      {error && (
        <InlineAlert
          severity="error"
          title={
            issues.length
              ? 'This period cannot be shown'
              : 'Usage could not be loaded'
          }
        >
          {issues.length
            ? issues.map(issue => (
                <div key={issue.path}>
                  {FIELD_LABELS[issue.path] ?? issue.path}: {issue.message}
                </div>
              ))
            : errorMessage(error)}
          {analytics && ' Showing the last period that loaded.'}
        </InlineAlert>
      )}
      {body}
    </Box>
  );
}

/**
 * How the product used each integration over a period, against the period
 * before: calls, latency percentiles, when in the week, errors, data
 * transfer, and the figures per integration. Reading is decided per
 * configuration (a user-facing check without one is refused), so the backend
 * answers with the integrations the user may read and the page shows those.
 */
export function AnalyticsPage() {
  return <UsageAnalytics />;
}
