import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  everyBucket,
  formatCount,
  spanHoursOf,
  timeLabel,
} from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

function barLabel(fromMs: number, toMs: number | null): string {
  return toMs === null
    ? `≥ ${formatCount(fromMs)} ms`
    : `${formatCount(fromMs)}–${formatCount(toMs)} ms`;
}

/**
 * Response-time percentiles over time (merged from each bucket's latency
 * histogram, never averaged) and how the period's calls spread over response times.
 */
export function LatencyCharts(props: { analytics: IntegrationUsageAnalytics }) {
  const { analytics } = props;
  const theme = useTheme();
  const { series, histogram } =
    analytics.performanceAnalytics.responseTimeAnalytics;
  const rows = useMemo(() => {
    const spanHours = spanHoursOf(analytics.period);
    const points = everyBucket(
      series,
      analytics.period,
      analytics.granularity,
      time => ({ time, calls: 0, failed: 0, p50: null, p95: null, p99: null }),
    );
    return points.map(point => ({
      ...point,
      label: timeLabel(point.time, analytics.granularity, spanHours),
    }));
  }, [series, analytics]);
  const bars = useMemo(
    () =>
      histogram.map(bar => ({
        label: barLabel(bar.fromMs, bar.toMs),
        calls: bar.calls,
      })),
    [histogram],
  );
  const hasTimes = series.some(point => point.p50 !== null);
  const hasCalls = histogram.some(bar => bar.calls > 0);
  const lines = [
    { key: 'p50', colour: theme.palette.success.main },
    { key: 'p95', colour: theme.palette.warning.main },
    { key: 'p99', colour: theme.palette.error.main },
  ];

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={7}>
        <ChartFigure
          title="Response time percentiles"
          caption={`p50, p95 and p99 per ${analytics.granularity} (UTC), over every call shown; lines join the ${analytics.granularity}s that had calls.`}
        >
          {!hasTimes ? (
            <NothingToChart>No timed calls in this period.</NothingToChart>
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <LineChart
                data={rows}
                margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" minTickGap={24} />
                <YAxis unit=" ms" width={80} />
                <Tooltip wrapperStyle={{ zIndex: 2 }} />
                <Legend
                  verticalAlign="top"
                  wrapperStyle={{ paddingBottom: 8 }}
                />
                {lines.map(line => (
                  <Line
                    key={line.key}
                    type="monotone"
                    dataKey={line.key}
                    name={line.key}
                    unit=" ms"
                    stroke={line.colour}
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          )}
        </ChartFigure>
      </Grid>
      <Grid item xs={12} lg={5}>
        <ChartFigure
          title="Response-time histogram"
          caption="Calls of the period by response time."
        >
          {!hasCalls ? (
            <NothingToChart>No timed calls in this period.</NothingToChart>
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <BarChart
                data={bars}
                margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" minTickGap={8} />
                <YAxis width={64} allowDecimals={false} />
                <Tooltip wrapperStyle={{ zIndex: 2 }} />
                <Bar
                  dataKey="calls"
                  name="Calls"
                  fill={theme.palette.primary.main}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartFigure>
      </Grid>
    </Grid>
  );
}
