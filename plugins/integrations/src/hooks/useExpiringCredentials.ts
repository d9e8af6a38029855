import { useApi } from '@backstage/core-plugin-api';
import {
  CredentialFieldStatus,
  Environment,
  getProvider,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/** How far ahead an expiry is worth a warning. */
export const EXPIRY_WARNING_DAYS = 7;

/**
 * Whether the backend renews the access token itself, as its token refresh
 * does: always for a client-credentials grant, otherwise with a refresh token
 * stored. Such a token's expiry is routine, not a warning.
 */
function renewedByBackend(provider: string, fields: CredentialFieldStatus[]) {
  const oauth = getProvider(provider)?.oauth;
  if (!oauth) {
    return false;
  }
  return (
    oauth.grant === 'client_credentials' ||
    fields.some(field => field.field === 'refreshToken' && field.set)
  );
}

/**
 * The stored credential fields of one configuration that have expired or
 * expire within a week, soonest first; none when the status cannot be read.
 */
export function useExpiringCredentials(
  name: string,
  environment: Environment,
  provider: string,
): CredentialFieldStatus[] {
  const api = useApi(integrationsApiRef);
  const { value } = useAsync(async () => {
    const horizon = Date.now() + EXPIRY_WARNING_DAYS * 24 * 60 * 60 * 1000;
    try {
      const { fields } = await api.getCredentials(name, environment);
      const renewed = renewedByBackend(provider, fields);
      return fields
        .filter(
          field =>
            field.set &&
            !(renewed && field.field === 'accessToken') &&
            field.expiresAt !== undefined &&
            Date.parse(field.expiresAt) <= horizon,
        )
        .sort((a, b) => a.expiresAt!.localeCompare(b.expiresAt!));
    } catch {
      return [];
    }
  }, [api, name, environment, provider]);
  return value ?? [];
}
