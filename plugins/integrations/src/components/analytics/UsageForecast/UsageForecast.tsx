import {
  IntegrationUsageAnalytics,
  UsageProjection,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import { Theme, makeStyles, useTheme } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatMoney, timeLabel } from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';
import { Recommendations } from './Recommendations';

const PAGE_SIZE = 10;
/** Integrations drawn when none is picked. */
const DRAWN = 4;

const useStyles = makeStyles(theme => ({
  row: { cursor: 'pointer' },
  chart: { marginBottom: theme.spacing(2) },
}));

function lineColors(theme: Theme): string[] {
  return [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
  ];
}

/** The daily forecast of the projections given, one line each. */
function ForecastChart(props: { projections: UsageProjection[] }) {
  const { projections } = props;
  const theme = useTheme<Theme>();
  const colors = lineColors(theme);
  const rows = useMemo(() => {
    const byDate = new Map<string, Record<string, number | string>>();
    projections.forEach((p, index) => {
      for (const day of p.daily) {
        const row = byDate.get(day.date) ?? {
          label: timeLabel(day.date, 'day', 24 * 30),
        };
        row[`s${index}`] = Math.round(day.calls);
        byDate.set(day.date, row);
      }
    });
    return [...byDate.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, row]) => row);
  }, [projections]);
  if (rows.length === 0) {
    return <NothingToChart>No daily forecast to draw.</NothingToChart>;
  }
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={rows} margin={{ top: 8, right: 24, left: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" minTickGap={16} />
        <YAxis tickFormatter={formatCount} width={56} />
        <Tooltip
          wrapperStyle={{ zIndex: 2 }}
          formatter={value => `${formatCount(Number(value))} calls`}
        />
        <Legend />
        {projections.map((p, index) => (
          <Line
            key={p.integration}
            dataKey={`s${index}`}
            name={p.integration}
            stroke={colors[index % colors.length]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** "+12 a day", "−3 a day", "flat". */
function trendText(perDay: number): string {
  const rounded = Math.round(perDay);
  if (rounded === 0) {
    return 'flat';
  }
  return `${rounded > 0 ? '+' : '−'}${formatCount(Math.abs(rounded))} a day`;
}

/**
 * Calls and cost expected over the next 7 and 30 days per integration, the
 * busiest first, with the daily forecast of the one picked (or the busiest
 * few) drawn; and the recommendations beside them.
 */
export function UsageForecast(props: { analytics: IntegrationUsageAnalytics }) {
  const { usageForecasting, costSummary } = props.analytics;
  const classes = useStyles();
  const [picked, setPicked] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const projections = useMemo(
    () =>
      // A projection without a day of history is all zeros; it is counted, not listed.
      usageForecasting.projections
        .filter(p => p.basedOnDays > 0)
        .sort(
          (a, b) =>
            b.next30Days.calls - a.next30Days.calls ||
            a.integration.localeCompare(b.integration),
        ),
    [usageForecasting],
  );
  const waiting = usageForecasting.projections.length - projections.length;
  const hasCost = projections.some(p => p.next30Days.cost > 0);
  const drawn = picked
    ? projections.filter(p => p.integration === picked)
    : projections.slice(0, DRAWN).filter(p => p.next30Days.calls > 0);
  const money = (value: number) => formatMoney(value, costSummary.currency);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={7}>
        <ChartFigure
          title="Forecast"
          caption={
            projections.length === 0
              ? undefined
              : `Calls expected from the last four weeks' trend and weekday pattern. ${
                  picked
                    ? `Drawn: ${picked}; pick it again to draw the busiest.`
                    : 'Drawn: the busiest; pick a row to draw one integration.'
                }${
                  waiting > 0
                    ? ` ${formatCount(
                        waiting,
                      )} more need a full day (UTC) of usage first.`
                    : ''
                }`
          }
        >
          {projections.length === 0 ? (
            <NothingToChart>
              No forecast yet: it needs a full day (UTC) of usage.
            </NothingToChart>
          ) : (
            <>
              <Box className={classes.chart}>
                <ForecastChart projections={drawn} />
              </Box>
              <Table size="small" aria-label="Forecast per integration">
                <TableHead>
                  <TableRow>
                    <TableCell>Integration</TableCell>
                    <TableCell align="right">Next 7 days</TableCell>
                    <TableCell align="right">Next 30 days</TableCell>
                    {hasCost && (
                      <TableCell align="right">Cost 7 days</TableCell>
                    )}
                    {hasCost && (
                      <TableCell align="right">Cost 30 days</TableCell>
                    )}
                    <TableCell align="right">Trend</TableCell>
                    <TableCell align="right">Based on</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {projections
                    .slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
                    .map(p => (
                      <TableRow
                        key={p.integration}
                        hover
                        selected={p.integration === picked}
                        className={classes.row}
                        onClick={() =>
                          setPicked(
                            p.integration === picked ? null : p.integration,
                          )
                        }
                      >
                        <TableCell>{p.integration}</TableCell>
                        <TableCell align="right">
                          {formatCount(p.next7Days.calls)}
                        </TableCell>
                        <TableCell align="right">
                          {formatCount(p.next30Days.calls)}
                        </TableCell>
                        {hasCost && (
                          <TableCell align="right">
                            {money(p.next7Days.cost)}
                          </TableCell>
                        )}
                        {hasCost && (
                          <TableCell align="right">
                            {money(p.next30Days.cost)}
                          </TableCell>
                        )}
                        <TableCell align="right">
                          {trendText(p.trendPerDay)}
                        </TableCell>
                        <TableCell align="right">
                          {p.basedOnDays === 1
                            ? '1 day'
                            : `${p.basedOnDays} days`}
                        </TableCell>
                      </TableRow>
                    ))}
                </TableBody>
              </Table>
              {projections.length > PAGE_SIZE && (
                <TablePagination
                  component="div"
                  count={projections.length}
                  page={page}
                  onPageChange={(_, next) => setPage(next)}
                  rowsPerPage={PAGE_SIZE}
                  rowsPerPageOptions={[PAGE_SIZE]}
                />
              )}
            </>
          )}
        </ChartFigure>
      </Grid>
      <Grid item xs={12} lg={5}>
        <Recommendations recommendations={usageForecasting.recommendations} />
      </Grid>
    </Grid>
  );
}
