import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  InboundDelivery,
  ListInboundDeliveriesResponse,
  inboundDeliveriesQuerySchema,
  integrationNameSchema,
  optionalEnvironmentQuerySchema,
  webhookPayloadsReadPermission,
  webhookReadPermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ConfigStore } from '../../configuration/ConfigStore';
import { parseInput } from '../../http/validation';
import { RequestGuard } from '../../permissions/RequestGuard';
import { integrationResourceRef } from '../../permissions/rules';
import {
  InboundDeliveryStore,
  StoredInboundDelivery,
} from './InboundDeliveryStore';
import { InboundRateLimitedError } from './inboundRefusals';
import { InboundWebhookService } from './InboundWebhookService';

/** Largest webhook the receiver reads; providers send far less. */
export const MAX_INBOUND_BODY_BYTES = 1024 * 1024;

/**
 * The receiver's path, as an auth policy matches it: the integration segment
 * is required, so the log at `/webhooks/inbound` itself stays authenticated.
 */
export const INBOUND_RECEIVER_AUTH_POLICY = {
  path: '/webhooks/inbound/:integration',
  allow: 'unauthenticated',
} as const;

const receiverParamsSchema = z.strictObject({
  integration: integrationNameSchema,
});

/**
 * The receiver's own router, which the plugin mounts ahead of its API
 * router: signatures are over the bytes as sent, so no JSON parser may read
 * the body first.
 */
export function createInboundRouter(options: {
  service: InboundWebhookService;
}): express.Router {
  const { service } = options;
  const router = Router();

  const target = (req: express.Request) => {
    const { integration } = parseInput(
      receiverParamsSchema,
      req.params,
      'params',
    );
    const { environment = 'production' } = parseInput(
      optionalEnvironmentQuerySchema,
      req.query,
      'query',
    );
    return { integration, environment };
  };

  router.post(
    '/webhooks/inbound/:integration',
    // Checked before the body is read, so a bad address costs no upload.
    (req, res, next) => {
      // Kept for the oversized-body handler, which runs outside the route's params.
      res.locals.inboundTarget = target(req);
      next();
    },
    express.raw({
      type: () => true,
      limit: MAX_INBOUND_BODY_BYTES,
      // The signature covers the bytes as sent, never an inflated form.
      inflate: false,
    }),
    async (req, res) => {
      try {
        const answer = await service.receive({
          ...target(req),
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          header: name => headerOf(req, name),
          contentType: req.get('content-type'),
        });
        res.json(answer);
      } catch (error) {
        if (error instanceof InboundRateLimitedError) {
          res.set('Retry-After', String(error.retryAfterSeconds));
        }
        throw error;
      }
    },
  );
  const refuseOversized: express.ErrorRequestHandler = (
    error,
    _req,
    res,
    next,
  ) => {
    if (error?.type !== 'entity.too.large') {
      next(error);
      return;
    }
    const { integration, environment } = res.locals.inboundTarget as ReturnType<
      typeof target
    >;
    service
      .refuseOversized(
        integration,
        environment,
        MAX_INBOUND_BODY_BYTES,
        typeof error.length === 'number'
          ? error.length
          : MAX_INBOUND_BODY_BYTES,
      )
      .catch(refusal => {
        if (refusal instanceof InboundRateLimitedError) {
          res.set('Retry-After', String(refusal.retryAfterSeconds));
        }
        next(refusal);
      });
  };
  router.use(refuseOversized);
  return router;
}

function headerOf(req: express.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * `GET /webhooks/inbound`: the webhooks received for the configurations the
 * caller may see with `integrations.webhooks.read`, newest first; bodies only
 * with `integrations.webhooks.payloads.read`.
 */
export function addInboundLogRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    store: InboundDeliveryStore;
  },
) {
  const { guard, configs, store } = options;

  router.get('/webhooks/inbound', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(inboundDeliveriesQuerySchema, req.query, 'query');
    const visible = await visibleConfigurations(
      guard,
      configs,
      credentials,
      query,
    );
    const { items, totalCount } = await store.list({
      configurations: visible.map(v => [v.name, v.environment]),
      verification: query.verification,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    const withPayloads = new Set(
      visible.filter(v => v.payloads).map(v => `${v.name}:${v.environment}`),
    );
    const answer: ListInboundDeliveriesResponse = {
      items: items.map(item =>
        shown(
          item,
          withPayloads.has(`${item.integration}:${item.environment}`),
        ),
      ),
      totalCount,
    };
    res.json(answer);
  });
}

/** The configurations whose webhooks the caller may read, and whether their bodies too. */
async function visibleConfigurations(
  guard: RequestGuard,
  configs: ConfigStore,
  credentials: BackstageCredentials,
  query: { integration?: string; environment?: InboundDelivery['environment'] },
) {
  const { items } = await configs.listConfigs(
    {
      ...(await guard.readableFilter(credentials)),
      ...(query.environment ? { environment: query.environment } : {}),
    },
    { limit: 100_000 },
  );
  const wanted = items.filter(
    config => !query.integration || config.name === query.integration,
  );
  const refs = wanted.map(c => integrationResourceRef(c.name, c.environment));
  const [readable, payloads] = await Promise.all([
    guard.allowedResources(credentials, webhookReadPermission, refs),
    guard.allowedResources(credentials, webhookPayloadsReadPermission, refs),
  ]);
  const canRead = new Set(readable);
  const canSeePayloads = new Set(payloads);
  return wanted.flatMap(config => {
    const ref = integrationResourceRef(config.name, config.environment);
    return canRead.has(ref)
      ? [
          {
            name: config.name,
            environment: config.environment,
            payloads: canSeePayloads.has(ref),
          },
        ]
      : [];
  });
}

function shown(
  item: StoredInboundDelivery,
  withPayload: boolean,
): InboundDelivery {
  const { body, ...rest } = item;
  return withPayload && body !== undefined
    ? { ...rest, body: JSON.parse(body) }
    : rest;
}
