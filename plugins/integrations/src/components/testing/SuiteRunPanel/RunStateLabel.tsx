import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { ReactNode } from 'react';
import { SuiteRunState } from '../../../hooks/useSuiteRun';

const STATES: Record<
  SuiteRunState,
  { label: string; Status: (props: { children?: ReactNode }) => JSX.Element }
> = {
  queued: { label: 'Queued', Status: StatusPending },
  running: { label: 'Running', Status: StatusRunning },
  passed: { label: 'Passed', Status: StatusOK },
  degraded: { label: 'Passed with warnings', Status: StatusWarning },
  failed: { label: 'Failed', Status: StatusError },
  error: { label: 'Could not run', Status: StatusError },
  cancelled: { label: 'Cancelled', Status: StatusAborted },
};

/** Where one integration of a suite run is, as a coloured label. */
export function RunStateLabel(props: { state: SuiteRunState }) {
  const { label, Status } = STATES[props.state];
  return <Status>{label}</Status>;
}
