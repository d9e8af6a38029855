import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  HealthStatus,
  TestRunStatus,
  TestStepStatus,
} from '@internal/plugin-integrations-common';
import { ReactNode } from 'react';
import {
  HEALTH_STATUS_LABELS,
  TEST_RUN_STATUS_LABELS,
} from '../../../healthLabels';

type Tone = 'ok' | 'warning' | 'error' | 'off' | 'pending';

const TONES: Record<Tone, (props: { children?: ReactNode }) => JSX.Element> = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  off: StatusAborted,
  pending: StatusPending,
};

const HEALTH_TONES: Record<HealthStatus, Tone> = {
  healthy: 'ok',
  degraded: 'warning',
  unhealthy: 'error',
  disabled: 'off',
  unknown: 'pending',
  not_configured: 'warning',
};

const RUN_TONES: Record<TestRunStatus, Tone> = {
  passed: 'ok',
  degraded: 'warning',
  failed: 'error',
};

const STEP_TONES: Record<TestStepStatus, Tone> = {
  passed: 'ok',
  warning: 'warning',
  failed: 'error',
  skipped: 'off',
};

const STEP_LABELS: Record<TestStepStatus, string> = {
  passed: 'Passed',
  warning: 'Warning',
  failed: 'Failed',
  skipped: 'Skipped',
};

function Labelled(props: { tone: Tone; children: ReactNode }) {
  const Status = TONES[props.tone];
  return <Status>{props.children}</Status>;
}

/** Healthy (green), degraded (amber), unhealthy (red), disabled (grey) or unknown. */
export function HealthStatusLabel(props: {
  status: HealthStatus;
  children?: ReactNode;
}) {
  const { status, children } = props;
  return (
    <Labelled tone={HEALTH_TONES[status] ?? 'pending'}>
      {children ?? HEALTH_STATUS_LABELS[status] ?? status}
    </Labelled>
  );
}

/** The outcome of a whole test run. */
export function TestRunStatusLabel(props: {
  status: TestRunStatus;
  children?: ReactNode;
}) {
  const { status, children } = props;
  return (
    <Labelled tone={RUN_TONES[status] ?? 'pending'}>
      {children ?? TEST_RUN_STATUS_LABELS[status] ?? status}
    </Labelled>
  );
}

/** The outcome of one step of a test run. */
export function TestStepStatusLabel(props: { status: TestStepStatus }) {
  const { status } = props;
  return (
    <Labelled tone={STEP_TONES[status] ?? 'pending'}>
      {STEP_LABELS[status] ?? status}
    </Labelled>
  );
}
