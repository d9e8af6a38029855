import {
  RateLimitForecastStatus,
  RateLimitStatus,
  RateLimitWindowStatus,
  RateLimitsResponse,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
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
import { formatCount, fromNow, utcClock } from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';

const PAGE_SIZE = 10;

const STATUS_RANK: Record<RateLimitForecastStatus, number> = {
  critical: 0,
  warning: 1,
  ok: 2,
};

const SOURCE_LABELS: Record<RateLimitWindowStatus['source'], string> = {
  header: 'header',
  body: 'response body',
  catalog: 'provider catalog',
  observed: 'counted calls',
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
  hits: { marginTop: theme.spacing(3) },
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

/** "header x-ratelimit-remaining"; a catalog limit counted against calls says both. */
export function sourceLabel(window: RateLimitWindowStatus): string {
  const source = `${SOURCE_LABELS[window.source]} ${window.field}`;
  return window.remainingSource && window.remainingSource !== window.source
    ? `${source}, remaining from ${SOURCE_LABELS[window.remainingSource]}`
    : source;
}

/**
 * "12 calls a minute", "2.5 calls a minute"; under one a minute, per hour
 * ("16 calls an hour"), which reads better than a fraction.
 */
export function callsAMinute(rate: number): string {
  const per = (figure: string, unit: string) =>
    `${figure} ${figure === '1' ? 'call' : 'calls'} ${unit}`;
  if (rate >= 10) {
    return per(formatCount(rate), 'a minute');
  }
  if (rate >= 1) {
    return per(String(Math.round(rate * 10) / 10), 'a minute');
  }
  const hourly = rate * 60;
  return per(
    hourly >= 1
      ? formatCount(Math.floor(hourly))
      : String(Number(hourly.toPrecision(1))),
    'an hour',
  );
}

/** "in 19 minutes"; a reset already past says so, the reading being older. */
function resetText(resetTime: string | undefined, now: Date): string {
  if (!resetTime) {
    return '—';
  }
  return Date.parse(resetTime) > now.getTime()
    ? fromNow(resetTime, now)
    : `reset ${fromNow(resetTime, now)}`;
}

/** When the limit runs out, said against its reset, in the reader's words. */
function forecastText(window: RateLimitWindowStatus, now: Date): string {
  const { forecast } = window;
  if (!forecast.exhaustedAt || forecast.status === 'ok') {
    return forecast.message;
  }
  if (window.remaining === 0) {
    return window.resetTime
      ? `Spent until ${utcClock(window.resetTime, now)}`
      : 'Spent';
  }
  const runsOut = `Runs out ${fromNow(forecast.exhaustedAt, now)} (${utcClock(
    forecast.exhaustedAt,
    now,
  )}) at ${callsAMinute(forecast.callsPerMinute)}`;
  return window.resetTime ? `${runsOut}, before it resets` : runsOut;
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

function LimitHits(props: { status: RateLimitsResponse; now: Date }) {
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const hits = useMemo(
    () =>
      Object.values(props.status)
        .flatMap(s =>
          s.rateLimitHistory
            .filter(h => h.hitLimit)
            .map(h => ({ ...h, integration: s.integration })),
        )
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp)),
    [props.status],
  );
  if (hits.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.hits}
      >
        No limit hits recorded: no answer refused a call for its rate limit.
      </Typography>
    );
  }
  const shown = showAll ? hits.slice(0, 200) : hits.slice(0, 5);
  return (
    <Box className={classes.hits}>
      <Typography variant="subtitle2" component="h4">
        Recent limit hits ({formatCount(hits.length)})
      </Typography>
      <Table size="small" aria-label="Recent limit hits">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Integration</TableCell>
            <TableCell>Endpoint</TableCell>
            <TableCell>Answer</TableCell>
            <TableCell align="right">Delay applied</TableCell>
            <TableCell>Read from</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((hit, index) => (
            <TableRow key={`${hit.integration}-${hit.timestamp}-${index}`}>
              <TableCell title={absoluteTime(hit.timestamp)}>
                {fromNow(hit.timestamp, props.now)}
              </TableCell>
              <TableCell>{hit.integration}</TableCell>
              <TableCell>{hit.endpoint}</TableCell>
              <TableCell>
                {[hit.status, hit.reason].filter(Boolean).join(' ') || '—'}
              </TableCell>
              <TableCell align="right">
                {hit.delayTime !== undefined
                  ? `${formatCount(hit.delayTime / 1000)} s`
                  : '—'}
              </TableCell>
              <TableCell>{SOURCE_LABELS[hit.source]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {hits.length > 5 && (
        <Button size="small" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? 'Show the latest 5'
            : `Show all ${formatCount(Math.min(hits.length, 200))}${
                hits.length > 200 ? ' latest' : ''
              }`}
        </Button>
      )}
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
