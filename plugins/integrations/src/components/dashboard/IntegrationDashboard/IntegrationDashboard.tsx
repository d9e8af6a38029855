import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Environment } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { byAttention } from '../../../healthLabels';
import { useIntegrationDashboard } from '../../../hooks/useIntegrationDashboard';
import { ENVIRONMENT_LABELS, relativeTime } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActivityFeed } from '../ActivityFeed';
import { AlertsPanel } from '../AlertsPanel';
import { BulkTestButton } from '../../testing/BulkTestButton';
import { DashboardMetrics } from '../DashboardMetrics';
import { EnvironmentSelect } from '../../shared/EnvironmentSelect';
import { HealthCharts } from '../HealthCharts';
import { InlineAlert } from '../../shared/InlineAlert';
import { IntegrationStatusCard } from '../IntegrationStatusCard';
import { UptimeTable } from '../UptimeTable';
import { distinctDisplayNames } from '../../../displayNames';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  grow: { flexGrow: 1 },
  section: { marginTop: theme.spacing(3) },
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
}));

export interface IntegrationDashboardProps {
  environment: Environment;
  onEnvironmentChange(environment: Environment): void;
  /**
   * Shows only this integration's card, trends, SLA and activity, e.g. when
   * opened from its catalog page; the counts and alerts stay the environment's.
   */
  integration?: string;
  onShowAll?(): void;
}

/**
 * The health of every integration in one environment: counts, the active
 * alerts, a status card per integration with quick actions, trends, SLA
 * figures and recent activity, kept up to date by status-change and alert
 * signals and a 30-second reload.
 */
export function IntegrationDashboard(props: IntegrationDashboardProps) {
  const { environment, onEnvironmentChange, integration, onShowAll } = props;
  const classes = useStyles();
  const { dashboard, loading, error, refresh } =
    useIntegrationDashboard(environment);
  const integrations = useMemo(
    () => Object.values(dashboard?.integrationStatus ?? {}).sort(byAttention),
    [dashboard],
  );
  const displayNames = useMemo(
    () =>
      distinctDisplayNames(
        integrations.map(s => ({
          name: s.integration,
          displayName: s.displayName,
        })),
      ),
    [integrations],
  );
  const environmentLabel = ENVIRONMENT_LABELS[environment].toLowerCase();
  const shown = useMemo(
    () =>
      integration
        ? integrations.filter(status => status.integration === integration)
        : integrations,
    [integrations, integration],
  );
  const shownNames = useMemo(
    () => (integration ? [integration] : undefined),
    [integration],
  );

  let body;
  if (!dashboard) {
    body = error ? <ResponseErrorPanel error={error} /> : <Progress />;
  } else {
    body = (
      <>
        {error && (
          <InlineAlert
            severity="warning"
            title="The dashboard could not be refreshed"
          >
            {errorMessage(error)}. Showing the state of{' '}
            {relativeTime(dashboard.generatedAt)}.
          </InlineAlert>
        )}
        <DashboardMetrics overview={dashboard.overviewMetrics} />
        <Box className={classes.section}>
          <AlertsPanel environment={environment} displayNames={displayNames} />
        </Box>
        <Box className={classes.section}>
          <Box className={classes.heading}>
            <Typography variant="h6" component="h2">
              Integrations
            </Typography>
            {integration && (
              <>
                <Typography variant="body2" color="textSecondary">
                  Showing {displayNames.get(integration) ?? integration} only
                </Typography>
                <Button size="small" color="primary" onClick={onShowAll}>
                  Show all
                </Button>
              </>
            )}
          </Box>
          {shown.length === 0 ? (
            <EmptyState
              missing="data"
              title={
                integration
                  ? `No ${integration} in ${environmentLabel}`
                  : `No integrations in ${environmentLabel}`
              }
              description="Integrations you may read that are configured in this environment appear here."
            />
          ) : (
            <Grid container spacing={2} alignItems="stretch">
              {shown.map(status => (
                <Grid item xs={12} md={6} xl={4} key={status.integration}>
                  <IntegrationStatusCard status={status} onChanged={refresh} />
                </Grid>
              ))}
            </Grid>
          )}
        </Box>
        <Grid container spacing={2} className={classes.section}>
          <Grid item xs={12}>
            <HealthCharts
              environment={environment}
              displayNames={displayNames}
              reloadKey={dashboard.generatedAt}
              integrations={shownNames}
            />
          </Grid>
          <Grid item xs={12} lg={6}>
            <UptimeTable
              environment={environment}
              integrations={shown}
              displayNames={displayNames}
            />
          </Grid>
          <Grid item xs={12} lg={6}>
            <ActivityFeed
              items={dashboard.recentActivity.activities.filter(
                activity =>
                  !integration || activity.integration === integration,
              )}
              displayNames={displayNames}
            />
          </Grid>
        </Grid>
      </>
    );
  }

  return (
    <>
      <Box className={classes.toolbar}>
        <EnvironmentSelect value={environment} onChange={onEnvironmentChange} />
        {dashboard && (
          <Typography variant="body2" color="textSecondary">
            Updated {relativeTime(dashboard.generatedAt)}
          </Typography>
        )}
        <Box className={classes.grow} />
        <Button onClick={refresh} disabled={loading}>
          Refresh
        </Button>
        {dashboard && (
          <BulkTestButton
            environment={environment}
            integrations={integrations}
            onTested={refresh}
          />
        )}
      </Box>
      {body}
    </>
  );
}
