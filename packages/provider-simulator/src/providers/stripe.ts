import { Request, Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { basicCredentials, bearerToken, statusText } from './http';
import { randomAlphanumeric } from './oauth';

const SECRET_KEY = /^(sk|rk)_(live|test)_[A-Za-z0-9]+$/;

/** Stripe takes the key as a bearer token or as the user name of HTTP Basic. */
export function stripeKey(req: Request): string | undefined {
  return bearerToken(req) ?? basicCredentials(req)?.username;
}

/** Stripe's way of naming a key in an error: its prefix and last four characters, and nothing of a short key. */
export function maskStripeKey(key: string): string {
  const prefix = /^[a-z]+_(live|test)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  return `${prefix}****${rest.length > 8 ? rest.slice(-4) : ''}`;
}

function stripeError(status: number, error: Record<string, string>) {
  return { status, body: { error } };
}

export const stripeErrors: ProviderErrors = {
  unauthorized(req) {
    const key = stripeKey(req);
    return stripeError(401, {
      message: key
        ? `Invalid API Key provided: ${maskStripeKey(key)}`
        : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      type: 'invalid_request_error',
    });
  },
  rateLimited: () => ({
    ...stripeError(429, {
      message:
        'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      type: 'rate_limit_error',
      code: 'rate_limit',
    }),
    // Stripe says which of its limiters refused: global-rate, endpoint-rate,
    // global-concurrency, resource-specific…
    headers: { 'Stripe-Rate-Limited-Reason': 'global-rate' },
  }),
  failure: status =>
    stripeError(
      status,
      status >= 500
        ? {
            message:
              'An unknown error occurred. Please try again; if the problem persists, contact support.',
            type: 'api_error',
          }
        : { message: statusText(status), type: 'invalid_request_error' },
    ),
  notFound: req =>
    stripeError(404, {
      message: `Unrecognized request URL (${req.method}: ${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      type: 'invalid_request_error',
    }),
};

export const stripeResponseHeaders = () => ({
  'Request-Id': `req_${randomAlphanumeric(14)}`,
  'Stripe-Version': '2024-06-20',
});

/** Stripe's limit for live mode; test mode's is lower, but probes never come near either. */
export const stripeRateLimit = { limit: 100, windowMs: 1000 };

const isLiveKey = (req: Request) => stripeKey(req)?.includes('_live_') ?? false;

function amounts(amount: number) {
  return [{ amount, currency: 'usd', source_types: { card: amount } }];
}

/** The account-level API that Stripe and Stripe Connect share, behind a valid secret key. */
export function stripeApiRoutes(context: ProviderContext): Router {
  const router = Router();
  router.use(
    context.requireCredentials(req => SECRET_KEY.test(stripeKey(req) ?? '')),
  );

  router.get('/v1/balance', (req, res) => {
    res.json({
      object: 'balance',
      available: amounts(1_254_300),
      connect_reserved: [{ amount: 0, currency: 'usd' }],
      livemode: isLiveKey(req),
      pending: amounts(48_250),
    });
  });

  router.get('/v1/customers', (req, res) => {
    res.json({
      object: 'list',
      data: [
        {
          id: 'cus_QmZ4bX8tWq2Lr7',
          object: 'customer',
          balance: 0,
          created: 1_717_000_000,
          currency: 'usd',
          email: 'jenny.rosen@example.com',
          livemode: isLiveKey(req),
          metadata: {},
          name: 'Jenny Rosen',
        },
      ],
      has_more: false,
      url: '/v1/customers',
    });
  });

  router.get('/v1/charges', (req, res) => {
    res.json({
      object: 'list',
      data: [charge(req.query.customer, isLiveKey(req))],
      has_more: false,
      url: '/v1/charges',
    });
  });

  // Stripe takes form-encoded bodies; the simulator charges whatever it is sent.
  router.post('/v1/charges', (req, res) => {
    res.json(charge(undefined, isLiveKey(req)));
  });

  return router;
}

function charge(customer: unknown, livemode: boolean) {
  return {
    id: `ch_${randomAlphanumeric(24)}`,
    object: 'charge',
    amount: 2_000,
    currency: 'usd',
    customer: typeof customer === 'string' ? customer : 'cus_QmZ4bX8tWq2Lr7',
    livemode,
    paid: true,
    status: 'succeeded',
  };
}

export const stripeProvider: SimulatedProvider = {
  id: 'stripe',
  defaultScopes: [],
  rateLimit: stripeRateLimit,
  errors: stripeErrors,
  responseHeaders: stripeResponseHeaders,
  routes: stripeApiRoutes,
};
