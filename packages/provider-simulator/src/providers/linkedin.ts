import { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { bearerMatching, formBody, OPAQUE_TOKEN, statusText } from './http';
import { oauthClient, randomToken, refreshTokenGrant } from './oauth';
import { sendReply } from '../server/reply';

const ACCESS_TOKEN_SECONDS = 5_184_000;
const REFRESH_TOKEN_SECONDS = 31_536_000;

const errors: ProviderErrors = {
  unauthorized: () => ({
    status: 401,
    body: {
      serviceErrorCode: 65600,
      message: 'Invalid access token',
      status: 401,
    },
  }),
  rateLimited: () => ({
    status: 429,
    body: {
      message:
        'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      status: 429,
    },
  }),
  failure: status => ({
    status,
    body: { message: statusText(status), status },
  }),
  notFound: req => ({
    status: 404,
    body: {
      serviceErrorCode: 0,
      message: `Resource ${req.path} does not exist`,
      status: 404,
    },
  }),
};

function routes(context: ProviderContext): Router {
  const router = Router();

  router.post('/oauth/v2/accessToken', formBody, (req, res) => {
    if (!oauthClient(req)) {
      sendReply(res, {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: 'Client authentication failed',
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
          error_description:
            'The provided authorization grant or refresh token is invalid, expired or revoked',
        },
      },
    });
    if ('reply' in grant) {
      sendReply(res, grant.reply);
      return;
    }
    const { refreshToken } = grant;
    const scopes = context.behaviour().scopes ?? [];
    const accessToken = `AQV${randomToken(96)}`;
    context.tokens.issue(accessToken, {
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      scopes,
    });
    // LinkedIn keeps the refresh token; only the access token is new.
    res.json({
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
      scope: scopes.join(','),
    });
  });

  const requireToken = context.requireCredentials(
    bearerMatching(OPAQUE_TOKEN, context.tokens),
  );

  router.get('/v2/userinfo', requireToken, (_req, res) => {
    res.json({
      sub: 'x7Kq2mTz9R',
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      email: 'ada@acme-shop.example',
      email_verified: true,
      locale: { country: 'US', language: 'en' },
    });
  });

  router.get('/v2/me', requireToken, (_req, res) => {
    res.json({
      id: 'x7Kq2mTz9R',
      localizedFirstName: 'Ada',
      localizedLastName: 'Lovelace',
    });
  });

  return router;
}

export const linkedinProvider: SimulatedProvider = {
  id: 'linkedin',
  defaultScopes: ['openid', 'profile', 'email', 'w_member_social'],
  // LinkedIn counts per application per day and reports it in no header.
  rateLimit: { limit: 100_000, windowMs: 24 * 60 * 60 * 1000 },
  errors,
  routes,
};
