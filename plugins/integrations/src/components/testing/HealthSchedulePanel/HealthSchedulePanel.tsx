import { Progress } from '@backstage/core-components';
import {
  ENVIRONMENTS,
  Environment,
  HealthCheckSchedule,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';
import {
  useHealthCheckPause,
  useHealthSchedule,
} from '../../../hooks/useHealthSchedule';
import { updateDeniedReason } from '../../../hooks/useIntegrationPermissions';
import { useResourcePermissions } from '../../../hooks/useResourcePermissions';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { FilterSelect } from '../../shared/FilterSelect';
import { InlineAlert } from '../../shared/InlineAlert';
import { ScheduleTable } from './ScheduleTable';

/**
 * When each integration is health-checked, with pausing and resuming of its
 * checks, e.g. during a provider's maintenance window.
 */
export function HealthSchedulePanel() {
  const [environment, setEnvironment] = useState<Environment | ''>('');
  const schedule = useHealthSchedule(environment || undefined);
  const { retry } = schedule;
  const onChanged = useCallback(() => retry(), [retry]);
  const [change, setPaused] = useHealthCheckPause(onChanged);
  const [target, setTarget] = useState<HealthCheckSchedule>();
  const items = schedule.value?.items ?? [];
  const permissions = useResourcePermissions(
    integrationUpdatePermission,
    items.map(item => `${item.integration}:${item.environment}`),
  );

  const deniedReason = (item: HealthCheckSchedule) => {
    if (permissions.loading) {
      return 'Checking your permissions…';
    }
    return permissions.allowed.has(`${item.integration}:${item.environment}`)
      ? undefined
      : updateDeniedReason(item.integration, item.environment);
  };
  const toggle = (item: HealthCheckSchedule, pause: boolean) => {
    setTarget(item);
    setPaused(item, pause);
  };

  return (
    <Card>
      <CardContent>
        <Box display="flex" alignItems="flex-end" gridGap={16} mb={2}>
          <FilterSelect
            label="Environment"
            value={environment}
            options={ENVIRONMENTS}
            labels={ENVIRONMENT_LABELS}
            onChange={setEnvironment}
          />
          <Typography variant="body2" color="textSecondary">
            Paused integrations are left out of the scheduled health checks
            until resumed; manual tests still run.
          </Typography>
        </Box>
        {change.error && target && (
          <InlineAlert
            severity="error"
            title={`Could not change the checks of ${target.integration}`}
          >
            {errorMessage(change.error)}
          </InlineAlert>
        )}
        {schedule.loading && !schedule.value && <Progress />}
        {schedule.error && (
          <InlineAlert
            severity="error"
            title="Could not load the schedule"
            action={<Button onClick={retry}>Retry</Button>}
          >
            {errorMessage(schedule.error)}
          </InlineAlert>
        )}
        {schedule.value && (
          <ScheduleTable
            items={items}
            deniedReason={deniedReason}
            changing={change.loading ? target : undefined}
            onPause={item => toggle(item, true)}
            onResume={item => toggle(item, false)}
          />
        )}
      </CardContent>
    </Card>
  );
}
