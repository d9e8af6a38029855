import { Content, Header, Page } from '@backstage/core-components';
import { RouterLink, useAppLocation } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Route, Routes } from 'react-router-dom';
import { useIntegrationsPageLink } from '../../hooks/useIntegrationsPageLink';
import { INTEGRATIONS_PAGES } from '../../routes';
import { AnalyticsPage } from '../analytics/AnalyticsPage';
import { AuditLogView } from '../audit/AuditLogView';
import { ConfigurationPage } from '../configuration/ConfigurationPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { ErrorsPage } from '../errors/ErrorsPage';
import { SignedInUser } from '../shared/SignedInUser';
import { TestingPage } from '../testing/TestingPage';
import { WebhooksPage } from '../webhooks/WebhooksPage';
import { FormerTabRedirect } from './FormerTabRedirect';

function PageTabs() {
  const { pathname } = useAppLocation();
  const link = useIntegrationsPageLink();
  const segments = pathname.split('/');
  const current = INTEGRATIONS_PAGES.find(page => segments.includes(page.path));

  return (
    <Tabs
      value={current?.path ?? false}
      indicatorColor="primary"
      aria-label="Integrations"
    >
      {INTEGRATIONS_PAGES.map(page => (
        <Tab
          key={page.path}
          value={page.path}
          label={page.title}
          component={RouterLink}
          href={link(page.path)}
        />
      ))}
    </Tabs>
  );
}

/**
 * The Integrations page for the legacy frontend system, with its own header
 * and a tab per sub-page: dashboard, config, testing, analytics, errors,
 * webhooks and audit.
 */
export function IntegrationsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Integrations"
        subtitle="Health, configuration and credentials of external services"
      >
        <SignedInUser />
      </Header>
      <Content>
        <PageTabs />
        <Box mt={2}>
          <Routes>
            <Route path="/" element={<FormerTabRedirect />} />
            <Route
              path="dashboard"
              element={
                <FormerTabRedirect>
                  <DashboardPage />
                </FormerTabRedirect>
              }
            />
            <Route path="config" element={<ConfigurationPage />} />
            <Route path="testing" element={<TestingPage />} />
            <Route path="analytics" element={<AnalyticsPage />} />
            <Route path="errors/*" element={<ErrorsPage />} />
            <Route path="webhooks" element={<WebhooksPage />} />
            <Route path="audit" element={<AuditLogView />} />
          </Routes>
        </Box>
      </Content>
    </Page>
  );
}
