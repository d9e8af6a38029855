import { createApiRef } from '@backstage/core-plugin-api';
import {
  ListConfigsQuery,
  ListConfigsResponse,
} from '@internal/plugin-integrations-common';

/** @public */
export interface IntegrationsApi {
  listConfigs(query?: ListConfigsQuery): Promise<ListConfigsResponse>;
}

/** @public */
export const integrationsApiRef = createApiRef<IntegrationsApi>({
  id: 'plugin.integrations.service',
});
