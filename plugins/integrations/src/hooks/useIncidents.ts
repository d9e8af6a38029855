import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  Environment,
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentDetail,
  IncidentsSignal,
  ResolveIncidentRequest,
} from '@internal/plugin-integrations-common';
import { useCallback, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';
import { useErrorsChanged } from './useErrorsChanged';

/** The most open incidents the Errors page lists; the count says when there are more. */
export const OPEN_INCIDENTS_LIMIT = 20;

/** The last incident signal, when `isRelevant` says it matters here. */
function useIncidentSignal(isRelevant: (signal: IncidentsSignal) => boolean) {
  const { lastSignal } = useSignal(INCIDENTS_SIGNAL_CHANNEL);
  const signal = lastSignal as unknown as IncidentsSignal | null;
  return signal && isRelevant(signal) ? signal : null;
}

/**
 * The open incidents of one environment, newest first, loaded again when
 * the backend signals that one there opened or changed.
 */
export function useOpenIncidents(environment: Environment) {
  const api = useApi(integrationsApiRef);
  const signal = useIncidentSignal(s => s.environment === environment);
  return useAsyncRetry(
    () =>
      api.listIncidents({
        environment,
        status: 'open',
        limit: OPEN_INCIDENTS_LIMIT,
      }),
    [api, environment, signal],
  );
}

/**
 * One incident with its timeline and groups, loaded again when the backend
 * signals a change to it or to one of its groups.
 */
export function useIncident(incidentId: string) {
  const api = useApi(integrationsApiRef);
  const shown = useRef<IncidentDetail>();
  const signal = useIncidentSignal(s => s.incidentId === incidentId);
  const groupsChanged = useErrorsChanged(
    s => shown.current?.groupIds.includes(s.patternId) ?? false,
  );
  const state = useAsyncRetry(
    () => api.getIncident(incidentId),
    [api, incidentId, signal, groupsChanged],
  );
  shown.current = state.value;
  return state;
}

/** Closes an incident by hand; answers with it as it now is. */
export function useResolveIncident(incidentId: string) {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (request: ResolveIncidentRequest) =>
      api.resolveIncident(incidentId, request),
    [api, incidentId],
  );
}
