import { UsageHeatCell } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useId, useState } from 'react';
import { formatCount, formatMs } from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

/** Rows from Monday; `dayOfWeek` counts from Sunday = 0. */
const DAYS = [
  { day: 1, label: 'Mon' },
  { day: 2, label: 'Tue' },
  { day: 3, label: 'Wed' },
  { day: 4, label: 'Thu' },
  { day: 5, label: 'Fri' },
  { day: 6, label: 'Sat' },
  { day: 0, label: 'Sun' },
];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

type Measure = 'calls' | 'p95';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 2,
    width: '100%',
    minWidth: 720,
    tableLayout: 'fixed',
  },
  day: {
    ...theme.typography.body2,
    width: 44,
    textAlign: 'left',
    fontWeight: 'normal',
  },
  hour: {
    ...theme.typography.caption,
    fontWeight: 'normal',
    textAlign: 'center',
  },
  cell: {
    ...theme.typography.caption,
    height: 28,
    borderRadius: 2,
    padding: 0,
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/** 1234 → "1.2k", so a cell's figure fits in its width. */
function compact(value: number): string {
  if (value >= 1_000_000) {
    return `${(value / 1_000_000).toFixed(1)}M`;
  }
  if (value >= 10_000) {
    return `${Math.round(value / 1000)}k`;
  }
  if (value >= 1000) {
    return `${(value / 1000).toFixed(1)}k`;
  }
  return String(Math.round(value));
}

/**
 * When in the week integrations are used and slow: calls or p95 per weekday
 * and hour of day, in UTC, darker for more.
 */
export function PerformanceHeatmap(props: { cells: UsageHeatCell[] }) {
  const { cells } = props;
  const classes = useStyles();
  const theme = useTheme();
  const captionId = useId();
  const [measure, setMeasure] = useState<Measure>('calls');
  const byKey = new Map(cells.map(c => [`${c.dayOfWeek}:${c.hour}`, c]));
  const valueOf = (cell?: UsageHeatCell): number | null => {
    if (!cell) {
      return null;
    }
    return measure === 'calls' ? cell.calls : cell.p95;
  };
  const max = Math.max(0, ...cells.map(c => valueOf(c) ?? 0));
  const colour =
    measure === 'calls' ? theme.palette.primary.main : theme.palette.error.main;

  return (
    <ChartFigure
      title="Performance by weekday and hour"
      caption="Every call of the period, by weekday and hour of day in UTC. Hover a cell for both figures."
    >
      {cells.length === 0 ? (
        <NothingToChart>No calls in this period.</NothingToChart>
      ) : (
        <>
          <Box className={classes.toolbar}>
            <Typography variant="body2" id={captionId}>
              Show
            </Typography>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={measure}
              onChange={(_e, next: Measure | null) => next && setMeasure(next)}
              aria-labelledby={captionId}
            >
              <ToggleButton value="calls">Calls</ToggleButton>
              <ToggleButton value="p95">p95</ToggleButton>
            </ToggleButtonGroup>
          </Box>
          <Box className={classes.scroll}>
            <table
              className={classes.table}
              aria-label={`${
                measure === 'calls' ? 'Calls' : 'p95 response time'
              } by weekday and hour (UTC)`}
            >
              <thead>
                <tr>
                  <td className={classes.day} />
                  {HOURS.map(hour => (
                    <th key={hour} scope="col" className={classes.hour}>
                      {String(hour).padStart(2, '0')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {DAYS.map(({ day, label }) => (
                  <tr key={day}>
                    <th scope="row" className={classes.day}>
                      {label}
                    </th>
                    {HOURS.map(hour => {
                      const cell = byKey.get(`${day}:${hour}`);
                      const value = valueOf(cell);
                      const share = value && max ? value / max : 0;
                      const time = `${label} ${String(hour).padStart(
                        2,
                        '0',
                      )}:00 UTC`;
                      const title = cell
                        ? `${time}: ${formatCount(
                            cell.calls,
                          )} calls, p95 ${formatMs(cell.p95)}`
                        : `${time}: no calls`;
                      return (
                        <td
                          key={hour}
                          className={classes.cell}
                          title={title}
                          aria-label={title}
                          style={{
                            backgroundColor: value
                              ? colourAt(colour, share)
                              : theme.palette.action.hover,
                            color:
                              share > 0.55
                                ? theme.palette.common.white
                                : theme.palette.text.primary,
                          }}
                        >
                          {value ? compact(value) : ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Box>
        </>
      )}
    </ChartFigure>
  );
}

/** The colour at 15–100 % opacity, by the cell's share of the busiest one. */
function colourAt(colour: string, share: number): string {
  const alpha = Math.round((0.15 + 0.85 * share) * 255)
    .toString(16)
    .padStart(2, '0');
  return /^#[0-9a-f]{6}$/i.test(colour) ? `${colour}${alpha}` : colour;
}
