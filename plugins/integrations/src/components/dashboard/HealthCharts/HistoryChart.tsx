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
import { ChartRow, SERIES_COLOURS } from './chartData';

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
  return (
    <figure aria-labelledby={titleId} style={{ margin: 0 }}>
      <Typography id={titleId} variant="subtitle2" component="figcaption">
        {title}
      </Typography>
      <ResponsiveContainer width="100%" height={240}>
        <Chart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" minTickGap={16} />
          <YAxis unit={unit} width={72} />
          <Tooltip />
          <Legend />
          {series.map(({ name, displayName }, index) =>
            kind === 'line' ? (
              <Line
                key={name}
                type="monotone"
                dataKey={name}
                name={displayName}
                unit={unit}
                stroke={SERIES_COLOURS[index % SERIES_COLOURS.length]}
                dot={false}
                connectNulls
              />
            ) : (
              <Bar
                key={name}
                dataKey={name}
                name={displayName}
                unit={unit}
                fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
              />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </figure>
  );
}
