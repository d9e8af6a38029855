import { useIntegrationsPageParams } from '../../../hooks/useIntegrationsPageParams';
import { IntegrationDashboard } from '../IntegrationDashboard';

/** The dashboard sub-page: the health of one environment, production unless the URL names another. */
export function DashboardPage() {
  const { environment, selectEnvironment } = useIntegrationsPageParams();
  return (
    <IntegrationDashboard
      environment={environment ?? 'production'}
      onEnvironmentChange={selectEnvironment}
    />
  );
}
