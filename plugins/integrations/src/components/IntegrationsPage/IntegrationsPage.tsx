import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import {
  IntegrationsTab,
  useIntegrationsPageParams,
} from '../../hooks/useIntegrationsPageParams';
import { AuditLogView } from '../audit/AuditLogView';
import { ConfigurationEditor } from '../configuration/ConfigurationEditor';
import { ConfigurationTable } from '../configuration/ConfigurationTable';
import { IntegrationDashboard } from '../dashboard/IntegrationDashboard';

function ConfigurationTab() {
  const { integration, environment, section, openEditor, closeEditor } =
    useIntegrationsPageParams();
  const [reloadKey, setReloadKey] = useState(0);

  return (
    <>
      <ConfigurationTable onOpen={openEditor} reloadKey={reloadKey} />
      {integration && (
        <ConfigurationEditor
          key={integration}
          name={integration}
          environment={environment}
          section={section}
          onNavigate={(env, next) => openEditor(integration, env, next)}
          onClose={closeEditor}
          onChanged={() => setReloadKey(n => n + 1)}
        />
      )}
    </>
  );
}

function DashboardTab() {
  const { environment, selectDashboardEnvironment } =
    useIntegrationsPageParams();
  return (
    <IntegrationDashboard
      environment={environment ?? 'production'}
      onEnvironmentChange={selectDashboardEnvironment}
    />
  );
}

/**
 * The Integrations page without a header (the new frontend system provides
 * one): tabs for the health dashboard, the configurations and the audit log,
 * with the tab, the environment and any open editor kept in the URL.
 */
export function IntegrationsContent() {
  const { tab, selectTab } = useIntegrationsPageParams();

  return (
    <Content>
      <Tabs
        value={tab}
        onChange={(_, value: IntegrationsTab) => selectTab(value)}
        indicatorColor="primary"
        aria-label="Integrations"
      >
        <Tab value="dashboard" label="Dashboard" />
        <Tab value="configuration" label="Configuration" />
        <Tab value="audit" label="Audit" />
      </Tabs>
      <Box mt={2}>
        {tab === 'dashboard' && <DashboardTab />}
        {tab === 'configuration' && <ConfigurationTab />}
        {tab === 'audit' && <AuditLogView />}
      </Box>
    </Content>
  );
}

/** The integrations page for the legacy frontend system, with its own header. */
export function IntegrationsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Integrations"
        subtitle="Health, configuration and credentials of external services"
      />
      <IntegrationsContent />
    </Page>
  );
}
