import { createBackend } from '@backstage/backend-defaults';
import { authModuleDevPersonaProvider } from './modules/devPersonaAuth';
import { permissionModuleIntegrationsPolicy } from './modules/permissionPolicy';
import { providerSimulatorLoader } from './modules/providerSimulator';
import { demoShopPlugin } from './modules/demoShop/demoShopPlugin';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Only active where app-config declares auth.providers.dev-persona (development).
backend.add(authModuleDevPersonaProvider);

backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Templates in the catalog, and the Scaffolder that runs them; its steps may
// call the actions of the plugins named in backend.actions.pluginSources.
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
// The same actions for AI agents, over MCP at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// A Resource per integration, and the integration-manager/uses annotation.
backend.add(import('@internal/plugin-catalog-backend-module-integrations'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleIntegrationsPolicy);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@internal/plugin-integrations-backend'));
// Loaded only where app-config enables providerSimulator (development, e2e).
backend.add(providerSimulatorLoader);
// Calls integrations only where integrations.demo.traffic.enabled is set (development).
backend.add(demoShopPlugin);

backend.start();
