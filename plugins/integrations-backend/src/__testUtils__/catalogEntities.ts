import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { INTEGRATION_ENTITY_TYPE } from '@internal/plugin-integrations-common';

type Relation = [type: string, targetRef: string];

/**
 * An entity as the catalog serves it once stitched: its relations are
 * given here, since the mock catalog does not compute them from the spec.
 */
export function catalogEntity(
  ref: string,
  options: {
    owner?: string;
    title?: string;
    spec?: Record<string, unknown>;
    relations?: Relation[];
  } = {},
): Entity {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const kinds: Record<string, string> = {
    component: 'Component',
    system: 'System',
    resource: 'Resource',
    api: 'API',
    group: 'Group',
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kinds[kind],
    metadata: {
      name,
      namespace,
      ...(options.title ? { title: options.title } : {}),
    },
    spec: {
      ...(options.owner ? { owner: options.owner } : {}),
      ...options.spec,
    },
    relations: [
      ...(options.owner ? [['ownedBy', options.owner] as Relation] : []),
      ...(options.relations ?? []),
    ].map(([type, targetRef]) => ({ type, targetRef })),
  };
}

const PAYMENTS = 'group:default/payments-team';
const WEB = 'group:default/web-team';

/**
 * The Stripe story: checkout-service and invoicing call Stripe, the
 * billing portal calls checkout-service (and is called back by it, a
 * cycle), checkout-service is part of the Payments system.
 */
export function stripeCatalog(): Entity[] {
  return [
    catalogEntity('resource:default/stripe', {
      owner: PAYMENTS,
      spec: { type: INTEGRATION_ENTITY_TYPE },
      relations: [
        ['dependencyOf', 'component:default/checkout-service'],
        ['dependencyOf', 'component:default/invoicing'],
      ],
    }),
    catalogEntity('component:default/checkout-service', {
      owner: PAYMENTS,
      spec: { system: 'payments', dependsOn: ['resource:default/stripe'] },
      relations: [
        ['dependsOn', 'resource:default/stripe'],
        ['dependencyOf', 'component:default/billing-portal'],
        ['dependsOn', 'component:default/billing-portal'],
        ['partOf', 'system:default/payments'],
      ],
    }),
    catalogEntity('component:default/invoicing', {
      owner: PAYMENTS,
      relations: [['dependsOn', 'resource:default/stripe']],
    }),
    catalogEntity('component:default/billing-portal', {
      owner: WEB,
      relations: [
        ['dependsOn', 'component:default/checkout-service'],
        ['dependencyOf', 'component:default/checkout-service'],
      ],
    }),
    catalogEntity('system:default/payments', {
      owner: PAYMENTS,
      title: 'Payments',
      relations: [['hasPart', 'component:default/checkout-service']],
    }),
  ];
}

/** The in-memory catalog behind mock functions, so a test sees how it was asked. */
export function spiedCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return catalogServiceMock.mock({
    getEntityByRef: (ref, options) => catalog.getEntityByRef(ref, options),
    getEntitiesByRefs: (request, options) =>
      catalog.getEntitiesByRefs(request, options),
  });
}
