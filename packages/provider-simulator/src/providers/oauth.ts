import { Request } from 'express';
import { randomBytes } from 'node:crypto';
import { Reply } from '../server/reply';
import { ProviderContext } from './types';
import { basicCredentials, bodyField } from './http';

const ALPHANUMERIC =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Letters and digits only, as in Stripe keys and PayPal ids. */
export function randomAlphanumeric(length: number): string {
  return Array.from(
    randomBytes(length),
    byte => ALPHANUMERIC[byte % ALPHANUMERIC.length],
  ).join('');
}

/**
 * The client of a token request, from HTTP Basic (client_secret_basic) or
 * from the form (client_secret_post); undefined when either part is missing.
 */
export function oauthClient(
  req: Request,
): { id: string; secret: string } | undefined {
  const basic = basicCredentials(req);
  const id = basic?.username ?? bodyField(req, 'client_id');
  const secret = basic?.password ?? bodyField(req, 'client_secret');
  return id && secret ? { id, secret } : undefined;
}

/** RFC 6749's answer to a grant type the token endpoint does not offer. */
export function unsupportedGrantType(grantType: string | undefined): Reply {
  return {
    status: 400,
    body: {
      error: 'unsupported_grant_type',
      error_description: grantType
        ? `Unsupported grant_type: ${grantType}`
        : 'Missing grant_type',
    },
  };
}

/**
 * The refresh token of a `refresh_token` grant the provider accepts, or the
 * reply that refuses the request: another grant type, a token of the wrong
 * format, a revoked one, or any token while credentials are being rejected.
 */
export function refreshTokenGrant(
  req: Request,
  context: ProviderContext,
  options: { tokenFormat: RegExp; refused: Reply },
): { refreshToken: string } | { reply: Reply } {
  const grantType = bodyField(req, 'grant_type');
  if (grantType !== 'refresh_token') {
    return { reply: unsupportedGrantType(grantType) };
  }
  const refreshToken = bodyField(req, 'refresh_token') ?? '';
  if (
    context.behaviour().rejectCredentials ||
    !options.tokenFormat.test(refreshToken) ||
    context.tokens.isRevoked(refreshToken)
  ) {
    return { reply: options.refused };
  }
  return { refreshToken };
}
