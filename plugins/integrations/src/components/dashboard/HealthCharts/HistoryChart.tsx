import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
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
import { ChartRow, hasValues, seriesColours } from './chartData';

export interface HistoryChartProps {
  kind: 'line' | 'bar';
  title: string;
  unit: string;
  rows: ChartRow[];
  /** Integration names, in legend order, with their display names. */
  series: Array<{ name: string; displayName: string }>;
}

/** One value per integration over time: a line chart or a bar chart. */
export function HistoryChart(props: HistoryChartProps) {
  const { kind, title, unit, rows, series } = props;
  const titleId = useId();
  const Chart = kind === 'line' ? LineChart : BarChart;
  const colours = seriesColours(series.length);
  // The legend sits above the plot and grows with the series; the plot keeps its height.
  const legendRows = Math.ceil(series.length / 4);
  return (
    <figure aria-labelledby={titleId} style={{ margin: 0 }}>
      <Typography id={titleId} variant="subtitle2" component="figcaption">
        {title}
      </Typography>
      {!hasValues(rows) ? (
        <Typography variant="body2" color="textSecondary">
          No values in this range yet: they appear once health checks have run.
        </Typography>
      ) : (
        <ResponsiveContainer width="100%" height={220 + legendRows * 20}>
          <Chart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" minTickGap={16} />
            <YAxis unit={unit} width={72} />
            <Tooltip wrapperStyle={{ zIndex: 2 }} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: 8 }} />
            {series.map(({ name, displayName }, index) =>
              kind === 'line' ? (
                <Line
                  key={name}
                  type="monotone"
                  dataKey={name}
                  name={displayName}
                  unit={unit}
                  stroke={colours[index]}
                  dot={false}
                  connectNulls
                />
              ) : (
                <Bar
                  key={name}
                  dataKey={name}
                  name={displayName}
                  unit={unit}
                  fill={colours[index]}
                />
              ),
            )}
          </Chart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
