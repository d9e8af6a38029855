import { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { statusCode, statusText } from './http';

const API_KEY = /^xkeysib-[A-Za-z0-9-]+$/;

function brevoError(status: number, code: string, message: string) {
  return { status, body: { code, message } };
}

const errors: ProviderErrors = {
  unauthorized: () => brevoError(401, 'unauthorized', 'Key not found'),
  rateLimited: () =>
    brevoError(
      429,
      'too_many_requests',
      'The expected rate limit is exceeded.',
    ),
  failure: status => brevoError(status, statusCode(status), statusText(status)),
  notFound: () => brevoError(404, 'not_found', 'Invalid route'),
};

function routes(context: ProviderContext): Router {
  const router = Router();
  router.use(
    context.requireCredentials(req => API_KEY.test(req.get('api-key') ?? '')),
  );

  router.get('/v3/account', (_req, res) => {
    res.json({
      email: 'ops@acme-shop.example',
      firstName: 'Ada',
      lastName: 'Lovelace',
      companyName: 'Acme Shop',
      address: {
        street: '1 Market Street',
        city: 'San Francisco',
        zipCode: '94105',
        country: 'United States',
      },
      plan: [{ type: 'free', credits: 300, creditsType: 'sendLimit' }],
      relay: {
        enabled: true,
        data: {
          userName: 'ops@acme-shop.example',
          relay: 'smtp-relay.brevo.com',
          port: 587,
        },
      },
    });
  });

  // Transactional email; the simulator sends nothing.
  router.post('/v3/smtp/email', (_req, res) => {
    res.status(201).json({
      messageId: `<${Date.now()}.${Math.floor(
        Math.random() * 1e6,
      )}@smtp-relay.mailin.fr>`,
    });
  });

  router.get('/v3/senders', (_req, res) => {
    res.json({
      senders: [
        {
          id: 1,
          name: 'Acme Shop',
          email: 'no-reply@acme-shop.example',
          active: true,
        },
      ],
    });
  });

  return router;
}

export const brevoProvider: SimulatedProvider = {
  id: 'brevo',
  defaultScopes: [],
  // Brevo documents 100 an hour for the account endpoints, which would throttle
  // any benchmark; a per-second window still shows the headers moving.
  rateLimit: {
    limit: 400,
    windowMs: 1000,
    headers: usage => ({
      'x-sib-ratelimit-limit': String(usage.limit),
      'x-sib-ratelimit-remaining': String(usage.remaining),
      'x-sib-ratelimit-reset': String(usage.resetInSeconds),
    }),
  },
  errors,
  routes,
};
