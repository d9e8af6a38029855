import {
  ErrorSummary,
  HealthRange,
} from '@internal/plugin-integrations-common';
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
import { HEALTH_RANGE_LABELS } from '../../../healthLabels';
import { absoluteTime } from '../../../labels';
import { ChartFigure, NothingToChart } from '../../analytics/ChartFigure';
import { bucketLabel } from '../../dashboard/HealthCharts/chartData';

const DAY_MS = 86_400_000;

/** Errors per hour, or per day when the backend adds up long periods by day. */
export function ErrorTrendChart(props: {
  trend: ErrorSummary['errorTrends'];
  range: HealthRange;
}) {
  const { trend, range } = props;
  const theme = useTheme();
  const rows = useMemo(
    () =>
      trend.map(point => ({
        time: point.time,
        label: bucketLabel(point.time, range),
        errors: point.errors,
      })),
    [trend, range],
  );
  const step =
    trend.length > 1
      ? Date.parse(trend[1].time) - Date.parse(trend[0].time)
      : 0;
  const bucket = step >= DAY_MS ? 'day' : 'hour';
  const total = trend.reduce((sum, point) => sum + point.errors, 0);

  return (
    <ChartFigure
      title="Errors over time"
      caption={`Errors per ${bucket} over the last ${HEALTH_RANGE_LABELS[range]}, in your time zone.`}
    >
      {total === 0 ? (
        <NothingToChart>No errors in this period.</NothingToChart>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart
            data={rows}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={24} />
            <YAxis width={48} allowDecimals={false} />
            <Tooltip
              wrapperStyle={{ zIndex: 2 }}
              labelFormatter={(_label, payload) =>
                payload?.[0]?.payload?.time
                  ? absoluteTime(payload[0].payload.time)
                  : ''
              }
            />
            <Bar
              dataKey="errors"
              name="Errors"
              fill={theme.palette.error.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFigure>
  );
}
