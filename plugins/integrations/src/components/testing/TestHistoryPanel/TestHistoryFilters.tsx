import {
  ENVIRONMENTS,
  Environment,
  TEST_RUN_STATUSES,
  TEST_SUITES,
  TEST_TRIGGERS,
  TestRunStatus,
  TestSuite,
  TestTrigger,
  integrationNameSchema,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { useId } from 'react';
import {
  TEST_RUN_STATUS_LABELS,
  TEST_SUITE_LABELS,
} from '../../../healthLabels';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { FilterSelect } from '../../shared/FilterSelect';

export const TRIGGER_LABELS: Record<TestTrigger, string> = {
  manual: 'Manual',
  bulk: 'Test all',
  scheduled: 'Scheduled',
};

/** What the history shows; empty strings mean "all". */
export interface TestHistoryFilterValues {
  environment: Environment | '';
  integration: string;
  suite: TestSuite | '';
  status: TestRunStatus | '';
  trigger: TestTrigger | '';
}

export const NO_FILTERS: TestHistoryFilterValues = {
  environment: '',
  integration: '',
  suite: '',
  status: '',
  trigger: '',
};

/** Whether the integration filter is a name the history can be asked for. */
export function isIntegrationFilterValid(integration: string): boolean {
  return !integration || integrationNameSchema.safeParse(integration).success;
}

/** The filters above the test history. */
export function TestHistoryFilters(props: {
  value: TestHistoryFilterValues;
  onChange(value: TestHistoryFilterValues): void;
}) {
  const { value, onChange } = props;
  const integrationId = useId();
  const set =
    <K extends keyof TestHistoryFilterValues>(key: K) =>
    (next: TestHistoryFilterValues[K]) =>
      onChange({ ...value, [key]: next });
  return (
    <Box display="flex" flexWrap="wrap" gridGap={16} mb={2}>
      <FilterSelect
        label="Environment"
        value={value.environment}
        options={ENVIRONMENTS}
        labels={ENVIRONMENT_LABELS}
        onChange={set('environment')}
      />
      <TextField
        id={integrationId}
        label="Integration"
        size="small"
        value={value.integration}
        error={!isIntegrationFilterValid(value.integration)}
        helperText={
          isIntegrationFilterValid(value.integration)
            ? 'Its exact name, e.g. stripe'
            : 'Lowercase letters, digits and dashes, e.g. stripe-eu'
        }
        onChange={event => set('integration')(event.target.value.trim())}
      />
      <FilterSelect
        label="Suite"
        value={value.suite}
        options={TEST_SUITES}
        labels={TEST_SUITE_LABELS}
        onChange={set('suite')}
      />
      <FilterSelect
        label="Status"
        value={value.status}
        options={TEST_RUN_STATUSES}
        labels={TEST_RUN_STATUS_LABELS}
        onChange={set('status')}
      />
      <FilterSelect
        label="Trigger"
        value={value.trigger}
        options={TEST_TRIGGERS}
        labels={TRIGGER_LABELS}
        onChange={set('trigger')}
      />
    </Box>
  );
}
