import { useApi } from '@backstage/core-plugin-api';
import { AuditQuery } from '@internal/plugin-integrations-common';
import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** Audit log entries matching the filters, reloaded when they change. */
export function useAuditLog(query: AuditQuery) {
  const api = useApi(integrationsApiRef);
  const key = JSON.stringify(query);
  return useAsyncRetry(() => api.listAudit(JSON.parse(key)), [api, key]);
}

/** The audit log entries matching the filters as CSV, for a download. */
export function useAuditExport() {
  const api = useApi(integrationsApiRef);
  return useCallback((query: AuditQuery) => api.exportAuditCsv(query), [api]);
}
