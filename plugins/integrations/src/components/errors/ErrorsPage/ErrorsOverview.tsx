import { Progress } from '@backstage/core-components';
import {
  Environment,
  ErrorPattern,
  Incident,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import { useErrorPatterns } from '../../../hooks/useErrorPatterns';
import { useErrorSummary } from '../../../hooks/useErrorSummary';
import { useErrorsPageParams } from '../../../hooks/useErrorsPageParams';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { RangeToggle } from '../../dashboard/HealthCharts/RangeToggle';
import { InlineAlert } from '../../shared/InlineAlert';
import { ErrorFilters } from '../ErrorFilters';
import { ErrorPatternsTable } from '../ErrorPatternsTable';
import { ErrorSummaryFigures } from '../ErrorSummaryFigures';
import { ErrorTrendChart } from '../ErrorTrendChart';
import { ErrorsByIntegration } from '../ErrorsByIntegration';
import { ErrorsEmptyState } from '../ErrorsEmptyState';
import { IncidentsPanel } from '../IncidentsPanel';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  period: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  loading: { height: 4, marginBottom: theme.spacing(1) },
  section: { marginTop: theme.spacing(3) },
}));

/** The integrations with errors in each environment, as far as the summaries have shown. */
function useIntegrationNames(
  environment: Environment,
  seen: string[] | undefined,
): string[] {
  const [names, setNames] = useState<Partial<Record<Environment, string[]>>>(
    {},
  );
  const key = seen?.join(',');
  useEffect(() => {
    if (!key) {
      return;
    }
    setNames(previous => {
      const known = new Set([
        ...(previous[environment] ?? []),
        ...key.split(','),
      ]);
      return { ...previous, [environment]: [...known].sort() };
    });
  }, [environment, key]);
  return names[environment] ?? [];
}

/**
 * The Errors page's list: the header figures and trend of the period, the
 * open incidents, and the error groups matching the filters, a page at a
 * time.
 */
export function ErrorsOverview() {
  const classes = useStyles();
  const { view, search, changeView, changePage } = useErrorsPageParams();
  const link = useIntegrationsPageLink();
  const summary = useErrorSummary({
    environment: view.environment,
    integration: view.integration,
    range: view.range,
  });
  const patterns = useErrorPatterns({
    environment: view.environment,
    integration: view.integration,
    status: view.status,
    severity: view.severity,
    type: view.type,
    includeSnoozed: view.includeSnoozed ? 'true' : undefined,
    limit: view.pageSize,
    offset: view.page * view.pageSize,
  });
  const names = useIntegrationNames(
    view.environment,
    summary.current
      ? summary.value?.errorsByIntegration.map(row => row.integration)
      : undefined,
  );

  // A page past the end (the list shrank, or an old link) shows the last one.
  const totalCount = patterns.current ? patterns.value?.totalCount : undefined;
  useEffect(() => {
    if (totalCount && view.page * view.pageSize >= totalCount) {
      changePage(Math.floor((totalCount - 1) / view.pageSize));
    }
  }, [totalCount, view.page, view.pageSize, changePage]);

  const filtered = Boolean(
    view.integration || view.status || view.severity || view.type,
  );
  const nothingAtAll =
    summary.value?.totalErrors === 0 &&
    patterns.value?.totalCount === 0 &&
    !filtered;
  const linkTo = (pattern: ErrorPattern) =>
    link(
      `errors/${encodeURIComponent(pattern.patternId)}`,
      new URLSearchParams(search),
    );
  const incidentLink = (incident: Incident) =>
    link(
      `errors/incidents/${encodeURIComponent(incident.id)}`,
      new URLSearchParams(search),
    );
  const environmentLabel = ENVIRONMENT_LABELS[view.environment].toLowerCase();

  return (
    <Box>
      <Box className={classes.toolbar}>
        <ErrorFilters view={view} integrations={names} onChange={changeView} />
        <Box className={classes.period}>
          <RangeToggle
            value={view.range}
            onChange={range => changeView({ range })}
          />
          <Button
            size="small"
            onClick={() => {
              summary.retry();
              patterns.retry();
            }}
            disabled={summary.loading || patterns.loading}
          >
            Refresh
          </Button>
        </Box>
      </Box>
      <Box className={classes.loading}>
        {(summary.loading || patterns.loading) &&
          (summary.value || patterns.value) && (
            <LinearProgress aria-label="Loading errors" />
          )}
      </Box>
      {summary.error && (
        <InlineAlert
          severity="error"
          title="The error summary could not be loaded"
          action={<Button onClick={summary.retry}>Retry</Button>}
        >
          {errorMessage(summary.error)}
        </InlineAlert>
      )}
      {patterns.error && (
        <InlineAlert
          severity="error"
          title="The error groups could not be loaded"
          action={<Button onClick={patterns.retry}>Retry</Button>}
        >
          {errorMessage(patterns.error)}
          {patterns.value && ' Showing the last list that loaded.'}
        </InlineAlert>
      )}
      {!summary.value &&
        !patterns.value &&
        !summary.error &&
        !patterns.error && <Progress />}
      {nothingAtAll && <ErrorsEmptyState environmentLabel={environmentLabel} />}
      {summary.value && !nothingAtAll && (
        <>
          <ErrorSummaryFigures summary={summary.value} />
          <Grid container spacing={2} className={classes.section}>
            <Grid item xs={12} lg={8}>
              <ErrorTrendChart
                trend={summary.value.errorTrends}
                range={view.range}
              />
            </Grid>
            <Grid item xs={12} lg={4}>
              <ErrorsByIntegration
                rows={summary.value.errorsByIntegration}
                onSelect={integration => changeView({ integration })}
              />
            </Grid>
          </Grid>
        </>
      )}
      {patterns.value && !nothingAtAll && (
        <IncidentsPanel
          environment={view.environment}
          linkTo={incidentLink}
          className={classes.section}
        />
      )}
      {patterns.value && !nothingAtAll && (
        <Card className={classes.section}>
          <CardContent>
            <Typography variant="h6" component="h3" gutterBottom>
              Error groups ({patterns.value.totalCount.toLocaleString('en-US')})
            </Typography>
            {patterns.value.items.length === 0 ? (
              <Typography color="textSecondary">
                No error groups match these filters.
                {!view.includeSnoozed && ' Snoozed groups are hidden.'}
              </Typography>
            ) : (
              <ErrorPatternsTable
                patterns={patterns.value.items}
                totalCount={patterns.value.totalCount}
                page={view.page}
                pageSize={view.pageSize}
                linkTo={linkTo}
                onPageChange={changePage}
              />
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
