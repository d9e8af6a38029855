import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The key ring: which key is primary and how many credential fields each key protects. */
export function useEncryptionStatus() {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(() => api.getEncryptionStatus(), [api]);
}
