import { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { bearerToken, statusCode, statusText } from './http';
import {
  ietfRateLimitHeaders,
  ietfStructuredRateLimitHeaders,
} from './rateLimitHeaders';
import { sendReply } from '../server/reply';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ALGORITHMS = ['RS256', 'ES256'];
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function scooppError(status: number, error: string, message: string) {
  return { status, body: { error, message } };
}

const invalidToken = (message: string) =>
  scooppError(401, 'invalid_token', message);

const errors: ProviderErrors = {
  unauthorized: () => invalidToken('The access token is invalid.'),
  rateLimited: () =>
    scooppError(429, 'rate_limited', 'Too many requests; slow down.'),
  failure: status =>
    scooppError(status, statusCode(status), statusText(status)),
  notFound: req =>
    scooppError(404, 'not_found', `No route for ${req.method} ${req.path}.`),
};

interface Jwt {
  header: { kid?: unknown; alg?: unknown };
  payload: { exp?: unknown; iat?: unknown };
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function readJwt(token: string): Jwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every(part => BASE64URL.test(part))) {
    return undefined;
  }
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  return header && payload ? { header, payload } : undefined;
}

/**
 * Why Scoopp would refuse the token, or undefined if it would take it. Only
 * the form and the lifetime are checked: the simulator holds no public keys.
 */
function jwtProblem(token: string | undefined, now: number) {
  if (!token) {
    return 'A bearer token is required.';
  }
  const jwt = readJwt(token);
  if (!jwt) {
    return 'The access token is not a JWT.';
  }
  const { kid, alg } = jwt.header;
  const { exp, iat } = jwt.payload;
  if (typeof kid !== 'string' || kid === '') {
    return 'The token header has no kid.';
  }
  if (typeof alg !== 'string' || !ALGORITHMS.includes(alg)) {
    return 'The token must be signed with RS256 or ES256.';
  }
  if (typeof exp !== 'number' || typeof iat !== 'number') {
    return 'The token must carry exp and iat.';
  }
  if (exp * 1000 <= now) {
    return 'The access token has expired.';
  }
  return undefined;
}

/** A made-up but stable object count, so repeated checks see the same bucket. */
function objectCountOf(bucket: string) {
  return [...bucket].reduce((sum, char) => sum + char.charCodeAt(0), 0) * 7;
}

function routes(context: ProviderContext): Router {
  const router = Router();
  // Scoopp explains why it refuses a token, so this check does not use the generic one.
  router.use((req, res, next) => {
    const problem = context.behaviour().rejectCredentials
      ? 'The key id is not registered or the signature does not match its public key.'
      : jwtProblem(bearerToken(req), context.now());
    if (problem) {
      sendReply(res, invalidToken(problem));
    } else {
      next();
    }
  });

  router.get('/v1/me', (req, res) => {
    res.json({
      keyId: readJwt(bearerToken(req) ?? '')?.header.kid,
      account: 'acme',
      buckets: 3,
    });
  });

  router.get('/v1/buckets/:bucket', (req, res) => {
    const { bucket } = req.params;
    if (!BUCKET.test(bucket)) {
      sendReply(res, scooppError(404, 'not_found', 'No such bucket.'));
      return;
    }
    res.json({
      name: bucket,
      visibility: 'private',
      objectCount: objectCountOf(bucket),
    });
  });

  return router;
}

export const scooppProvider: SimulatedProvider = {
  id: 'scoopp',
  defaultScopes: ['media:read', 'media:write'],
  rateLimit: {
    limit: 1000,
    windowMs: 60 * 1000,
    // Both generations of the IETF draft, as APIs send while clients move over.
    headers: usage => ({
      ...ietfRateLimitHeaders(usage),
      ...ietfStructuredRateLimitHeaders(usage),
    }),
  },
  errors,
  routes,
};
