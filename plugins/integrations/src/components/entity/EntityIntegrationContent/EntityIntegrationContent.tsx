import { useEntity } from '@backstage/plugin-catalog-react';
import { Environment } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import { HealthCharts } from '../../dashboard/HealthCharts';
import { EntityIntegrationStatusCard } from '../EntityIntegrationStatusCard';
import { integrationNameOf } from '../integrationEntity';

/**
 * The "Integration" tab of an integration's catalog page: its status card
 * and its recent health history, in the environment picked on the card.
 */
export function EntityIntegrationContent() {
  const { entity } = useEntity();
  const integration = integrationNameOf(entity);
  const [environment, setEnvironment] = useState<Environment>('production');
  const only = useMemo(() => [integration], [integration]);
  const displayNames = useMemo(
    () => new Map([[integration, entity.metadata.title ?? integration]]),
    [integration, entity.metadata.title],
  );
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={5} lg={4}>
        <EntityIntegrationStatusCard
          environment={environment}
          onEnvironmentChange={setEnvironment}
        />
      </Grid>
      <Grid item xs={12} md={7} lg={8}>
        <HealthCharts
          environment={environment}
          displayNames={displayNames}
          integrations={only}
        />
      </Grid>
    </Grid>
  );
}
