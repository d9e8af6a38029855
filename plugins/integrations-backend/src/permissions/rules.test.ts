import { IntegrationConfig } from '@internal/plugin-integrations-common';
import {
  isInEnvironment,
  isIntegrationOwner,
  parseIntegrationResourceRef,
} from './rules';

const stripeProduction = {
  name: 'stripe',
  environment: 'production',
  owner: 'group:default/payments-team',
} as IntegrationConfig;

describe('integration permission rules', () => {
  it('allows owners, by their ownership claims', () => {
    expect(
      isIntegrationOwner.apply(stripeProduction, {
        claims: ['user:default/max.member', 'group:default/payments-team'],
      }),
    ).toBe(true);
    expect(
      isIntegrationOwner.apply(stripeProduction, {
        claims: ['group:default/support'],
      }),
    ).toBe(false);
    expect(
      isIntegrationOwner.toQuery({ claims: ['group:default/support'] }),
    ).toEqual({ property: 'owner', values: ['group:default/support'] });
  });

  it('allows configurations of the named environments', () => {
    expect(
      isInEnvironment.apply(stripeProduction, {
        environments: ['production'],
      }),
    ).toBe(true);
    expect(
      isInEnvironment.apply(stripeProduction, {
        environments: ['development', 'staging'],
      }),
    ).toBe(false);
  });

  it('reads resource refs of the form name:environment', () => {
    expect(parseIntegrationResourceRef('stripe-eu:staging')).toEqual({
      name: 'stripe-eu',
      environment: 'staging',
    });
    expect(parseIntegrationResourceRef('stripe-eu:qa')).toBeUndefined();
    expect(parseIntegrationResourceRef('stripe')).toBeUndefined();
  });
});
