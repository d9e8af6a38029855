import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useIntegrationDashboard } from '../../../hooks/useIntegrationDashboard';
import { useIntegrationsPageParams } from '../../../hooks/useIntegrationsPageParams';
import { EnvironmentSelect } from '../../dashboard/EnvironmentSelect';
import { BulkTestButton } from '../BulkTestButton';

/** The connection-testing sub-page: test every integration of one environment at once. */
export function TestingPage() {
  const { environment = 'production', selectEnvironment } =
    useIntegrationsPageParams();
  const { dashboard, error, refresh } = useIntegrationDashboard(environment);

  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        Connection testing
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Run the quick connection test of every enabled integration in an
        environment. Each integration's own tests and diagnostics are in its
        editor, under Tests.
      </Typography>
      <Box display="flex" alignItems="flex-end" gridGap={16} mb={2}>
        <EnvironmentSelect value={environment} onChange={selectEnvironment} />
        {dashboard && (
          <BulkTestButton
            environment={environment}
            integrations={dashboard.integrations}
            onTested={refresh}
          />
        )}
      </Box>
      {!dashboard && error && <ResponseErrorPanel error={error} />}
      {!dashboard && !error && <Progress />}
    </>
  );
}
