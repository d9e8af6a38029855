import { useApi } from '@backstage/core-plugin-api';
import { ErrorPattern } from '@internal/plugin-integrations-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { IntegrationsApi, integrationsApiRef } from '../api';

/**
 * One triage action on an error group (resolve, set status, snooze, wake,
 * set severity, merge, unmerge): its state (loading, error) and a function
 * that runs it and hands the changed group to `onChanged`.
 */
export function useErrorTriage<Args extends unknown[]>(
  action: (api: IntegrationsApi, ...args: Args) => Promise<ErrorPattern>,
  onChanged: (pattern: ErrorPattern) => void,
) {
  const api = useApi(integrationsApiRef);
  return useAsyncFn(
    async (...args: Args) => {
      const pattern = await action(api, ...args);
      onChanged(pattern);
      return pattern;
    },
    [api, action, onChanged],
  );
}
