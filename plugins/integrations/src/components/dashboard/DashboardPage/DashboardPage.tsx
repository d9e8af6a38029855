import { useIntegrationsPageParams } from '../../../hooks/useIntegrationsPageParams';
import { IntegrationDashboard } from '../IntegrationDashboard';

/**
 * The dashboard sub-page: the health of one environment, production unless
 * the URL names another; `?integration=` shows one integration's card only.
 */
export function DashboardPage() {
  const { environment, integration, selectEnvironment } =
    useIntegrationsPageParams();
  const shown = environment ?? 'production';
  return (
    <IntegrationDashboard
      environment={shown}
      onEnvironmentChange={selectEnvironment}
      integration={integration}
      onShowAll={() => selectEnvironment(shown)}
    />
  );
}
