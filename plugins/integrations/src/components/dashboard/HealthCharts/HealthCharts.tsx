import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  EmptyState,
} from '@backstage/core-components';
import { Environment, HealthRange } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import { useHealthHistory } from '../../../hooks/useHealthHistory';
import { HealthHeatmap } from '../HealthHeatmap';
import { HistoryChart } from './HistoryChart';
import { RangeToggle } from './RangeToggle';
import { chartRows, errorRateOf, hasChecks } from './chartData';

export interface HealthChartsProps {
  environment: Environment;
  /** Display names by integration name. */
  displayNames: Map<string, string>;
  /** Changes when the dashboard reloads, so the charts reload with it. */
  reloadKey?: string;
  /** Only these integrations; every readable one when left out. */
  integrations?: string[];
}

/**
 * Response time and error rate per integration over 24 hours, 7 days or 30
 * days, and the same buckets as an uptime heatmap.
 */
export function HealthCharts(props: HealthChartsProps) {
  const { environment, displayNames, reloadKey, integrations } = props;
  const [range, setRange] = useState<HealthRange>('24h');
  const { value, loading, error } = useHealthHistory(
    environment,
    range,
    reloadKey,
    integrations,
  );

  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} title="No history" />;
  } else if (!value) {
    body = loading ? <Progress /> : null;
  } else if (!hasChecks(value)) {
    body = (
      <EmptyState
        missing="data"
        title="No health checks ran in this range, so there is nothing to chart yet."
        description="Each enabled integration is checked on its own interval (set under Monitoring in its configuration); response times, error rates and uptime appear here after the first checks. Test all runs a check of every integration now."
      />
    );
  } else {
    const series = value.series.map(({ integration }) => ({
      name: integration,
      displayName: displayNames.get(integration) ?? integration,
    }));
    body = (
      <>
        <Grid container spacing={2}>
          <Grid item xs={12} lg={6}>
            <HistoryChart
              kind="line"
              title="Average response time"
              unit=" ms"
              rows={chartRows(value, point => point.averageResponseMs)}
              series={series}
            />
          </Grid>
          <Grid item xs={12} lg={6}>
            <HistoryChart
              kind="bar"
              title="Error rate (failed checks)"
              unit=" %"
              rows={chartRows(value, errorRateOf)}
              series={series}
            />
          </Grid>
        </Grid>
        <Box mt={3}>
          <HealthHeatmap history={value} displayNames={displayNames} />
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title="Trends"
      subheader="From the scheduled health checks"
      action={<RangeToggle value={range} onChange={setRange} />}
    >
      {body}
    </InfoCard>
  );
}
