import { distinctDisplayNames } from './displayNames';

describe('distinctDisplayNames', () => {
  it('adds the name only where display names collide', () => {
    const names = distinctDisplayNames([
      { name: 'stripe', displayName: 'Stripe' },
      { name: 'billing-webhooks', displayName: 'Generic HTTP API' },
      { name: 'crm-sync', displayName: 'Generic HTTP API' },
    ]);

    expect([...names]).toEqual([
      ['stripe', 'Stripe'],
      ['billing-webhooks', 'Generic HTTP API (billing-webhooks)'],
      ['crm-sync', 'Generic HTTP API (crm-sync)'],
    ]);
  });
});
