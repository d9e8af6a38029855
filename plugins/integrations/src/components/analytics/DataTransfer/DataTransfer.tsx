import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { absoluteTime } from '../../../labels';
import { formatBytes, topSeries } from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

/** Bytes sent and received per integration, the largest first, the rest added up. */
export function DataTransfer(props: { analytics: IntegrationUsageAnalytics }) {
  const { analytics } = props;
  const theme = useTheme();
  const { bars, largest } = useMemo(() => {
    const metrics = Object.values(analytics.usageMetrics);
    const sizes = new Map(
      metrics.map(m => [
        m.integration,
        m.dataTransferMetrics.totalDataTransferred,
      ]),
    );
    const biggest = metrics
      .map(m => ({
        integration: m.integration,
        transfer: m.dataTransferMetrics.largestTransfer,
      }))
      .filter(m => m.transfer)
      .sort((a, b) => b.transfer!.size - a.transfer!.size)[0];
    return {
      bars: topSeries(sizes).map(s => ({
        label: s.label,
        bytes: s.members.reduce((sum, name) => sum + (sizes.get(name) ?? 0), 0),
      })),
      largest: biggest,
    };
  }, [analytics]);

  return (
    <ChartFigure
      title="Data transfer"
      caption={
        largest?.transfer
          ? `Request and response bodies per integration. Largest single call: ${formatBytes(
              largest.transfer.size,
            )} to ${largest.integration} ${
              largest.transfer.endpoint
            }, ${absoluteTime(largest.transfer.timestamp)}.`
          : 'Request and response bodies per integration.'
      }
    >
      {bars.length === 0 ? (
        <NothingToChart>No data transferred in this period.</NothingToChart>
      ) : (
        <ResponsiveContainer
          width="100%"
          height={Math.max(120, bars.length * 32 + 40)}
        >
          <BarChart
            data={bars}
            layout="vertical"
            margin={{ top: 8, right: 24, left: 8, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" tickFormatter={formatBytes} />
            <YAxis type="category" dataKey="label" width={140} />
            <Tooltip
              wrapperStyle={{ zIndex: 2 }}
              formatter={value => formatBytes(Number(value))}
            />
            <Bar
              dataKey="bytes"
              name="Transferred"
              maxBarSize={24}
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFigure>
  );
}
