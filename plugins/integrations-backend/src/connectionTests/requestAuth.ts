import { ProbeAuth } from '@internal/plugin-integrations-common';
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { MissingValueError, ProbeValues } from './probeRequest';

function credential(values: ProbeValues, field: string): string {
  const value = values.credentials[field];
  if (!value) {
    throw new MissingValueError('credentials', field);
  }
  return value;
}

function setting(values: ProbeValues, field: string): unknown {
  return values.config.featureConfig.featureSettings[field];
}

/**
 * The headers that authenticate a probe request, per the provider's scheme.
 * OAuth access tokens come from the token service and are passed in.
 */
export async function authHeadersFor(
  auth: ProbeAuth,
  values: ProbeValues,
  accessToken?: string,
): Promise<Record<string, string>> {
  switch (auth.scheme) {
    case 'bearer':
      return { authorization: `Bearer ${credential(values, auth.credential)}` };
    case 'header':
      return {
        [auth.header.toLowerCase()]: credential(values, auth.credential),
      };
    case 'configured_header': {
      const header = String(
        setting(values, auth.headerSetting) ?? 'Authorization',
      );
      const prefix = setting(values, auth.prefixSetting);
      const key = credential(values, auth.credential);
      return { [header.toLowerCase()]: prefix ? `${prefix} ${key}` : key };
    }
    case 'oauth2':
      if (!accessToken) {
        throw new MissingValueError('credentials', 'accessToken');
      }
      return { authorization: `Bearer ${accessToken}` };
    case 'jwt': {
      const algorithm = String(
        setting(values, auth.algorithmSetting) ?? 'RS256',
      );
      const lifetime = Number(setting(values, auth.lifetimeSetting) ?? 300);
      const key = createPrivateKey(
        credential(values, auth.privateKeyCredential),
      );
      const token = await new SignJWT({})
        .setProtectedHeader({
          alg: algorithm,
          kid: credential(values, auth.keyIdCredential),
          typ: 'JWT',
        })
        .setIssuedAt()
        .setExpirationTime(`${lifetime}s`)
        .sign(key);
      return { authorization: `Bearer ${token}` };
    }
    case 'in_request':
      return {};
    default:
      return {};
  }
}
