import { createPermission } from '@backstage/plugin-permission-common';

/**
 * See the integrations and their configurations.
 *
 * @public
 */
export const integrationReadPermission = createPermission({
  name: 'integrations.integration.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the integrations plugin.
 *
 * @public
 */
export const integrationsPermissions = [integrationReadPermission];
