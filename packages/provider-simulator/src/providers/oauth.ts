import { Request } from 'express';
import { randomBytes } from 'node:crypto';
import { Reply } from '../server/reply';
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
