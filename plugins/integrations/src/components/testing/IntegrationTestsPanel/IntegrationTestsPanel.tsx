import { usePermission } from '@backstage/plugin-permission-react';
import {
  Environment,
  TestSuite,
  integrationTestRunPermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useState } from 'react';
import { TEST_SUITE_LABELS } from '../../../healthLabels';
import { testDeniedReason } from '../../../hooks/useHealthActionPermissions';
import { useTestRunner } from '../../../hooks/useTestRunner';
import { useTestRuns } from '../../../hooks/useTestRuns';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { InlineAlert } from '../../shared/InlineAlert';
import { TestResultView } from '../TestResultView';
import { TestRunsTable } from './TestRunsTable';

const DIAGNOSTIC_SUITES: TestSuite[] = ['quick', 'full', 'auth', 'performance'];

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  suite: { minWidth: 200 },
}));

export interface IntegrationTestsPanelProps {
  name: string;
  environment: Environment;
  /** Why no test may be run regardless of permissions, e.g. the integration is deleted. */
  unavailableReason?: string;
}

/**
 * Tests of one integration in one environment: run the quick test or a
 * diagnostics suite, see the result with the steps that fix a failure, and
 * browse earlier runs.
 */
export function IntegrationTestsPanel(props: IntegrationTestsPanelProps) {
  const { name, environment, unavailableReason } = props;
  const classes = useStyles();
  const suiteId = useId();
  const permission = usePermission({
    permission: integrationTestRunPermission,
    resourceRef: `${name}:${environment}`,
  });
  const runs = useTestRuns(name, environment);
  const tester = useTestRunner(name, environment);
  const [suite, setSuite] = useState<TestSuite>('full');
  const [selectedId, setSelectedId] = useState<string>();

  let deniedReason = unavailableReason;
  if (!deniedReason && permission.loading) {
    deniedReason = 'Checking your permissions…';
  } else if (!deniedReason && !permission.allowed) {
    deniedReason = testDeniedReason(name, environment);
  }

  const afterRun = () => {
    setSelectedId(undefined);
    runs.retry();
  };
  const items = runs.value?.items ?? [];
  const shown =
    items.find(run => run.id === selectedId) ?? tester.state.value ?? items[0];

  return (
    <>
      <Box className={classes.toolbar}>
        <ActionButton
          variant="contained"
          color="primary"
          onClick={() => tester.run().then(afterRun)}
          disabled={tester.state.loading}
          disabledReason={deniedReason}
        >
          Run quick test
        </ActionButton>
        <TextField
          id={suiteId}
          select
          label="Diagnostics suite"
          value={suite}
          onChange={event => setSuite(event.target.value as TestSuite)}
          className={classes.suite}
          size="small"
        >
          {DIAGNOSTIC_SUITES.map(option => (
            <MenuItem key={option} value={option}>
              {TEST_SUITE_LABELS[option]}
            </MenuItem>
          ))}
        </TextField>
        <ActionButton
          variant="outlined"
          onClick={() => tester.run(suite).then(afterRun)}
          disabled={tester.state.loading}
          disabledReason={deniedReason}
        >
          Run diagnostics
        </ActionButton>
      </Box>
      {tester.state.loading && (
        <Box mb={2}>
          <Typography variant="body2" role="status">
            Testing…
          </Typography>
          <LinearProgress />
        </Box>
      )}
      {tester.state.error && !tester.state.loading && (
        <InlineAlert severity="error" title="The test could not be run">
          {errorMessage(tester.state.error)}
        </InlineAlert>
      )}
      {shown && (
        <Box mb={3}>
          <TestResultView
            result={shown}
            onRerun={() =>
              tester
                .run(shown.suite === 'quick' ? undefined : shown.suite)
                .then(afterRun)
            }
            rerunning={tester.state.loading}
            rerunDisabledReason={deniedReason}
          />
        </Box>
      )}
      {runs.error ? (
        <InlineAlert
          severity="error"
          title="The test history could not be loaded"
        >
          {errorMessage(runs.error)}
        </InlineAlert>
      ) : (
        <TestRunsTable
          runs={runs.value}
          loading={runs.loading}
          selectedId={shown?.id}
          onSelect={run => setSelectedId(run.id)}
        />
      )}
    </>
  );
}
