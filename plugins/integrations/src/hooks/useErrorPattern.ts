import { useApi } from '@backstage/core-plugin-api';
import { ErrorPatternDetail } from '@internal/plugin-integrations-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';
import { useErrorsQuery } from './useErrorsQuery';

/**
 * One error group with its recent events and history, loaded again when the
 * backend signals a change to it or to its integration's other groups (a
 * merge moves events between groups).
 */
export function useErrorPattern(patternId: string) {
  const api = useApi(integrationsApiRef);
  const shown = useRef<ErrorPatternDetail>();
  const state = useErrorsQuery({
    key: patternId,
    load: () => api.getErrorPattern(patternId),
    isRelevant: signal =>
      signal.patternId === patternId ||
      (signal.integration === shown.current?.integration &&
        signal.environment === shown.current?.environment),
  });
  shown.current = state.value;
  return state;
}

/**
 * One error event in full: its request and response come only with this
 * read, and only for a user with the sensitive-data permission.
 */
export function useErrorEvent(errorId: string) {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(() => api.getError(errorId), [api, errorId]);
}
