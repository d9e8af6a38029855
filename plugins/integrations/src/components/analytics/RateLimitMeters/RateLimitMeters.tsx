import {
  RateLimitForecastStatus,
  RateLimitStatus,
  RateLimitWindowStatus,
  RateLimitsResponse,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useMemo, useState } from 'react';
import { absoluteTime } from '../../../labels';
import { LimitHits } from './LimitHits';
import {
  callsAMinute,
  forecastText,
  resetText,
  sourceLabel,
} from './rateLimitText';
import { formatCount } from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

const PAGE_SIZE = 10;

const STATUS_RANK: Record<RateLimitForecastStatus, number> = {
  critical: 0,
  warning: 1,
  ok: 2,
};

const useStyles = makeStyles(theme => ({
  meter: { height: 8, borderRadius: 4, minWidth: 120 },
  ok: { backgroundColor: theme.palette.success.main },
  warning: { backgroundColor: theme.palette.warning.main },
  critical: { backgroundColor: theme.palette.error.main },
  okText: { color: theme.palette.text.secondary },
  warningText: { color: theme.palette.warning.dark },
  criticalText: { color: theme.palette.error.main, fontWeight: 500 },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
  cell: { verticalAlign: 'top' },
}));

/** One limit window of one integration, as a row of meters. */
interface LimitRow {
  integration: string;
  key: string;
  window: RateLimitWindowStatus;
  /** Share of the limit used, 0–100; null when limit or remaining is unknown. */
  usedPercent: number | null;
  optimization: RateLimitStatus['rateLimitOptimization'];
}

function limitRows(status: RateLimitsResponse): LimitRow[] {
  return Object.values(status)
    .flatMap(s =>
      Object.entries(s.rateLimits).map(([key, window]) => ({
        integration: s.integration,
        key,
        window,
        usedPercent:
          window.limit && window.remaining !== undefined
            ? Math.min(
                100,
                Math.max(
                  0,
                  ((window.limit - window.remaining) / window.limit) * 100,
                ),
              )
            : null,
        optimization: s.rateLimitOptimization,
      })),
    )
    .sort(
      (a, b) =>
        STATUS_RANK[a.window.forecast.status] -
          STATUS_RANK[b.window.forecast.status] ||
        (b.usedPercent ?? -1) - (a.usedPercent ?? -1) ||
        a.integration.localeCompare(b.integration) ||
        a.key.localeCompare(b.key),
    );
}

function Meter(props: { row: LimitRow }) {
  const { row } = props;
  const classes = useStyles();
  const { window } = row;
  const status = window.forecast.status;
  const used =
    window.limit !== undefined && window.remaining !== undefined
      ? window.limit - window.remaining
      : undefined;
  return (
    <Box>
      {row.usedPercent !== null ? (
        <LinearProgress
          variant="determinate"
          value={row.usedPercent}
          className={classes.meter}
          classes={{ barColorPrimary: classes[status] }}
          aria-label={`${row.integration} ${row.key} used`}
        />
      ) : null}
      <Typography variant="body2">
        {used !== undefined
          ? `${formatCount(used)} of ${formatCount(window.limit!)} used`
          : `${
              window.remaining !== undefined
                ? `${formatCount(window.remaining)} left`
                : 'Remaining unknown'
            }${
              window.limit !== undefined
                ? ` of ${formatCount(window.limit)}`
                : ''
            }`}
        {used !== undefined && ` · ${formatCount(window.remaining!)} left`}
      </Typography>
    </Box>
  );
}

/**
 * Every limit window each integration reported or the catalog knows, the
 * ones closest to running out first, with where each figure was read, when
 * it runs out at the recent rate, the recent limit hits and the rate that
 * keeps the configured buffer free.
 */
export function RateLimitMeters(props: {
  status: RateLimitsResponse | undefined;
  /** The moment "resets in" is counted from; the current time when not given. */
  now?: Date;
}) {
  const { status = {} } = props;
  const classes = useStyles();
  // Read at each render, so "resets in" stays true after a refresh or a page turn.
  const now = props.now ?? new Date();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const rows = useMemo(() => limitRows(status), [status]);
  const shown = useMemo(() => {
    const term = search.trim().toLowerCase();
    return term
      ? rows.filter(
          r =>
            r.integration.toLowerCase().includes(term) ||
            r.key.toLowerCase().includes(term),
        )
      : rows;
  }, [rows, search]);
  const atRisk = rows.filter(r => r.window.forecast.status !== 'ok').length;

  if (rows.length === 0) {
    return (
      <ChartFigure title="Rate limits">
        <NothingToChart>
          No rate-limit readings yet, they appear after the first calls or
          health checks.
        </NothingToChart>
      </ChartFigure>
    );
  }
  const integrations = new Set(rows.map(r => r.integration)).size;
  const unread = Object.keys(status).length - integrations;
  return (
    <ChartFigure
      title="Rate limits"
      caption={`${formatCount(rows.length)} limits of ${formatCount(
        integrations,
      )} integrations, closest to running out first${
        atRisk
          ? `; ${formatCount(
              atRisk,
            )} run out before they reset at the current rate`
          : '; none runs out before it resets at the current rate'
      }.${
        unread > 0 ? ` ${formatCount(unread)} more have no readings yet.` : ''
      }`}
    >
      {rows.length > PAGE_SIZE && (
        <Box className={classes.toolbar}>
          <TextField
            id={searchId}
            label="Search limits"
            size="small"
            value={search}
            onChange={event => {
              setSearch(event.target.value);
              setPage(0);
            }}
          />
        </Box>
      )}
      <Table size="small" aria-label="Rate limits">
        <TableHead>
          <TableRow>
            <TableCell>Integration</TableCell>
            <TableCell>Limit</TableCell>
            <TableCell style={{ width: '22%' }}>Used</TableCell>
            <TableCell>Resets</TableCell>
            <TableCell>Forecast</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map(row => {
            const { window, optimization } = row;
            return (
              <TableRow key={`${row.integration}/${row.key}`}>
                <TableCell className={classes.cell}>
                  <Typography variant="body2">{row.integration}</Typography>
                  {optimization.recommendedRequestRate !== undefined && (
                    <Typography variant="caption" color="textSecondary">
                      Recommended: at most{' '}
                      {callsAMinute(optimization.recommendedRequestRate)},
                      keeping {optimization.bufferRecommendation} % free
                    </Typography>
                  )}
                </TableCell>
                <TableCell className={classes.cell}>
                  <Typography variant="body2">
                    {row.key}
                    {window.window ? ` · per ${window.window}` : ''}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {sourceLabel(window)}
                  </Typography>
                </TableCell>
                <TableCell className={classes.cell}>
                  <Meter row={row} />
                </TableCell>
                <TableCell
                  className={classes.cell}
                  title={
                    window.resetTime
                      ? absoluteTime(window.resetTime)
                      : undefined
                  }
                >
                  {resetText(window.resetTime, now)}
                </TableCell>
                <TableCell
                  className={`${classes.cell} ${
                    classes[`${window.forecast.status}Text` as const]
                  }`}
                >
                  {forecastText(window, now)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {shown.length > PAGE_SIZE && (
        <TablePagination
          component="div"
          count={shown.length}
          page={page}
          onPageChange={(_, next) => setPage(next)}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
        />
      )}
      <LimitHits status={status} now={now} />
    </ChartFigure>
  );
}
