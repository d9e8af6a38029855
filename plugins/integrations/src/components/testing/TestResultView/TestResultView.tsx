import { TestRunResult } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { TEST_SUITE_LABELS, formatDuration } from '../../../healthLabels';
import { ENVIRONMENT_LABELS, relativeTime, shortRef } from '../../../labels';
import { FailureDetails } from '../../shared/FailureDetails';
import { TestRunStatusLabel } from '../../shared/StatusLabel';
import { TestSteps } from './TestSteps';
import { TestSummaries } from './TestSummaries';

export interface TestResultViewProps {
  result: TestRunResult;
  /** Runs the same test again. */
  onRerun?(): void;
  rerunning?: boolean;
  rerunDisabledReason?: string;
}

/**
 * The outcome of one test run: its status, and for a failure what went wrong
 * and how to fix it, then every step and what each check found.
 */
export function TestResultView(props: TestResultViewProps) {
  const { result, onRerun, rerunning, rerunDisabledReason } = props;
  return (
    <Box>
      <Box display="flex" alignItems="baseline" flexWrap="wrap" gridGap={16}>
        <Typography variant="h6" component="p">
          <TestRunStatusLabel status={result.status} />
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {TEST_SUITE_LABELS[result.suite] ?? result.suite} of{' '}
          {result.integration} in{' '}
          {ENVIRONMENT_LABELS[result.environment].toLowerCase()} · took{' '}
          {formatDuration(result.durationMs)} · {relativeTime(result.startedAt)}{' '}
          by {shortRef(result.triggeredBy)}
        </Typography>
      </Box>
      {result.failure && (
        <Box mt={1}>
          <FailureDetails
            failure={result.failure}
            onRerun={onRerun}
            rerunning={rerunning}
            rerunDisabledReason={rerunDisabledReason}
          />
        </Box>
      )}
      <Box mt={2}>
        <TestSteps steps={result.steps} />
      </Box>
      <Box mt={2}>
        <TestSummaries result={result} />
      </Box>
    </Box>
  );
}
