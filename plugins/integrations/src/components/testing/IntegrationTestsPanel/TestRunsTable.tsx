import { Table, TableColumn } from '@backstage/core-components';
import {
  TestRunResult,
  TestRunsResponse,
  TestTrigger,
} from '@internal/plugin-integrations-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  TEST_SUITE_LABELS,
  failureLabel,
  formatDuration,
} from '../../../healthLabels';
import { absoluteTime, relativeTime, shortRef } from '../../../labels';
import { TestRunStatusLabel } from '../../shared/StatusLabel';

const TRIGGER_LABELS: Record<TestTrigger, string> = {
  manual: '',
  bulk: ' (test all)',
  scheduled: ' (scheduled)',
};

const columns: TableColumn<TestRunResult>[] = [
  {
    title: 'Time',
    field: 'startedAt',
    render: run => (
      <Tooltip title={absoluteTime(run.startedAt)}>
        <span>{relativeTime(run.startedAt)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'Suite',
    field: 'suite',
    render: run => TEST_SUITE_LABELS[run.suite] ?? run.suite,
  },
  {
    title: 'Status',
    field: 'status',
    render: run => <TestRunStatusLabel status={run.status} />,
  },
  {
    title: 'Failure',
    field: 'failure.class',
    render: run =>
      run.failure ? (
        <>
          {failureLabel(run.failure.class)}{' '}
          <Typography variant="caption" color="textSecondary">
            ({run.failure.class})
          </Typography>
        </>
      ) : (
        '—'
      ),
  },
  {
    title: 'Duration',
    field: 'durationMs',
    render: run => formatDuration(run.durationMs),
  },
  {
    title: 'By',
    field: 'triggeredBy',
    render: run =>
      `${shortRef(run.triggeredBy)}${TRIGGER_LABELS[run.trigger] ?? ''}`,
  },
];

export interface TestRunsTableProps {
  runs?: TestRunsResponse;
  loading: boolean;
  selectedId?: string;
  onSelect(run: TestRunResult): void;
}

/** The newest test runs, newest first; a click shows one in full. */
export function TestRunsTable(props: TestRunsTableProps) {
  const { runs, loading, selectedId, onSelect } = props;
  const items = runs?.items ?? [];
  return (
    <>
      {runs && runs.totalCount > items.length && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Showing the newest {items.length} of {runs.totalCount} test runs.
        </Typography>
      )}
      <Table<TestRunResult>
        title={`Test runs (${runs?.totalCount ?? 0})`}
        isLoading={loading}
        columns={columns}
        data={items}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
          rowStyle: run =>
            run.id === selectedId ? { fontWeight: 'bold' } : {},
        }}
        onRowClick={(_event, run) => run && onSelect(run)}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No tests have run in this environment yet.
          </Typography>
        }
      />
    </>
  );
}
