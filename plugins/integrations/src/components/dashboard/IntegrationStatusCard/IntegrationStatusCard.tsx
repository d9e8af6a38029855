import { InfoCard } from '@backstage/core-components';
import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { HEALTH_STATUS_LABELS } from '../../../healthLabels';
import { useEnableToggle } from '../../../hooks/useEnableToggle';
import { useHealthActionPermissions } from '../../../hooks/useHealthActionPermissions';
import { useTestRunner } from '../../../hooks/useTestRunner';
import { shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ImpactButton } from '../../impact/ImpactButton';
import { FailureDetails } from '../../shared/FailureDetails';
import { InlineAlert } from '../../shared/InlineAlert';
import { HealthStatusLabel } from '../../shared/StatusLabel';
import { TestRunDialog } from '../../testing/TestRunDialog';
import { DependencyList } from './DependencyList';
import { RateLimitMeter } from './RateLimitMeter';
import { StatusCardActions } from './StatusCardActions';
import { StatusFigures } from './StatusFigures';
import { CredentialExpiryNotice } from './CredentialExpiryNotice';

const useStyles = makeStyles({
  root: { height: '100%' },
});

export interface IntegrationStatusCardProps {
  status: IntegrationHealthStatus;
  /** The integration was tested, enabled or disabled, so the dashboard is out of date. */
  onChanged(): void;
}

/**
 * One integration's health in one environment: its status and why, its
 * figures, its dependencies, what depends on it in the catalog, the latest
 * failure with the steps that fix it, and quick actions.
 */
export function IntegrationStatusCard(props: IntegrationStatusCardProps) {
  const { status, onChanged } = props;
  const { integration, environment } = status;
  const classes = useStyles();
  const permissions = useHealthActionPermissions(integration, environment);
  const tester = useTestRunner(integration, environment);
  const [showingTest, setShowingTest] = useState(false);
  const [toggle, setEnabled] = useEnableToggle(status, onChanged);
  const statusLabel = HEALTH_STATUS_LABELS[status.status] ?? status.status;

  const testNow = () => {
    setShowingTest(true);
    tester.run().then(onChanged);
  };
  const testAgain = () => {
    tester.rerun().then(onChanged);
  };

  return (
    <section
      className={classes.root}
      aria-label={`${status.displayName}: ${statusLabel}`}
      data-testid={`status-card-${integration}`}
    >
      <InfoCard
        variant="gridItem"
        title={status.displayName}
        subheader={`${integration} · owned by ${shortRef(status.owner)}`}
        actions={
          <StatusCardActions
            status={status}
            testing={tester.state.loading}
            testDeniedReason={permissions.testDeniedReason}
            updateDeniedReason={permissions.updateDeniedReason}
            toggling={toggle.loading}
            toggleError={toggle.error}
            onTest={testNow}
            onToggle={setEnabled}
          />
        }
      >
        <Typography variant="subtitle1" component="p">
          <HealthStatusLabel status={status.status} />
        </Typography>
        {status.reasons.map(reason => (
          <Typography key={reason} variant="body2" color="textSecondary">
            {reason}
          </Typography>
        ))}
        {toggle.error && (
          <InlineAlert severity="error" title="The change was not saved">
            {errorMessage(toggle.error)}
          </InlineAlert>
        )}
        <CredentialExpiryNotice expiring={status.expiringCredentials} />
        <StatusFigures status={status} />
        {status.rateLimit && <RateLimitMeter reading={status.rateLimit} />}
        <DependencyList status={status} />
        <Box mt={1}>
          <ImpactButton status={status} />
        </Box>
        {status.failure && (
          <Box mt={1}>
            <FailureDetails
              failure={status.failure}
              onRerun={testNow}
              rerunning={tester.state.loading}
              rerunDisabledReason={permissions.testDeniedReason}
            />
          </Box>
        )}
      </InfoCard>
      {showingTest && (
        <TestRunDialog
          title={`Test of ${status.displayName}`}
          state={tester.state}
          onRerun={testAgain}
          rerunDisabledReason={permissions.testDeniedReason}
          onClose={() => setShowingTest(false)}
        />
      )}
    </section>
  );
}
