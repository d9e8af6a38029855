import { useApi } from '@backstage/core-plugin-api';
import {
  CredentialFieldStatus,
  Environment,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/** How far ahead an expiry is worth a warning. */
export const EXPIRY_WARNING_DAYS = 7;

/**
 * The stored credential fields of one configuration that have expired or
 * expire within a week, soonest first; none when the status cannot be read.
 */
export function useExpiringCredentials(
  name: string,
  environment: Environment,
): CredentialFieldStatus[] {
  const api = useApi(integrationsApiRef);
  const { value } = useAsync(async () => {
    const horizon = Date.now() + EXPIRY_WARNING_DAYS * 24 * 60 * 60 * 1000;
    try {
      const { fields } = await api.getCredentials(name, environment);
      return fields
        .filter(
          field =>
            field.set &&
            field.expiresAt !== undefined &&
            Date.parse(field.expiresAt) <= horizon,
        )
        .sort((a, b) => a.expiresAt!.localeCompare(b.expiresAt!));
    } catch {
      return [];
    }
  }, [api, name, environment]);
  return value ?? [];
}
