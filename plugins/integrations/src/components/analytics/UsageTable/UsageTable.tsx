import { IntegrationUsageMetrics } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useMemo, useState } from 'react';
import { absoluteTime } from '../../../labels';
import {
  formatBytes,
  formatCount,
  formatMs,
  formatRate,
} from '../analyticsData';
import { ChartFigure } from '../ChartFigure';

interface Column {
  id: string;
  label: string;
  numeric: boolean;
  /** The value sorted by; null sorts last either way. */
  sortValue(m: IntegrationUsageMetrics): number | string | null;
  render(m: IntegrationUsageMetrics): string;
}

/** Milliseconds without the unit, which the column header names. */
function msFigure(ms: number | null): string {
  return ms === null ? '—' : formatCount(ms);
}

const COLUMNS: Column[] = [
  {
    id: 'integration',
    label: 'Integration',
    numeric: false,
    sortValue: m => m.integration,
    render: m => m.integration,
  },
  {
    id: 'total',
    label: 'Calls',
    numeric: true,
    sortValue: m => m.apiCallMetrics.totalCalls,
    render: m => formatCount(m.apiCallMetrics.totalCalls),
  },
  {
    id: 'successful',
    label: 'Successful',
    numeric: true,
    sortValue: m => m.apiCallMetrics.successfulCalls,
    render: m => formatCount(m.apiCallMetrics.successfulCalls),
  },
  {
    id: 'failed',
    label: 'Failed',
    numeric: true,
    sortValue: m => m.apiCallMetrics.failedCalls,
    render: m => formatCount(m.apiCallMetrics.failedCalls),
  },
  {
    id: 'daily',
    label: 'Per day',
    numeric: true,
    sortValue: m => m.apiCallMetrics.averageDailyUsage,
    render: m => formatCount(m.apiCallMetrics.averageDailyUsage),
  },
  {
    id: 'peak',
    label: 'Peak',
    numeric: true,
    sortValue: m => m.apiCallMetrics.peakUsage?.calls ?? null,
    render: m =>
      m.apiCallMetrics.peakUsage
        ? formatCount(m.apiCallMetrics.peakUsage.calls)
        : '—',
  },
  {
    id: 'p50',
    label: 'p50 (ms)',
    numeric: true,
    sortValue: m => m.responseTimeMetrics.p50ResponseTime,
    render: m => msFigure(m.responseTimeMetrics.p50ResponseTime),
  },
  {
    id: 'p95',
    label: 'p95 (ms)',
    numeric: true,
    sortValue: m => m.responseTimeMetrics.p95ResponseTime,
    render: m => msFigure(m.responseTimeMetrics.p95ResponseTime),
  },
  {
    id: 'p99',
    label: 'p99 (ms)',
    numeric: true,
    sortValue: m => m.responseTimeMetrics.p99ResponseTime,
    render: m => msFigure(m.responseTimeMetrics.p99ResponseTime),
  },
  {
    id: 'slowest',
    label: 'Slowest endpoint',
    numeric: false,
    sortValue: m => m.responseTimeMetrics.slowestEndpoint?.averageTime ?? null,
    render: m => m.responseTimeMetrics.slowestEndpoint?.endpoint ?? '—',
  },
  {
    id: 'errorRate',
    label: 'Error rate',
    numeric: true,
    sortValue: m =>
      m.apiCallMetrics.totalCalls ? m.errorMetrics.errorRate : null,
    render: m =>
      formatRate(m.apiCallMetrics.totalCalls ? m.errorMetrics.errorRate : null),
  },
  {
    id: 'commonError',
    label: 'Most common error',
    numeric: false,
    sortValue: m => m.errorMetrics.mostCommonError?.count ?? null,
    render: m => {
      const error = m.errorMetrics.mostCommonError;
      return error ? `${error.type} (${formatCount(error.count)})` : '—';
    },
  },
  {
    id: 'bytes',
    label: 'Data transferred',
    numeric: true,
    sortValue: m => m.dataTransferMetrics.totalDataTransferred,
    render: m => formatBytes(m.dataTransferMetrics.totalDataTransferred),
  },
];

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  // Thirteen columns fit a laptop screen with tighter cells; the table scrolls on narrower ones.
  table: {
    '& td, & th': { whiteSpace: 'nowrap', padding: theme.spacing(0.75, 0.75) },
    // Long headers wrap between words, never inside one.
    '& thead th': {
      whiteSpace: 'normal',
      wordBreak: 'normal',
      overflowWrap: 'normal',
      verticalAlign: 'bottom',
    },
  },
  clipped: {
    maxWidth: 130,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
}));

function compare(a: number | string, b: number | string) {
  return typeof a === 'string' ? a.localeCompare(String(b)) : a - Number(b);
}

/**
 * The spec's usage figures per integration, sortable by any column, searchable
 * by name and paginated, so it stays usable with hundreds of integrations.
 */
export function UsageTable(props: { metrics: IntegrationUsageMetrics[] }) {
  const { metrics } = props;
  const classes = useStyles();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [orderBy, setOrderBy] = useState('total');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(25);

  const rows = useMemo(() => {
    const column = COLUMNS.find(c => c.id === orderBy) ?? COLUMNS[1];
    const needle = search.trim().toLowerCase();
    const direction = order === 'asc' ? 1 : -1;
    return metrics
      .filter(m => !needle || m.integration.includes(needle))
      .sort((a, b) => {
        const va = column.sortValue(a);
        const vb = column.sortValue(b);
        // Integrations without a value come last in either order.
        if (va === null || vb === null) {
          return (va === null ? 1 : 0) - (vb === null ? 1 : 0);
        }
        return (
          direction * compare(va, vb) ||
          a.integration.localeCompare(b.integration)
        );
      });
  }, [metrics, search, orderBy, order]);
  const shown = rows.slice(page * rowsPerPage, (page + 1) * rowsPerPage);

  const sortBy = (id: string) => {
    if (orderBy === id) {
      setOrder(order === 'asc' ? 'desc' : 'asc');
    } else {
      setOrderBy(id);
      setOrder(id === 'integration' ? 'asc' : 'desc');
    }
    setPage(0);
  };

  return (
    <ChartFigure title="Usage per integration">
      <Box className={classes.toolbar}>
        <TextField
          id={searchId}
          label="Search integrations"
          size="small"
          value={search}
          onChange={event => {
            setSearch(event.target.value);
            setPage(0);
          }}
        />
        <TablePagination
          component="div"
          count={rows.length}
          page={Math.min(
            page,
            Math.max(0, Math.ceil(rows.length / rowsPerPage) - 1),
          )}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[10, 25, 100]}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={event => {
            setRowsPerPage(Number(event.target.value));
            setPage(0);
          }}
        />
      </Box>
      <TableContainer>
        <Table
          size="small"
          aria-label="Usage per integration"
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell
                  key={column.id}
                  align={column.numeric ? 'right' : 'left'}
                  sortDirection={orderBy === column.id ? order : false}
                >
                  <TableSortLabel
                    active={orderBy === column.id}
                    direction={orderBy === column.id ? order : 'desc'}
                    onClick={() => sortBy(column.id)}
                  >
                    {column.label}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  No integration matches “{search}”.
                </TableCell>
              </TableRow>
            )}
            {shown.map(m => (
              <TableRow key={m.integration} hover>
                {COLUMNS.map(column =>
                  column.id === 'integration' ? (
                    <TableCell key={column.id} component="th" scope="row">
                      {column.render(m)}
                    </TableCell>
                  ) : (
                    <TableCell
                      key={column.id}
                      align={column.numeric ? 'right' : 'left'}
                      className={
                        column.id === 'slowest' || column.id === 'commonError'
                          ? classes.clipped
                          : undefined
                      }
                      title={titleOf(column.id, m)}
                    >
                      {column.render(m)}
                    </TableCell>
                  ),
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </ChartFigure>
  );
}

/** When the figure happened, for the cells that have a moment. */
function titleOf(
  columnId: string,
  m: IntegrationUsageMetrics,
): string | undefined {
  if (columnId === 'peak' && m.apiCallMetrics.peakUsage) {
    return `Busiest at ${absoluteTime(m.apiCallMetrics.peakUsage.date)}`;
  }
  const error = m.errorMetrics.mostCommonError;
  if (columnId === 'commonError' && error) {
    return `${error.type} (${error.count}), last at ${absoluteTime(
      error.lastOccurrence,
    )}`;
  }
  const slowest = m.responseTimeMetrics.slowestEndpoint;
  if (columnId === 'slowest' && slowest) {
    return `${slowest.endpoint}: ${formatMs(slowest.averageTime)} on average`;
  }
  return undefined;
}
