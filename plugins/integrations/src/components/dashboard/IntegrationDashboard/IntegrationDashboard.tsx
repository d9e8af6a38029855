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
import { useEffect, useMemo, useState } from 'react';
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
  more: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(2),
  },
  section: { marginTop: theme.spacing(3) },
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * Cards shown at first and added per "Show more": a company with hundreds of
 * integrations sees those needing attention at once, without waiting for the
 * rest to render.
 */
export const CARDS_PER_PAGE = 24;

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
  const [cardLimit, setCardLimit] = useState(CARDS_PER_PAGE);
  useEffect(() => setCardLimit(CARDS_PER_PAGE), [environment]);
  const cards = useMemo(() => shown.slice(0, cardLimit), [shown, cardLimit]);
  const hidden = shown.length - cards.length;
  // The charts follow the cards: hundreds of lines in one chart say nothing.
  const chartedKey =
    integration ?? (hidden > 0 ? cards.map(c => c.integration).join(',') : '');
  const chartedNames = useMemo(
    () => (chartedKey ? chartedKey.split(',') : undefined),
    [chartedKey],
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
              {cards.map(status => (
                <Grid item xs={12} md={6} xl={4} key={status.integration}>
                  <IntegrationStatusCard status={status} onChanged={refresh} />
                </Grid>
              ))}
            </Grid>
          )}
          {hidden > 0 && (
            <Box className={classes.more}>
              <Typography variant="body2" color="textSecondary">
                Showing {cards.length} of {shown.length}, those needing
                attention first; the charts and the SLA table follow the cards
                shown.
              </Typography>
              <Button
                color="primary"
                variant="outlined"
                onClick={() => setCardLimit(limit => limit + CARDS_PER_PAGE)}
              >
                Show {Math.min(hidden, CARDS_PER_PAGE)} more
              </Button>
              <Button color="primary" onClick={() => setCardLimit(Infinity)}>
                Show all {shown.length}
              </Button>
            </Box>
          )}
        </Box>
        <Grid container spacing={2} className={classes.section}>
          <Grid item xs={12}>
            <HealthCharts
              environment={environment}
              displayNames={displayNames}
              reloadKey={dashboard.generatedAt}
              integrations={chartedNames}
            />
          </Grid>
          <Grid item xs={12} lg={6}>
            <UptimeTable
              environment={environment}
              integrations={cards}
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
