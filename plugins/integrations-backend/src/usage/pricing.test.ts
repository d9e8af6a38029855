import { mockServices } from '@backstage/backend-test-utils';
import {
  fixedCostOf,
  priceListFor,
  pricingFromConfig,
  usageCostOf,
} from './pricing';

function pricingOf(usage: object) {
  return pricingFromConfig(
    mockServices.rootConfig({ data: { integrations: { usage } } }),
  );
}

describe('pricing', () => {
  const pricing = pricingOf({
    currency: 'USD',
    pricing: [
      {
        integration: 'brevo',
        monthly: 25,
        operations: [
          { endpoint: 'POST /v3/smtp/email', perUnit: 0.001 },
          { endpoint: '*', perCall: 0 },
        ],
      },
      {
        provider: 'twitter',
        environment: 'production',
        operations: [{ endpoint: '*', perCall: 0.01 }],
      },
    ],
  });

  it('prices calls by operation, units where the provider bills by them', () => {
    const brevo = priceListFor(
      pricing,
      { name: 'brevo', provider: 'brevo' },
      'production',
    );

    expect(
      usageCostOf(brevo, {
        method: 'POST',
        endpoint: '/v3/smtp/email',
        calls: 10,
        units: 5000,
      }),
    ).toBeCloseTo(5);
    expect(
      usageCostOf(brevo, {
        method: 'GET',
        endpoint: '/v3/account',
        calls: 10,
        units: 10,
      }),
    ).toBe(0);
  });

  it('finds a price list by integration, then by provider, in its environment only', () => {
    const x = { name: 'x-marketing', provider: 'twitter' };

    expect(priceListFor(pricing, x, 'production')?.provider).toBe('twitter');
    expect(priceListFor(pricing, x, 'staging')).toBeUndefined();
    expect(
      priceListFor(
        pricing,
        { name: 'stripe', provider: 'stripe' },
        'production',
      ),
    ).toBeUndefined();
    expect(pricing.currency).toBe('USD');
  });

  it('charges a monthly fee by the share of each month a period covers', () => {
    const list = { monthly: 30, operations: [], integration: 'brevo' };

    // Half of November (30 days) and one day of December (31 days).
    expect(
      fixedCostOf(
        list,
        new Date('2026-11-16T00:00:00Z'),
        new Date('2026-12-02T00:00:00Z'),
      ),
    ).toBeCloseTo(15 + 30 / 31);
  });

  it('names the wrong key of a price list or budget', () => {
    expect(() =>
      pricingOf({ pricing: [{ integration: 'a', provider: 'b' }] }),
    ).toThrow(
      'integrations.usage.pricing[0]: Name either an integration or a provider',
    );
    expect(() =>
      pricingOf({
        pricing: [{ integration: 'a', operations: [{ endpoint: '*' }] }],
      }),
    ).toThrow(
      'integrations.usage.pricing[0].operations.0: Give perCall, perUnit or both',
    );
    expect(() =>
      pricingOf({ budgets: [{ team: 'group:default/x', monthly: -5 }] }),
    ).toThrow(/integrations\.usage\.budgets\[0\]\.monthly/);
  });
});
