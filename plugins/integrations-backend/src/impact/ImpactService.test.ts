import { mockCredentials } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  HealthStatus,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { catalogEntity, stripeCatalog } from '../__testUtils__/catalogEntities';
import { ImpactService } from './ImpactService';

const stripe = {
  name: 'stripe',
  displayName: 'Stripe',
  owner: 'group:default/payments-team',
  environment: 'production',
} as IntegrationConfig;

function impactService(
  entities: Entity[],
  status: HealthStatus = 'healthy',
  limits?: { maxDepth: number; maxEntities: number },
) {
  return new ImpactService({
    catalog: catalogServiceMock({ entities }),
    configs: {
      getConfigs: async name => (name === 'stripe' ? [stripe] : []),
    },
    health: {
      getState: async () => ({
        integration: 'stripe',
        environment: 'production',
        status,
        reasons: [],
        recent: [],
      }),
    },
    limits,
  });
}

const credentials = mockCredentials.user('user:default/ada');

describe('ImpactService', () => {
  it('lists what depends on a down integration, directly and through others, grouped by owner', async () => {
    const impact = await impactService(stripeCatalog(), 'unhealthy').impactOf(
      'stripe',
      'production',
      credentials,
    );

    expect(impact.summary).toBe(
      'Stripe is down: checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) are affected.',
    );
    expect(impact.inCatalog).toBe(true);
    expect(impact.entityRef).toBe('resource:default/stripe');
    expect(impact.components).toEqual([
      {
        entityRef: 'component:default/checkout-service',
        kind: 'Component',
        name: 'checkout-service',
        owner: 'group:default/payments-team',
        direct: true,
        via: [],
      },
      {
        entityRef: 'component:default/invoicing',
        kind: 'Component',
        name: 'invoicing',
        owner: 'group:default/payments-team',
        direct: true,
        via: [],
      },
      {
        entityRef: 'component:default/billing-portal',
        kind: 'Component',
        name: 'billing-portal',
        owner: 'group:default/web-team',
        direct: false,
        via: ['component:default/checkout-service'],
      },
    ]);
    // The System holding checkout-service is affected through it.
    expect(impact.systems).toEqual([
      {
        entityRef: 'system:default/payments',
        kind: 'System',
        name: 'payments',
        title: 'Payments',
        owner: 'group:default/payments-team',
        direct: false,
        via: ['component:default/checkout-service'],
      },
    ]);
    expect(impact.others).toEqual([]);
    expect(impact.owners).toEqual([
      'group:default/payments-team',
      'group:default/web-team',
    ]);
    expect(impact.truncated).toBeUndefined();
  });

  it('says a degraded integration is degraded, and a healthy one what depends on it', async () => {
    const degraded = await impactService(stripeCatalog(), 'degraded').impactOf(
      'stripe',
      'production',
      credentials,
    );
    expect(degraded.summary).toMatch(/^Stripe is degraded: checkout-service/);

    const healthy = await impactService(stripeCatalog()).impactOf(
      'stripe',
      'production',
      credentials,
    );
    expect(healthy.summary).toBe(
      'checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) depend on Stripe.',
    );
  });

  it('says plainly when nothing depends on the integration', async () => {
    const alone = [
      catalogEntity('resource:default/stripe', {
        owner: 'group:default/payments-team',
      }),
    ];
    const impact = await impactService(alone, 'unhealthy').impactOf(
      'stripe',
      'production',
      credentials,
    );
    expect(impact).toMatchObject({
      inCatalog: true,
      components: [],
      systems: [],
      others: [],
      owners: ['group:default/payments-team'],
      summary: 'Stripe is down; nothing in the catalog depends on it.',
    });
  });

  it('falls back to nothing affected when the catalog has no Resource for the integration', async () => {
    const impact = await impactService([]).impactOf(
      'stripe',
      'production',
      credentials,
    );
    expect(impact).toMatchObject({
      inCatalog: false,
      components: [],
      owners: ['group:default/payments-team'],
      summary:
        'Stripe is not in the catalog yet, so what depends on it is unknown.',
    });
  });

  it('follows Systems and Resources that depend on the integration too, and skips what the caller cannot see', async () => {
    const entities = [
      catalogEntity('resource:default/stripe', {
        relations: [
          ['dependencyOf', 'system:default/shop'],
          ['dependencyOf', 'resource:default/stripe-connect'],
          ['dependencyOf', 'component:default/hidden'],
        ],
      }),
      catalogEntity('system:default/shop', { owner: 'group:default/web-team' }),
      catalogEntity('resource:default/stripe-connect', {
        owner: 'group:default/payments-team',
      }),
    ];
    const impact = await impactService(entities).impactOf(
      'stripe',
      'production',
      credentials,
    );
    expect(impact.systems.map(e => [e.entityRef, e.direct])).toEqual([
      ['system:default/shop', true],
    ]);
    expect(impact.others.map(e => [e.entityRef, e.kind])).toEqual([
      ['resource:default/stripe-connect', 'Resource'],
    ]);
    expect(impact.components).toEqual([]);
  });

  it('stops at its limits and says the list may be longer', async () => {
    const chain = Array.from({ length: 8 }, (_, i) =>
      catalogEntity(`component:default/c${i}`, {
        relations:
          i < 7 ? [['dependencyOf', `component:default/c${i + 1}`]] : [],
      }),
    );
    const entities = [
      catalogEntity('resource:default/stripe', {
        relations: [['dependencyOf', 'component:default/c0']],
      }),
      ...chain,
    ];

    const deep = await impactService(entities, 'healthy', {
      maxDepth: 3,
      maxEntities: 100,
    }).impactOf('stripe', 'production', credentials);
    expect(deep.components.map(c => c.name)).toEqual(['c0', 'c1', 'c2']);
    expect(deep.components[2].via).toEqual([
      'component:default/c0',
      'component:default/c1',
    ]);
    expect(deep.truncated).toBe(true);

    const wide = await impactService(entities, 'healthy', {
      maxDepth: 10,
      maxEntities: 5,
    }).impactOf('stripe', 'production', credentials);
    expect(wide.components).toHaveLength(5);
    expect(wide.truncated).toBe(true);
  });

  it('answers 503 when the catalog cannot be read', async () => {
    const service = new ImpactService({
      catalog: {
        getEntityByRef: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        },
        getEntitiesByRefs: async () => ({ items: [] }),
      },
      configs: { getConfigs: async () => [stripe] },
      health: { getState: async () => undefined },
    });
    await expect(
      service.impactOf('stripe', 'production', credentials),
    ).rejects.toThrow(ServiceUnavailableError);
    await expect(
      service.impactOf('stripe', 'production', credentials),
    ).rejects.toThrow(
      'The catalog could not be read to find what depends on stripe: connect ECONNREFUSED 127.0.0.1:7007',
    );
  });

  it('knows no integration that is not configured in the environment', async () => {
    await expect(
      impactService(stripeCatalog()).impactOf(
        'paypal',
        'production',
        credentials,
      ),
    ).rejects.toThrow('There is no integration paypal in production');
  });
});
