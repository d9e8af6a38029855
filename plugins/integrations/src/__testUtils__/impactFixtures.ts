import {
  ImpactedEntity,
  IntegrationImpact,
} from '@internal/plugin-integrations-common';

function entity(
  ref: string,
  owner: string | undefined,
  via: string[] = [],
  title?: string,
): ImpactedEntity {
  const [kind, rest] = ref.split(':');
  const name = rest.split('/')[1];
  return {
    entityRef: ref,
    kind: kind === 'system' ? 'System' : 'Component',
    name,
    ...(title ? { title } : {}),
    ...(owner ? { owner: `group:default/${owner}` } : {}),
    direct: via.length === 0,
    via,
  };
}

/**
 * Stripe down in production: checkout-service and invoicing call it,
 * billing-portal calls checkout-service, the Payments system holds
 * checkout-service.
 */
export function stripeImpact(
  overrides: Partial<IntegrationImpact> = {},
): IntegrationImpact {
  const checkout = 'component:default/checkout-service';
  return {
    integration: 'stripe',
    entityRef: 'resource:default/stripe',
    inCatalog: true,
    components: [
      entity(checkout, 'payments-team'),
      entity('component:default/invoicing', 'payments-team'),
      entity('component:default/billing-portal', 'web-team', [checkout]),
    ],
    systems: [
      entity(
        'system:default/payments',
        'payments-team',
        [checkout],
        'Payments',
      ),
    ],
    others: [],
    owners: ['group:default/payments-team', 'group:default/web-team'],
    summary:
      'Stripe is down: checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) are affected.',
    ...overrides,
  };
}

/** An integration the catalog knows, that nothing depends on. */
export function unusedImpact(integration: string): IntegrationImpact {
  return {
    integration,
    entityRef: `resource:default/${integration}`,
    inCatalog: true,
    components: [],
    systems: [],
    others: [],
    owners: ['group:default/payments-team'],
    summary: `Nothing in the catalog depends on ${integration}.`,
  };
}
