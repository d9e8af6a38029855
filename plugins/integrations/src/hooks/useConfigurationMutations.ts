import { useApi } from '@backstage/core-plugin-api';
import {
  BulkUpdateRequest,
  CreateIntegrationRequest,
  Environment,
  UpdateConfigRequest,
} from '@internal/plugin-integrations-common';
import { useCallback } from 'react';
import { integrationsApiRef } from '../api';

/**
 * Changes one environment's configuration; with `dryRun` it only validates
 * the change and answers with the field-level diff it would make.
 */
export function useUpdateConfiguration(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (request: UpdateConfigRequest, ...options: [{ dryRun?: boolean }?]) =>
      api.updateConfig(name, environment, request, ...options),
    [api, name, environment],
  );
}

/** Copies another environment's configuration of the same integration into this one. */
export function useCopyConfiguration(name: string, to: Environment) {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (from: Environment) => api.copyConfig(name, { from, to }),
    [api, name, to],
  );
}

/** Makes an earlier version of one environment's configuration the current one again. */
export function useRollback(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (version: number) => api.rollback(name, environment, { version }),
    [api, name, environment],
  );
}

/** Deletes an integration in every environment, and restores it. */
export function useIntegrationLifecycle(name: string) {
  const api = useApi(integrationsApiRef);
  const remove = useCallback(() => api.deleteIntegration(name), [api, name]);
  const restore = useCallback(() => api.restoreIntegration(name), [api, name]);
  return { remove, restore };
}

/** Creates an integration from a provider template. */
export function useCreateIntegration() {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (request: CreateIntegrationRequest) => api.createIntegration(request),
    [api],
  );
}

/** Changes several configurations at once, all or nothing. */
export function useBulkUpdate() {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (request: BulkUpdateRequest) => api.bulkUpdate(request),
    [api],
  );
}
