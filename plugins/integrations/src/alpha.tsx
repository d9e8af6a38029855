import {
  ApiBlueprint,
  PageBlueprint,
  PluginHeaderActionBlueprint,
  SubPageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import IntegrationIcon from '@material-ui/icons/SettingsInputComponent';
import { Content } from '@backstage/core-components';
import { integrationsApiRef, IntegrationsClient } from './api';
import {
  isIntegrationConsumer,
  isIntegrationEntity,
} from './components/entity/integrationEntity';
import {
  catalogEntityRouteRef,
  entityContentRouteRef,
  rootRouteRef,
} from './routes';

/** The page's header and tabs come from the app; each sub-page is one tab. */
const integrationsPage = PageBlueprint.make({
  params: {
    path: '/integrations',
    title: 'Integrations',
    icon: <IntegrationIcon />,
    routeRef: rootRouteRef,
  },
});

// The first sub-page is where /integrations opens; it also sends links with
// the former ?tab= parameter on to the sub-page they meant.
const dashboardPage = SubPageBlueprint.make({
  name: 'dashboard',
  params: {
    path: 'dashboard',
    title: 'Dashboard',
    loader: async () => {
      const [{ DashboardPage }, { FormerTabRedirect }] = await Promise.all([
        import('./components/dashboard/DashboardPage'),
        import('./components/IntegrationsPage'),
      ]);
      return (
        <Content>
          <FormerTabRedirect>
            <DashboardPage />
          </FormerTabRedirect>
        </Content>
      );
    },
  },
});

const configPage = SubPageBlueprint.make({
  name: 'config',
  params: {
    path: 'config',
    title: 'Configuration',
    loader: () =>
      import('./components/configuration/ConfigurationPage').then(m => (
        <Content>
          <m.ConfigurationPage />
        </Content>
      )),
  },
});

const testingPage = SubPageBlueprint.make({
  name: 'testing',
  params: {
    path: 'testing',
    title: 'Testing',
    loader: () =>
      import('./components/testing/TestingPage').then(m => (
        <Content>
          <m.TestingPage />
        </Content>
      )),
  },
});

const analyticsPage = SubPageBlueprint.make({
  name: 'analytics',
  params: {
    path: 'analytics',
    title: 'Analytics',
    loader: () =>
      import('./components/analytics/AnalyticsPage').then(m => (
        <Content>
          <m.AnalyticsPage />
        </Content>
      )),
  },
});

// Also serves each error group's own path, errors/<patternId>, and each
// incident's, errors/incidents/<incidentId>.
const errorsPage = SubPageBlueprint.make({
  name: 'errors',
  params: {
    path: 'errors',
    title: 'Errors',
    loader: () =>
      import('./components/errors/ErrorsPage').then(m => (
        <Content>
          <m.ErrorsPage />
        </Content>
      )),
  },
});

const webhooksPage = SubPageBlueprint.make({
  name: 'webhooks',
  params: {
    path: 'webhooks',
    title: 'Webhooks',
    loader: () =>
      import('./components/webhooks/WebhooksPage').then(m => (
        <Content>
          <m.WebhooksPage />
        </Content>
      )),
  },
});

const auditPage = SubPageBlueprint.make({
  name: 'audit',
  params: {
    path: 'audit',
    title: 'Audit',
    loader: () =>
      import('./components/audit/AuditLogView').then(m => (
        <Content>
          <m.AuditLogView />
        </Content>
      )),
  },
});

/** Whom the pages act as, in development, where the persona can be switched with ?as=. */
const signedInUser = PluginHeaderActionBlueprint.make({
  name: 'signed-in-user',
  params: {
    loader: () =>
      import('./components/shared/SignedInUser').then(m => <m.SignedInUser />),
  },
});

/** On an integration's Resource page: its live status and links into the plugin. */
const integrationStatusCard = EntityCardBlueprint.make({
  name: 'integration-status',
  params: {
    filter: isIntegrationEntity,
    loader: () =>
      import('./components/entity/EntityIntegrationStatusCard').then(m => (
        <m.EntityIntegrationStatusCard />
      )),
  },
});

/**
 * On a Component's or System's page: the integrations it depends on, worst
 * first. Short, so beside About and above the fold rather than below the
 * relation tables of the overview.
 */
const integrationsCard = EntityCardBlueprint.make({
  name: 'integrations',
  params: {
    type: 'info',
    filter: isIntegrationConsumer,
    loader: () =>
      import('./components/entity/EntityIntegrationsCard').then(m => (
        <m.EntityIntegrationsCard />
      )),
  },
});

const integrationContent = EntityContentBlueprint.make({
  name: 'integration',
  params: {
    path: 'integration',
    title: 'Integration',
    routeRef: entityContentRouteRef,
    filter: isIntegrationEntity,
    loader: () =>
      import('./components/entity/EntityIntegrationContent').then(m => (
        <m.EntityIntegrationContent />
      )),
  },
});

const integrationsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: integrationsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegrationsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The integrations plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'integrations',
  title: 'Integrations',
  icon: <IntegrationIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
  externalRoutes: {
    catalogEntity: catalogEntityRouteRef,
  },
  extensions: [
    integrationsPage,
    dashboardPage,
    configPage,
    testingPage,
    analyticsPage,
    errorsPage,
    webhooksPage,
    auditPage,
    signedInUser,
    integrationsApi,
    integrationStatusCard,
    integrationsCard,
    integrationContent,
  ],
});
