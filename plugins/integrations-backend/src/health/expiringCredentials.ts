import {
  ExpiringCredential,
  IntegrationConfig,
  getProvider,
  toConfigurationTemplate,
} from '@internal/plugin-integrations-common';
import { renewsAccessToken } from '../oauth/OAuthTokenService';

/**
 * The credential fields of one configuration worth a warning on its status
 * card: `expiring` are its fields that expire soon, soonest first. An access
 * token the token refresh renews expires by design, every hour for some
 * providers, so it is left out; a failed refresh shows as a failed check.
 */
export function expiringCredentialsOf(
  config: IntegrationConfig,
  expiring: Array<{ field: string; expiresAt: string }>,
  storedFields: string[],
): ExpiringCredential[] {
  if (expiring.length === 0) {
    return [];
  }
  const provider = getProvider(config.provider);
  const labels = new Map(
    (provider ? toConfigurationTemplate(provider).credentialFields : []).map(
      field => [field.name, field.label],
    ),
  );
  const renewed = renewsAccessToken(
    config,
    storedFields.includes('refreshToken'),
  );
  return expiring
    .filter(credential => !(renewed && credential.field === 'accessToken'))
    .map(credential => ({
      field: credential.field,
      label: labels.get(credential.field) ?? credential.field,
      expiresAt: credential.expiresAt,
    }));
}
