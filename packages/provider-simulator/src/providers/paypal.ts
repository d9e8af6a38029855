import { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import {
  basicCredentials,
  bearerMatching,
  bodyField,
  formBody,
  OPAQUE_TOKEN,
} from './http';
import { randomAlphanumeric, randomToken, unsupportedGrantType } from './oauth';
import { sendReply } from '../server/reply';

const ACCESS_TOKEN_SECONDS = 32_400;

const debugId = () => randomAlphanumeric(13).toLowerCase();

function paypalError(status: number, name: string, message: string) {
  return { status, body: { name, message, debug_id: debugId() } };
}

const errors: ProviderErrors = {
  unauthorized: () => ({
    status: 401,
    body: {
      error: 'invalid_token',
      error_description: 'Token signature verification failed',
    },
  }),
  rateLimited: () =>
    paypalError(
      429,
      'RATE_LIMIT_REACHED',
      'Too many requests. Blocked due to rate limiting.',
    ),
  failure: status => {
    if (status >= 500) {
      return paypalError(
        status,
        'INTERNAL_SERVICE_ERROR',
        'An internal service error has occurred.',
      );
    }
    if (status === 403) {
      return paypalError(
        status,
        'NOT_AUTHORIZED',
        'Authorization failed due to insufficient permissions.',
      );
    }
    return paypalError(
      status,
      'INVALID_REQUEST',
      'Request is not well-formed, syntactically incorrect, or violates schema.',
    );
  },
  notFound: () =>
    paypalError(
      404,
      'RESOURCE_NOT_FOUND',
      'The specified resource does not exist.',
    ),
};

const EVENT_TYPES = [
  ['PAYMENT.CAPTURE.COMPLETED', 'A payment capture completes.'],
  ['PAYMENT.CAPTURE.DENIED', 'A payment capture is denied.'],
  ['PAYMENT.CAPTURE.REFUNDED', 'A merchant refunds a payment capture.'],
  ['CHECKOUT.ORDER.APPROVED', 'A buyer approved a checkout order.'],
].map(([name, description]) => ({ name, description, status: 'ENABLED' }));

function routes(context: ProviderContext): Router {
  const router = Router();

  router.post('/v1/oauth2/token', formBody, (req, res) => {
    const client = basicCredentials(req);
    if (
      context.behaviour().rejectCredentials ||
      !client?.username ||
      !client.password
    ) {
      sendReply(res, {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: 'Client Authentication failed',
        },
      });
      return;
    }
    const grantType = bodyField(req, 'grant_type');
    if (grantType !== 'client_credentials') {
      sendReply(res, unsupportedGrantType(grantType));
      return;
    }
    const scopes = context.behaviour().scopes ?? [];
    const accessToken = `A21AA${randomToken(72)}`;
    context.tokens.issue(accessToken, {
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      scopes,
      clientId: client.username,
    });
    res.json({
      scope: scopes.join(' '),
      access_token: accessToken,
      token_type: 'Bearer',
      app_id: 'APP-80W284485P519543T',
      expires_in: ACCESS_TOKEN_SECONDS,
      nonce: `${new Date(context.now())
        .toISOString()
        .slice(0, 19)}Z${randomToken(32)}`,
    });
  });

  const requireToken = context.requireCredentials(
    bearerMatching(OPAQUE_TOKEN, context.tokens),
  );

  router.get('/v1/notifications/webhooks', requireToken, (_req, res) => {
    res.json({
      webhooks: [
        {
          id: '8PT597110X687430LKGECATA',
          url: 'https://shop.example.com/webhooks/paypal',
          event_types: EVENT_TYPES.slice(0, 3),
          links: [],
        },
      ],
    });
  });

  router.get(
    '/v1/notifications/webhooks-event-types',
    requireToken,
    (_req, res) => {
      res.json({ event_types: EVENT_TYPES });
    },
  );

  return router;
}

export const paypalProvider: SimulatedProvider = {
  id: 'paypal',
  // What a REST app with Payments and Refunds enabled is granted.
  defaultScopes: [
    'https://uri.paypal.com/services/invoicing',
    'https://uri.paypal.com/services/payments/payment/authcapture',
    'https://uri.paypal.com/services/payments/refund',
  ],
  // PayPal publishes no number; this keeps benchmarks unthrottled while still counting.
  rateLimit: { limit: 100, windowMs: 1000 },
  errors,
  responseHeaders: () => ({ 'Paypal-Debug-Id': debugId() }),
  routes,
};
