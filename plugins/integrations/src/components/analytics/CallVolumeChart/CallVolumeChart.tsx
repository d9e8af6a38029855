import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import { useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { seriesColours } from '../../dashboard/HealthCharts/chartData';
import {
  TOP_N,
  bucketName,
  everyBucket,
  mergeCountBuckets,
  seriesRows,
  spanHoursOf,
  topSeries,
} from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

/**
 * Calls per bucket, stacked by integration: the busiest integrations each
 * with their own colour, the rest as one "Others" band.
 */
export function CallVolumeChart(props: {
  analytics: IntegrationUsageAnalytics;
}) {
  const { analytics } = props;
  const { series, rows, factor } = useMemo(() => {
    const sizes = new Map(
      Object.values(analytics.usageMetrics).map(m => [
        m.integration,
        m.apiCallMetrics.totalCalls,
      ]),
    );
    const top = topSeries(sizes);
    const merged = mergeCountBuckets(
      everyBucket(
        analytics.performanceAnalytics.throughputAnalytics.series.map(p => ({
          time: p.time,
          values: p.calls,
        })),
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
    };
  }, [analytics]);
  const colours = seriesColours(series.length);
  const grouped = series.find(s => s.key === 'others');

  return (
    <ChartFigure
      title="Call volume"
      caption={`Calls per ${bucketName(
        analytics.granularity,
        factor,
      )} (UTC), stacked by integration${
        grouped
          ? `; the ${TOP_N} busiest are drawn, the ${grouped.members.length} others are added up`
          : ''
      }.`}
    >
      {series.length === 0 ? (
        <NothingToChart>No calls in this period.</NothingToChart>
      ) : (
        <ResponsiveContainer width="100%" height={300}>
          <AreaChart
            data={rows}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" minTickGap={24} />
            <YAxis width={64} allowDecimals={false} />
            <Tooltip wrapperStyle={{ zIndex: 2 }} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: 8 }} />
            {series.map((s, index) => (
              <Area
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stackId="calls"
                stroke={colours[index]}
                fill={colours[index]}
                fillOpacity={0.6}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      )}
    </ChartFigure>
  );
}
