import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  EventParams,
  EventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startProviderSimulator } from '@internal/provider-simulator';
import Router from 'express-promise-router';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { integrationsTestConfig } from '../../__testUtils__/testBackend';
import { DatabaseAuditStore } from '../../audit/AuditStore';
import { DatabaseConfigStore } from '../../configuration/ConfigStore';
import { CredentialService } from '../../credentials/CredentialService';
import { DatabaseCredentialStore } from '../../credentials/CredentialStore';
import { CredentialVault } from '../../credentials/CredentialVault';
import { KeyRing } from '../../credentials/KeyRing';
import { applyDatabaseMigrations } from '../../database/migrations';
import { DemoDataSeeder } from '../../demo/DemoDataSeeder';
import { demoCredentialValues } from '../../demo/demoIntegrations';
import { RequestGuard } from '../../permissions/RequestGuard';
import { registerPermissions } from '../../permissions/registerPermissions';
import { integrationPermissionResourceRef } from '../../permissions/rules';
import { DatabaseUsageEventStore } from '../../usage/UsageEventStore';
import { createInboundWebhooks } from './inboundWebhooks';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const STRIPE_SECRET = demoCredentialValues(
  'stripe',
  'production',
).webhookSigningSecret;
const GITHUB_SECRET = demoCredentialValues(
  'github',
  'production',
).webhookSecret;
const ALL_SECRETS = [
  STRIPE_SECRET,
  GITHUB_SECRET,
  demoCredentialValues('telegram', 'production').webhookSecretToken,
];

const asAdmin = mockCredentials.user.header('user:default/ada.admin');
const asViewer = mockCredentials.user.header('user:default/vic.viewer');

/**
 * The admin may do everything; the viewer reads webhooks of Stripe only,
 * and no bodies.
 */
const permissions = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const principal = (options?.credentials as any)?.principal;
    const viewer = principal?.userEntityRef === 'user:default/vic.viewer';
    return requests.map(r => {
      const ref = (r as { resourceRef?: string }).resourceRef ?? '';
      const denied =
        viewer &&
        (r.permission.name === 'integrations.webhooks.payloads.read' ||
          (r.permission.name === 'integrations.webhooks.read' &&
            !ref.startsWith('stripe:')));
      return {
        result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      };
    });
  },
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
}).factory;

/** What the receiver published on the events service. */
const published: EventParams[] = [];
const recordingEvents = createServiceFactory({
  service: eventsServiceRef,
  deps: {},
  factory: (): EventsService => ({
    publish: async params => {
      published.push(params);
    },
    subscribe: async () => {},
  }),
});

/** The plugin's inbound webhooks wired as plugin.ts and router.ts wire them. */
const inboundTestPlugin = createBackendPlugin({
  pluginId: 'integrations',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, logger } = deps;
        await applyDatabaseMigrations(database);
        const audit = await DatabaseAuditStore.create({ database });
        const configs = await DatabaseConfigStore.create({ database, audit });
        const credentialStore = await DatabaseCredentialStore.create({
          database,
          audit,
        });
        const vault = new CredentialVault(KeyRing.fromConfig(config));
        await new DemoDataSeeder({
          configs,
          credentials: credentialStore,
          vault,
          logger,
        }).seedIfEmpty();

        const inbound = await createInboundWebhooks({
          config,
          database,
          scheduler: deps.scheduler,
          retentionSchedule: {
            frequency: { hours: 24 },
            timeout: { minutes: 1 },
            initialDelay: { hours: 24 },
          },
          configs,
          credentials: new CredentialService({
            configs,
            credentials: credentialStore,
            vault,
          }),
          events: deps.events,
          usageEvents: await DatabaseUsageEventStore.create({ database }),
          logger,
        });
        httpRouter.addAuthPolicy(inbound.authPolicy);
        httpRouter.use(inbound.router);

        registerPermissions(deps.permissionsRegistry, configs);
        const router = Router();
        inbound.addLogRoutes(router, {
          guard: new RequestGuard({
            ...deps,
            auditStore: audit,
            permissionRuleset: deps.permissionsRegistry.getPermissionRuleset(
              integrationPermissionResourceRef,
            ),
          }),
        });
        httpRouter.use(router);
      },
    });
  },
});

function stripeEvent(id: string) {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_1', object: 'payment_intent', amount: 2000 } },
  });
}

function stripeSignature(body: string, at = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', STRIPE_SECRET)
    .update(`${at}.${body}`)
    .digest('hex');
  return `t=${at},v1=${v1}`;
}

function githubSignature(body: string | Buffer) {
  return `sha256=${createHmac('sha256', GITHUB_SECRET)
    .update(body)
    .digest('hex')}`;
}

describe('inbound webhooks over HTTP', () => {
  let server: Server;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    ({ server } = await startTestBackend({
      features: [
        inboundTestPlugin,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        integrationsTestConfig({
          webhooks: { inbound: { rateLimit: { perSecond: 0.001, burst: 60 } } },
        }),
        permissions,
        recordingEvents,
      ],
    }));
  });

  beforeEach(() => {
    published.length = 0;
  });

  const receive = (integration: string, environment = 'production') =>
    request(server).post(
      `/api/integrations/webhooks/inbound/${integration}?environment=${environment}`,
    );

  const log = (query: string, as = asAdmin) =>
    request(server)
      .get(`/api/integrations/webhooks/inbound?${query}`)
      .set('Authorization', as);

  it('takes a signed Stripe event without credentials, publishes it once and logs it with its body', async () => {
    const body = stripeEvent('evt_route_1');
    const send = () =>
      receive('stripe')
        .set('Authorization', mockCredentials.none.header())
        .set('content-type', 'application/json')
        .set('stripe-signature', stripeSignature(body))
        .send(body);

    const first = await send();
    const again = await send();

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect(published).toEqual([
      {
        topic: 'integrations.webhooks.stripe',
        eventPayload: JSON.parse(body),
        metadata: expect.objectContaining({
          integration: 'stripe',
          environment: 'production',
          providerEventId: 'evt_route_1',
          eventType: 'payment_intent.succeeded',
        }),
      },
    ]);
    const { body: listed } = await log('integration=stripe&limit=2');
    expect(listed.items).toEqual([
      expect.objectContaining({
        verification: 'duplicate',
        providerEventId: 'evt_route_1',
      }),
      expect.objectContaining({
        verification: 'verified',
        scheme: 'stripe',
        eventType: 'payment_intent.succeeded',
        responseStatus: 200,
        topic: 'integrations.webhooks.stripe',
        body: JSON.parse(body),
      }),
    ]);
  });

  it('refuses a bad signature and a stale one with a clear reason, and logs why', async () => {
    const body = stripeEvent('evt_route_2');
    const forged = await receive('stripe')
      .set('content-type', 'application/json')
      .set(
        'stripe-signature',
        `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      )
      .send(body);
    const stale = await receive('stripe')
      .set('content-type', 'application/json')
      .set(
        'stripe-signature',
        stripeSignature(body, Math.floor(Date.now() / 1000) - 3600),
      )
      .send(body);

    expect(forged.status).toBe(400);
    expect(forged.body.error.message).toBe(
      'No v1 signature in Stripe-Signature matches the body and the stored signing secret',
    );
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(
      /^Stale timestamp: signed 36\d\d s ago/,
    );
    expect(published).toEqual([]);
    const { body: rejected } = await log(
      'integration=stripe&verification=rejected',
    );
    expect(rejected.items.slice(0, 2)).toEqual([
      expect.objectContaining({
        responseStatus: 400,
        reason: expect.stringMatching(/^Stale/),
      }),
      expect.objectContaining({
        responseStatus: 400,
        reason: expect.stringMatching(/^No v1/),
      }),
    ]);
    expect(rejected.items[0].body).toBeUndefined();
  });

  it('takes a GitHub push the provider simulator sends, signed with the same secret', async () => {
    const simulator = await startProviderSimulator({ port: 0 });
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(
        `${simulator.url}/_control/github/webhooks`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            url: `http://127.0.0.1:${port}/api/integrations/webhooks/inbound/github`,
            secret: GITHUB_SECRET,
            environment: 'production',
          }),
        },
      );
      const outcome = await response.json();

      expect(outcome).toMatchObject({ status: 200, body: { received: true } });
      expect(published).toEqual([
        expect.objectContaining({
          topic: 'integrations.webhooks.github',
          metadata: expect.objectContaining({
            providerEventId: outcome.sent.id,
            eventType: 'push',
          }),
        }),
      ]);
    } finally {
      await simulator.close();
    }
  });

  it.each([
    [
      'an unknown integration',
      'acme-payments',
      'production',
      404,
      /No integration acme-payments in production/,
    ],
    [
      'a provider that sends no webhooks',
      'brevo',
      'production',
      404,
      /sends no webhooks/,
    ],
    ['an unknown environment', 'stripe', 'qa', 400, /query\.environment/],
    [
      'a configuration without a stored secret',
      'statuspage',
      'production',
      409,
      /set the webhook signing secret \(webhookSecret\) in Credentials/,
    ],
  ])('answers %s', async (_, integration, environment, status, message) => {
    const response = await receive(integration, environment)
      .set('content-type', 'application/json')
      .send('{}');

    expect(response.status).toBe(status);
    expect(response.body.error.message).toMatch(message);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await receive('github')
      .set('content-type', 'application/json')
      .send(`"${'a'.repeat(1024 * 1024)}"`);

    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe(
      'The webhook is larger than the 1048576 bytes the receiver reads',
    );
    const { body: listed } = await log(
      'integration=github&verification=rejected',
    );
    expect(listed.items[0]).toMatchObject({ responseStatus: 413 });
  });

  it('refuses a signed body too deep or not UTF-8 as malformed', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const notUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    for (const [body, reason] of [
      [deep, 'The body nests more than 64 levels deep'],
      [notUtf8, 'The body is not valid UTF-8'],
    ] as const) {
      const response = await receive('github')
        .set('content-type', 'application/octet-stream')
        .set('x-github-event', 'push')
        .set('x-github-delivery', `delivery-${reason.length}`)
        .set('x-hub-signature-256', githubSignature(body))
        .send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(reason);
    }
  });

  it('never answers a hostile request with a 5xx, nor with a secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'github',
          'telegram',
          'no-such',
          '%00',
          'a'.repeat(300),
        ),
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 2000 }).map(Buffer.from),
        ),
        fc.dictionary(
          fc.constantFrom(
            'stripe-signature',
            'x-hub-signature-256',
            'x-telegram-bot-api-secret-token',
            'x-github-delivery',
            'content-type',
          ),
          fc.stringMatching(/^[\x20-\x7e]{0,80}$/),
        ),
        async (integration, body, headers) => {
          const response = await request(server)
            .post(`/api/integrations/webhooks/inbound/${integration}`)
            .set('Authorization', mockCredentials.none.header())
            .set(headers)
            .send(body);
          expect(response.status).toBeLessThan(500);
          for (const secret of ALL_SECRETS) {
            expect(response.text).not.toContain(secret);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rate limits each integration, saying when to retry', async () => {
    let limited;
    for (let i = 0; i < 70 && !limited; i++) {
      const response = await receive('telegram').send('{}');
      if (response.status === 429) {
        limited = response;
      }
    }

    expect(limited?.headers['retry-after']).toMatch(/^\d+$/);
    // Other integrations are not held up by telegram's flood.
    expect((await receive('paypal').send('{}')).status).not.toBe(429);
  });

  it('keeps the log behind authentication and the webhook permissions', async () => {
    const anonymous = mockCredentials.none.header();
    expect(
      (
        await request(server)
          .get('/api/integrations/webhooks/inbound')
          .set('Authorization', anonymous)
      ).status,
    ).toBe(401);
    expect(
      (
        await request(server)
          .get('/api/integrations/webhooks/inbound/')
          .set('Authorization', anonymous)
      ).status,
    ).toBe(401);

    const body = stripeEvent('evt_route_log');
    await receive('stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', stripeSignature(body))
      .send(body);
    await receive('github').set('content-type', 'application/json').send('{}');

    const { body: admin } = await log('limit=200');
    const { body: viewer } = await log('limit=200', asViewer);

    const integrations = (items: Array<{ integration: string }>) =>
      [...new Set(items.map(item => item.integration))].sort();
    expect(integrations(admin.items)).toEqual(
      expect.arrayContaining(['github', 'stripe']),
    );
    expect(integrations(viewer.items)).toEqual(['stripe']);
    expect(admin.items.some((item: any) => item.body !== undefined)).toBe(true);
    expect(viewer.items.every((item: any) => item.body === undefined)).toBe(
      true,
    );
    expect(JSON.stringify(admin)).not.toContain(STRIPE_SECRET);
  });

  it('refuses a bad log query with the field', async () => {
    const response = await log('limit=0&verification=maybe');

    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((f: any) => f.path).sort()).toEqual([
      'query.limit',
      'query.verification',
    ]);
  });
});
