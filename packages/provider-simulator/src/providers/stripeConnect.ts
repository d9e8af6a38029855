import { Router } from 'express';
import { ProviderContext, SimulatedProvider } from './types';
import { bodyField, formBody } from './http';
import { randomAlphanumeric, refreshTokenGrant } from './oauth';
import {
  maskStripeKey,
  stripeApiRoutes,
  stripeErrors,
  stripeKey,
  stripeRateLimit,
  stripeResponseHeaders,
} from './stripe';
import { sendReply } from '../server/reply';

const PLATFORM_SECRET_KEY = /^sk_(live|test)_[A-Za-z0-9]+$/;
const REFRESH_TOKEN = /^rt_[A-Za-z0-9]+$/;

function routes(context: ProviderContext): Router {
  const router = Router();

  // Registered before the account API, whose key check would refuse a client_secret in the form.
  router.post('/oauth/token', formBody, (req, res) => {
    const secret = bodyField(req, 'client_secret') ?? stripeKey(req);
    if (!secret || !PLATFORM_SECRET_KEY.test(secret)) {
      sendReply(res, {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: secret
            ? `Invalid API Key provided: ${maskStripeKey(secret)}`
            : 'No API key provided.',
        },
      });
      return;
    }
    const grant = refreshTokenGrant(req, context, {
      tokenFormat: REFRESH_TOKEN,
      refused: {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description: 'Refresh token rt_*** does not exist',
        },
      },
    });
    if ('reply' in grant) {
      sendReply(res, grant.reply);
      return;
    }
    const { refreshToken } = grant;
    const mode = secret.startsWith('sk_live_') ? 'live' : 'test';
    // Connect access tokens do not expire, so there is nothing to record.
    res.json({
      access_token: `sk_${mode}_${randomAlphanumeric(24)}`,
      livemode: mode === 'live',
      refresh_token: refreshToken,
      token_type: 'bearer',
      stripe_publishable_key: `pk_${mode}_${randomAlphanumeric(24)}`,
      stripe_user_id: 'acct_1PzSimConnected01',
      scope: (context.behaviour().scopes ?? []).join(' '),
    });
  });

  router.use(stripeApiRoutes(context));

  // Reached only through the account API's key check above.
  router.get('/v1/accounts', (_req, res) => {
    res.json({
      object: 'list',
      data: [
        {
          id: 'acct_1PzSimConnected01',
          object: 'account',
          business_type: 'company',
          charges_enabled: true,
          country: 'US',
          default_currency: 'usd',
          details_submitted: true,
          email: 'seller@example.com',
          payouts_enabled: true,
          type: 'standard',
        },
      ],
      has_more: false,
      url: '/v1/accounts',
    });
  });

  return router;
}

export const stripeConnectProvider: SimulatedProvider = {
  id: 'stripe-connect',
  defaultScopes: ['read_write'],
  rateLimit: stripeRateLimit,
  errors: stripeErrors,
  responseHeaders: stripeResponseHeaders,
  routes,
};
