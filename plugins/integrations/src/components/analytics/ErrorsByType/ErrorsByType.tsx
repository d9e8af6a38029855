import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { seriesColours } from '../../dashboard/HealthCharts/chartData';
import {
  bucketName,
  everyBucket,
  formatCount,
  mergeCountBuckets,
  seriesRows,
  spanHoursOf,
  sumCounts,
  topSeries,
} from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

function trendOf(current: number, previous: number): string {
  if (previous === 0) {
    return current === 0 ? '—' : 'new';
  }
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) {
    return 'same';
  }
  return `${change > 0 ? '+' : ''}${change} %`;
}

/** Failed calls by error type over time, and each type against the previous period. */
export function ErrorsByType(props: { analytics: IntegrationUsageAnalytics }) {
  const { analytics } = props;
  const { series, rows, types, factor } = useMemo(() => {
    const errorAnalytics = analytics.performanceAnalytics.errorAnalytics;
    const current = new Map(Object.entries(errorAnalytics.errorsByType));
    const previous = sumCounts(
      Object.values(analytics.previousPeriod.usageMetrics).map(
        m => m.errorMetrics.errorsByType,
      ),
    );
    const top = topSeries(current);
    const merged = mergeCountBuckets(
      everyBucket(
        errorAnalytics.series.map(p => ({ time: p.time, values: p.errors })),
        analytics.period,
        analytics.granularity,
        time => ({ time, values: {} }),
      ),
    );
    return {
      series: top,
      factor: merged.factor,
      rows: seriesRows(
        merged.points,
        top,
        analytics.granularity,
        spanHoursOf(analytics.period),
      ),
      types: [...new Set([...current.keys(), ...previous.keys()])]
        .map(type => ({
          type,
          current: current.get(type) ?? 0,
          previous: previous.get(type) ?? 0,
        }))
        .sort((a, b) => b.current - a.current || b.previous - a.previous),
    };
  }, [analytics]);
  const colours = seriesColours(series.length);

  return (
    <ChartFigure
      title="Errors by type"
      caption={`Failed calls per ${bucketName(
        analytics.granularity,
        factor,
      )} (UTC) by error type, and each type against the previous period.`}
    >
      {types.length === 0 ? (
        <NothingToChart>
          No failed calls in this period or the one before.
        </NothingToChart>
      ) : (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            {series.length === 0 ? (
              <NothingToChart>No failed calls in this period.</NothingToChart>
            ) : (
              <ResponsiveContainer width="100%" height={240}>
                <BarChart
                  data={rows}
                  margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" minTickGap={24} />
                  <YAxis width={56} allowDecimals={false} />
                  <Tooltip wrapperStyle={{ zIndex: 2 }} />
                  <Legend
                    verticalAlign="top"
                    wrapperStyle={{ paddingBottom: 8 }}
                  />
                  {series.map((s, index) => (
                    <Bar
                      key={s.key}
                      dataKey={s.key}
                      name={s.label}
                      stackId="errors"
                      maxBarSize={32}
                      fill={colours[index]}
                      isAnimationActive={false}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            )}
          </Grid>
          <Grid item xs={12}>
            <Table size="small" aria-label="Errors by type">
              <TableHead>
                <TableRow>
                  <TableCell>Type</TableCell>
                  <TableCell align="right">Errors</TableCell>
                  <TableCell align="right">Previous</TableCell>
                  <TableCell align="right">Trend</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {types.slice(0, 10).map(row => (
                  <TableRow key={row.type}>
                    <TableCell component="th" scope="row">
                      {row.type}
                    </TableCell>
                    <TableCell align="right">
                      {formatCount(row.current)}
                    </TableCell>
                    <TableCell align="right">
                      {formatCount(row.previous)}
                    </TableCell>
                    <TableCell align="right">
                      {trendOf(row.current, row.previous)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Grid>
        </Grid>
      )}
    </ChartFigure>
  );
}
