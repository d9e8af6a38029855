import { useApi } from '@backstage/core-plugin-api';
import { BulkTestRequest } from '@internal/plugin-integrations-common';
import { useCallback } from 'react';
import { integrationsApiRef } from '../api';

/** Runs the tests of several integrations at once. */
export function useBulkTest() {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (request: BulkTestRequest) => api.bulkTest(request),
    [api],
  );
}
