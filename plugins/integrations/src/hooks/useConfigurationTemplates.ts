import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/** The provider templates new integrations are created from and forms are generated from. */
export function useConfigurationTemplates() {
  const api = useApi(integrationsApiRef);
  return useAsync(() => api.listTemplates(), [api]);
}
