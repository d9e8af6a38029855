import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  HealthCheckSchedule,
} from '@internal/plugin-integrations-common';
import { useEffect } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** How often the schedule is read again, to show the checks that ran meanwhile. */
const REFRESH_MS = 30_000;

/** The health-check schedule of the configurations the user may read. */
export function useHealthSchedule(environment?: Environment) {
  const api = useApi(integrationsApiRef);
  const state = useAsyncRetry(
    () => api.getHealthSchedule(environment),
    [api, environment],
  );
  const { retry } = state;
  useEffect(() => {
    const timer = setInterval(retry, REFRESH_MS);
    return () => clearInterval(timer);
  }, [retry]);
  return state;
}

/** Pauses or resumes one configuration's checks, then calls `onChanged`. */
export function useHealthCheckPause(
  onChanged: (item: HealthCheckSchedule) => void,
) {
  const api = useApi(integrationsApiRef);
  return useAsyncFn(
    async (item: HealthCheckSchedule, pause: boolean) => {
      const changed = pause
        ? await api.pauseHealthChecks(item.integration, item.environment)
        : await api.resumeHealthChecks(item.integration, item.environment);
      onChanged(changed);
      return changed;
    },
    [api, onChanged],
  );
}
