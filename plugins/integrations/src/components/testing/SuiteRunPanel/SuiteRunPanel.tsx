import { Progress } from '@backstage/core-components';
import {
  Environment,
  HEALTH_STATUSES,
  HealthStatus,
  INTEGRATION_CATEGORIES,
  INTEGRATION_CATEGORY_LABELS,
  IntegrationCategory,
  IntegrationHealthStatus,
  TestSuite,
  integrationTestRunPermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { HEALTH_STATUS_LABELS, TEST_SUITE_LABELS } from '../../../healthLabels';
import { testDeniedReason } from '../../../hooks/useHealthActionPermissions';
import { useResourcePermissions } from '../../../hooks/useResourcePermissions';
import { useSuiteRun } from '../../../hooks/useSuiteRun';
import { useTestTargets } from '../../../hooks/useTestTargets';
import { shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { EnvironmentSelect } from '../../shared/EnvironmentSelect';
import { FilterSelect } from '../../shared/FilterSelect';
import { InlineAlert } from '../../shared/InlineAlert';
import { RunProgress } from './RunProgress';
import { RunTargets } from './RunTargets';
import { SuitePicker } from './SuitePicker';

/**
 * Runs a test suite on a chosen set of integrations, three at a time, with
 * each one's progress and, per integration, its result step by step.
 */
export function SuiteRunPanel(props: { initialEnvironment?: Environment }) {
  const [environment, setEnvironment] = useState<Environment>(
    props.initialEnvironment ?? 'production',
  );
  const [category, setCategory] = useState<IntegrationCategory | ''>('');
  const [owner, setOwner] = useState('');
  const [status, setStatus] = useState<HealthStatus | ''>('');
  const [suite, setSuite] = useState<TestSuite>('quick');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const targets = useTestTargets(environment);
  const run = useSuiteRun();

  const all = useMemo(() => targets.value ?? [], [targets.value]);
  const permissions = useResourcePermissions(
    integrationTestRunPermission,
    all.map(item => `${item.integration}:${environment}`),
  );
  const owners = [...new Set(all.map(item => item.owner))].sort();
  const ownerLabels = Object.fromEntries(owners.map(o => [o, shortRef(o)]));
  const visible = all.filter(
    item =>
      (!category || item.category === category) &&
      (!owner || item.owner === owner) &&
      (!status || item.status === status),
  );

  const deniedReason = (item: IntegrationHealthStatus) => {
    if (permissions.loading) {
      return 'Checking your permissions…';
    }
    if (permissions.error) {
      return `Could not check your permissions: ${permissions.error.message}`;
    }
    return permissions.allowed.has(`${item.integration}:${environment}`)
      ? undefined
      : testDeniedReason(item.integration, environment);
  };
  const chosen = visible.filter(
    item => selected.has(item.integration) && !deniedReason(item),
  );

  const changeEnvironment = (next: Environment) => {
    setEnvironment(next);
    setSelected(new Set());
  };
  const start = () =>
    run.start(
      suite,
      chosen.map(item => ({ integration: item.integration, environment })),
    );

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Card>
        <CardContent>
          <SuitePicker
            value={suite}
            onChange={setSuite}
            disabled={run.running}
          />
          <Box display="flex" flexWrap="wrap" gridGap={16} mt={2} mb={2}>
            <EnvironmentSelect
              value={environment}
              onChange={changeEnvironment}
            />
            <FilterSelect
              label="Category"
              value={category}
              options={INTEGRATION_CATEGORIES}
              labels={INTEGRATION_CATEGORY_LABELS}
              onChange={setCategory}
            />
            <FilterSelect
              label="Owner"
              value={owner}
              options={owners}
              labels={ownerLabels}
              onChange={setOwner}
            />
            <FilterSelect
              label="Current status"
              value={status}
              options={HEALTH_STATUSES}
              labels={HEALTH_STATUS_LABELS}
              onChange={setStatus}
            />
          </Box>
          {targets.loading && <Progress />}
          {targets.error && (
            <InlineAlert
              severity="error"
              title="Could not load the integrations"
              action={<Button onClick={targets.retry}>Retry</Button>}
            >
              {errorMessage(targets.error)}
            </InlineAlert>
          )}
          {targets.value && (
            <RunTargets
              integrations={visible}
              selected={selected}
              deniedReason={deniedReason}
              disabled={run.running}
              onChange={setSelected}
            />
          )}
          <Box display="flex" alignItems="center" gridGap={16} mt={2}>
            <ActionButton
              variant="contained"
              color="primary"
              onClick={start}
              disabledReason={
                chosen.length === 0
                  ? 'Select the integrations to test first'
                  : undefined
              }
              disabled={run.running}
            >
              Run {TEST_SUITE_LABELS[suite].toLowerCase()} on {chosen.length}
            </ActionButton>
            {run.running && (
              <Button variant="outlined" onClick={run.cancel}>
                Cancel
              </Button>
            )}
          </Box>
        </CardContent>
      </Card>
      {run.items.length > 0 && (
        <Card>
          <CardContent>
            <Typography variant="h6" component="h3" gutterBottom>
              {TEST_SUITE_LABELS[run.suite ?? suite]} of {run.items.length}{' '}
              integration{run.items.length === 1 ? '' : 's'}
            </Typography>
            <RunProgress items={run.items} />
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
