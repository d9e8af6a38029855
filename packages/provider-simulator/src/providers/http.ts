import express, { Request } from 'express';
import { STATUS_CODES } from 'node:http';
import { TokenStore } from '../state/TokenStore';

export const formBody = express.urlencoded({ extended: false });
export const jsonBody = express.json();

/**
 * The RFC 6750 b64token syntax. Opaque access and refresh tokens that the
 * simulator did not issue are accepted when they have this form.
 */
export const OPAQUE_TOKEN = /^[A-Za-z0-9\-._~+/]{8,}=*$/;

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** `Service Unavailable` as `service_unavailable`, for APIs with snake-case error codes. */
export function statusCode(status: number): string {
  return statusText(status).toLowerCase().replace(/\W+/g, '_');
}

export function bearerToken(req: Request): string | undefined {
  return /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

export function basicCredentials(
  req: Request,
): { username: string; password: string } | undefined {
  const encoded = /^Basic +([A-Za-z0-9+/]+=*)$/i.exec(
    req.get('authorization') ?? '',
  )?.[1];
  if (!encoded) {
    return undefined;
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/** A field of a parsed form or JSON body; missing, repeated or non-string fields are undefined. */
export function bodyField(req: Request, name: string): string | undefined {
  const value: unknown = req.body?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Accepts a bearer token of the given form, unless the simulator issued it
 * and it has since expired.
 */
export function bearerMatching(pattern: RegExp, tokens: TokenStore) {
  return (req: Request): boolean => {
    const token = bearerToken(req);
    return (
      token !== undefined && pattern.test(token) && !tokens.isExpired(token)
    );
  };
}
