import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import IntegrationIcon from '@material-ui/icons/SettingsInputComponent';
import { integrationsApiRef, IntegrationsClient } from './api';
import { rootRouteRef } from './routes';

const integrationsPage = PageBlueprint.make({
  params: {
    path: '/integrations',
    title: 'Integrations',
    icon: <IntegrationIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/IntegrationsPage').then(m => (
        <m.IntegrationsContent />
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
  },
  extensions: [integrationsPage, integrationsApi],
});
