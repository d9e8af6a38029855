import { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import {
  basicCredentials,
  bearerMatching,
  bodyField,
  formBody,
  OPAQUE_TOKEN,
  statusText,
} from './http';
import { randomToken, refreshTokenGrant } from './oauth';
import { sendReply } from '../server/reply';

const ACCESS_TOKEN_SECONDS = 7200;

/** X answers errors as RFC 7807 problem details. */
function problem(status: number, title = statusText(status)) {
  return {
    status,
    body: { title, detail: title, type: 'about:blank', status },
  };
}

const errors: ProviderErrors = {
  unauthorized: () => problem(401, 'Unauthorized'),
  rateLimited: () => problem(429, 'Too Many Requests'),
  failure: status => problem(status),
  notFound: () => problem(404),
};

function routes(context: ProviderContext): Router {
  const router = Router();

  router.post('/2/oauth2/token', formBody, (req, res) => {
    // Confidential clients authenticate with HTTP Basic, public ones only name themselves.
    if (!basicCredentials(req)?.username && !bodyField(req, 'client_id')) {
      sendReply(res, {
        status: 401,
        body: {
          error: 'unauthorized_client',
          error_description: 'Missing valid authorization header',
        },
      });
      return;
    }
    const grant = refreshTokenGrant(req, context, {
      tokenFormat: OPAQUE_TOKEN,
      refused: {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'Value passed for the token was invalid.',
        },
      },
    });
    if ('reply' in grant) {
      sendReply(res, grant.reply);
      return;
    }
    const { refreshToken } = grant;
    // X rotates refresh tokens: the one just used is spent.
    context.tokens.revokeRefreshToken(refreshToken);
    const scopes = context.behaviour().scopes ?? [];
    const accessToken = randomToken(66);
    context.tokens.issue(accessToken, {
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      scopes,
    });
    res.json({
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      access_token: accessToken,
      scope: scopes.join(' '),
      refresh_token: randomToken(66),
    });
  });

  const requireToken = context.requireCredentials(
    bearerMatching(OPAQUE_TOKEN, context.tokens),
  );

  router.get('/2/users/me', requireToken, (_req, res) => {
    res.json({
      data: {
        id: '1570412349923962880',
        name: 'Acme Shop',
        username: 'acmeshop',
      },
    });
  });

  router.get('/2/usage/tweets', requireToken, (_req, res) => {
    res.json({
      data: {
        project_id: '1570412349923962881',
        project_usage: '1342',
        project_cap: '10000',
        cap_reset_day: 19,
      },
    });
  });

  return router;
}

export const twitterProvider: SimulatedProvider = {
  id: 'twitter',
  defaultScopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
  rateLimit: {
    limit: 900,
    windowMs: 15 * 60 * 1000,
    // The app's 24-hour cap, counted beside the 15-minute endpoint window.
    dailyLimit: 10_000,
    headers: usage => ({
      'x-rate-limit-limit': String(usage.limit),
      'x-rate-limit-remaining': String(usage.remaining),
      'x-rate-limit-reset': String(Math.ceil(usage.resetAt / 1000)),
      ...(usage.day
        ? {
            'x-app-limit-24hour-limit': String(usage.day.limit),
            'x-app-limit-24hour-remaining': String(usage.day.remaining),
            'x-app-limit-24hour-reset': String(
              Math.ceil(usage.day.resetAt / 1000),
            ),
          }
        : {}),
    }),
  },
  errors,
  routes,
};
