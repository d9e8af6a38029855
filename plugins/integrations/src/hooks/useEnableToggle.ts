import { useApi } from '@backstage/core-plugin-api';
import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { integrationsApiRef } from '../api';

/**
 * Switches one integration on or off in its environment, as a change of the
 * configuration version the status was computed from, then calls `onChanged`.
 */
export function useEnableToggle(
  status: IntegrationHealthStatus,
  onChanged: () => void,
) {
  const api = useApi(integrationsApiRef);
  const { integration, environment, configVersion } = status;
  return useAsyncFn(
    async (enabled: boolean) => {
      await api.updateConfig(integration, environment, {
        version: configVersion,
        enabled,
        notes: `${enabled ? 'Enabled' : 'Disabled'} from the health dashboard`,
      });
      onChanged();
    },
    [api, integration, environment, configVersion, onChanged],
  );
}
