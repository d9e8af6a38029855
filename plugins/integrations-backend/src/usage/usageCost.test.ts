import { pricingFromConfig } from './pricing';
import { mockServices } from '@backstage/backend-test-utils';
import { StoredRollup } from './UsageRollupStore';
import { PricedConfig, budgetStatusesOf, costAnalysisOf } from './usageCost';

const pricing = pricingFromConfig(
  mockServices.rootConfig({
    data: {
      integrations: {
        usage: {
          pricing: [
            {
              integration: 'brevo',
              monthly: 30,
              operations: [{ endpoint: 'POST /v3/smtp/email', perUnit: 0.01 }],
            },
            {
              provider: 'stripe',
              operations: [{ endpoint: '*', perCall: 0.5 }],
            },
          ],
          budgets: [
            { integration: 'brevo', monthly: 100 },
            {
              team: 'group:default/payments-team',
              monthly: 40,
              warningPercent: 50,
            },
          ],
        },
      },
    },
  }),
);

const configs: PricedConfig[] = [
  {
    name: 'brevo',
    provider: 'brevo',
    owner: 'group:default/growth-team',
    environment: 'production',
  },
  {
    name: 'stripe',
    provider: 'stripe',
    owner: 'group:default/payments-team',
    environment: 'production',
  },
  {
    name: 'stripe',
    provider: 'stripe',
    owner: 'group:default/payments-team',
    environment: 'staging',
  },
];

function rollup(overrides: Partial<StoredRollup>): StoredRollup {
  return {
    integration: 'brevo',
    environment: 'production',
    granularity: 'day',
    start: '2026-11-10T00:00:00.000Z',
    endpoint: '/v3/smtp/email',
    method: 'POST',
    calls: 10,
    failed: 0,
    errors: {},
    durationSumMs: 1000,
    durationMaxMs: 100,
    latency: {},
    requestBytes: 0,
    responseBytes: 0,
    units: 1000,
    largestTransfer: 0,
    ...overrides,
  };
}

describe('costAnalysisOf', () => {
  it("splits an integration's cost by operation and Component, with the monthly fee for the period", () => {
    const cost = costAnalysisOf(
      pricing,
      configs[0],
      [
        rollup({ component: 'component:default/newsletter' }),
        rollup({ units: 500 }),
        rollup({ method: 'GET', endpoint: '/v3/account', calls: 4, units: 4 }),
      ],
      [rollup({ units: 100 })],
      {
        previousFrom: new Date('2026-10-31T00:00:00Z'),
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-02T00:00:00Z'),
      },
    );

    expect(cost).toEqual({
      integration: 'brevo',
      owner: 'group:default/growth-team',
      currency: 'EUR',
      totalCost: 16,
      usageCost: 15,
      fixedCost: 1,
      // One October day of a 30-a-month fee (31 days) and 100 emails.
      previousPeriodCost: 1.97,
      byOperation: [
        { operation: 'POST /v3/smtp/email', calls: 20, units: 1500, cost: 15 },
        { operation: 'GET /v3/account', calls: 4, units: 4, cost: 0 },
      ],
      byComponent: [
        { component: 'component:default/newsletter', calls: 10, cost: 10 },
        { component: null, calls: 14, cost: 5 },
      ],
      priced: true,
    });
  });
});

describe('budgetStatusesOf', () => {
  it('spends a team budget over every environment and warns before the month overruns', () => {
    const [brevo, payments] = budgetStatusesOf(
      pricing,
      configs,
      [
        rollup({ units: 2000 }),
        rollup({ integration: 'stripe', endpoint: '/v1/charges', calls: 30 }),
        rollup({
          integration: 'stripe',
          environment: 'staging',
          endpoint: '/v1/charges',
          calls: 10,
        }),
      ],
      // A third of November has passed.
      new Date('2026-11-11T00:00:00Z'),
    );

    expect(brevo).toMatchObject({
      scope: 'integration',
      spent: 50,
      // The fee is owed once; usage goes on at its rate.
      projected: 90,
      percentUsed: 50,
      status: 'ok',
    });
    expect(payments).toMatchObject({
      scope: 'team',
      name: 'group:default/payments-team',
      spent: 20,
      percentUsed: 50,
      status: 'warning',
      integrations: [{ name: 'stripe', spent: 20 }],
    });
  });

  it('is critical once the budget is spent', () => {
    const [brevo] = budgetStatusesOf(
      pricing,
      configs,
      [rollup({ units: 8000 })],
      new Date('2026-11-29T00:00:00Z'),
    );

    expect(brevo).toMatchObject({ spent: 110, status: 'critical' });
  });
});
