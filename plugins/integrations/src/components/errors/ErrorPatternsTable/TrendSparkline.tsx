import { useTheme } from '@material-ui/core/styles';

const WIDTH = 96;
const HEIGHT = 24;

/**
 * Events per hour over the last 24 hours as a small line, drawn as plain
 * SVG: a page of the table has up to a hundred of them.
 */
export function TrendSparkline(props: { trend: number[] }) {
  const { trend } = props;
  const theme = useTheme();
  const total = trend.reduce((sum, value) => sum + value, 0);
  const peak = Math.max(0, ...trend);
  const label =
    total === 0
      ? 'No events in the last 24 hours'
      : `${total.toLocaleString(
          'en-US',
        )} events in the last 24 hours, at most ${peak.toLocaleString(
          'en-US',
        )} in an hour`;
  const step = trend.length > 1 ? WIDTH / (trend.length - 1) : 0;
  const points = trend
    .map((value, index) => {
      const y =
        peak > 0 ? HEIGHT - 2 - (value / peak) * (HEIGHT - 4) : HEIGHT - 2;
      return `${(index * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {trend.length > 1 && (
        <polyline
          points={points}
          fill="none"
          stroke={
            total === 0 ? theme.palette.text.disabled : theme.palette.error.main
          }
          strokeWidth={1.5}
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
