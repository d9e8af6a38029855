import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { HealthStatus } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback, useMemo } from 'react';
import { HEALTH_STATUS_ATTENTION_ORDER } from '../../../healthLabels';
import { useEntityIntegrations } from '../../../hooks/useEntityIntegrations';
import { useIntegrationDashboard } from '../../../hooks/useIntegrationDashboard';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { IntegrationRow } from './IntegrationRow';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

/** Where an integration without a status goes: after every status. */
const NO_STATUS = Object.keys(HEALTH_STATUS_ATTENTION_ORDER).length;

function rank(status?: HealthStatus): number {
  return status === undefined
    ? NO_STATUS
    : HEALTH_STATUS_ATTENTION_ORDER[status] ?? NO_STATUS;
}

/**
 * On a Component's or System's catalog page: the production status of every
 * integration it depends on (for a System, also through its Components),
 * worst first, each linking to its catalog page and to the dashboard.
 * Live through the dashboard's status-change signals.
 */
export function EntityIntegrationsCard() {
  const { entity } = useEntity();
  const classes = useStyles();
  const { dashboard, error: statusError } =
    useIntegrationDashboard('production');
  const statuses = dashboard?.integrationStatus;
  const isKnownIntegration = useCallback(
    (name: string) => Boolean(statuses?.[name]),
    [statuses],
  );
  const dependencies = useEntityIntegrations(entity, isKnownIntegration);

  const rows = useMemo(
    () =>
      (dependencies.value ?? [])
        .map(dependency => {
          const status = statuses?.[dependency.integration];
          return {
            ...dependency,
            status,
            displayName:
              status?.displayName ?? dependency.title ?? dependency.integration,
          };
        })
        .sort(
          (a, b) =>
            rank(a.status?.status) - rank(b.status?.status) ||
            a.displayName.localeCompare(b.displayName),
        ),
    [dependencies.value, statuses],
  );

  let body;
  if (dependencies.error) {
    body = (
      <InlineAlert severity="error" title="The catalog could not be read">
        {errorMessage(dependencies.error)}
      </InlineAlert>
    );
  } else if (!dependencies.value || (!dashboard && !statusError)) {
    body = <Progress />;
  } else if (rows.length === 0) {
    // Without Integration Manager it cannot tell which dependencies are integrations.
    body = dashboard && (
      <Typography variant="body2" color="textSecondary">
        {entity.metadata.title ?? entity.metadata.name} depends on no
        integration. Name the ones it calls in <code>spec.dependsOn</code>, e.g.{' '}
        <code>resource:default/stripe</code>.
      </Typography>
    );
  } else {
    body = (
      <ul className={classes.list} aria-label="Integrations it depends on">
        {rows.map(row => (
          <IntegrationRow
            key={row.entityRef}
            dependency={row}
            displayName={row.displayName}
            status={row.status}
            statusUnavailable={Boolean(statusError)}
          />
        ))}
      </ul>
    );
  }

  return (
    <InfoCard title="Integrations" subheader="Status in production">
      {statusError && (
        <InlineAlert
          severity={dashboard ? 'warning' : 'error'}
          title={
            dashboard
              ? 'The status could not be refreshed'
              : 'Integration Manager could not be reached'
          }
        >
          {errorMessage(statusError)}
        </InlineAlert>
      )}
      {body}
    </InfoCard>
  );
}
