import { Progress } from '@backstage/core-components';
import { TestRunResult } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import {
  TEST_SUITE_LABELS,
  failureLabel,
  formatDuration,
} from '../../../healthLabels';
import { useTestHistory } from '../../../hooks/useTestHistory';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
  shortRef,
} from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { TestRunStatusLabel } from '../../shared/StatusLabel';
import { TestResultView } from '../TestResultView';
import {
  NO_FILTERS,
  TRIGGER_LABELS,
  TestHistoryFilterValues,
  TestHistoryFilters,
  isIntegrationFilterValid,
} from './TestHistoryFilters';

const PAGE_SIZES = [10, 20, 50];
const COLUMNS = 8;

function HistoryRow(props: { run: TestRunResult }) {
  const { run } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <TableRow>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${open ? 'Hide' : 'Show'} the steps of ${
              run.integration
            } at ${absoluteTime(run.startedAt)}`}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        </TableCell>
        <TableCell>
          <Tooltip title={absoluteTime(run.startedAt)}>
            <span>{relativeTime(run.startedAt)}</span>
          </Tooltip>
        </TableCell>
        <TableCell>{run.integration}</TableCell>
        <TableCell>{ENVIRONMENT_LABELS[run.environment]}</TableCell>
        <TableCell>{TEST_SUITE_LABELS[run.suite] ?? run.suite}</TableCell>
        <TableCell>
          <TestRunStatusLabel status={run.status} />
          {run.failure && (
            <Typography variant="caption" color="textSecondary" component="div">
              {failureLabel(run.failure.class)}
            </Typography>
          )}
        </TableCell>
        <TableCell>{formatDuration(run.durationMs)}</TableCell>
        <TableCell>
          {shortRef(run.triggeredBy)} ({TRIGGER_LABELS[run.trigger]})
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={COLUMNS}
          style={{ paddingTop: 0, paddingBottom: 0 }}
        >
          <Collapse in={open} unmountOnExit>
            <Box py={2}>
              <TestResultView result={run} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}

/** The test runs of every integration the user may read, newest first. */
export function TestHistoryPanel() {
  const [filters, setFilters] = useState<TestHistoryFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const history = useTestHistory({
    environment: filters.environment || undefined,
    integration: isIntegrationFilterValid(filters.integration)
      ? filters.integration || undefined
      : undefined,
    suite: filters.suite || undefined,
    status: filters.status || undefined,
    trigger: filters.trigger || undefined,
    offset: page * pageSize,
    limit: pageSize,
  });
  const runs = history.value?.items ?? [];

  return (
    <Card>
      <CardContent>
        <TestHistoryFilters
          value={filters}
          onChange={next => {
            setFilters(next);
            setPage(0);
          }}
        />
        {history.loading && <Progress />}
        {history.error && (
          <InlineAlert
            severity="error"
            title="Could not load the test history"
            action={<Button onClick={history.retry}>Retry</Button>}
          >
            {errorMessage(history.error)}
          </InlineAlert>
        )}
        {history.value && runs.length === 0 && (
          <Typography color="textSecondary">
            No test runs match these filters.
          </Typography>
        )}
        {runs.length > 0 && (
          <Table size="small" aria-label="Test history">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" />
                <TableCell>Started</TableCell>
                <TableCell>Integration</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell>Suite</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Duration</TableCell>
                <TableCell>By</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {runs.map(run => (
                <HistoryRow key={run.id} run={run} />
              ))}
            </TableBody>
          </Table>
        )}
        {history.value && history.value.totalCount > 0 && (
          <TablePagination
            component="div"
            count={history.value.totalCount}
            page={page}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_event, next) => setPage(next)}
            onRowsPerPageChange={event => {
              setPageSize(Number(event.target.value));
              setPage(0);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
