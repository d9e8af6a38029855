import { ImpactedEntity } from '@internal/plugin-integrations-common';
import { affectedSentence, impactSummary, withAffected } from './impactSummary';

function component(name: string, owner?: string): ImpactedEntity {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    name,
    ...(owner ? { owner: `group:default/${owner}` } : {}),
    direct: true,
    via: [],
  };
}

describe('impact summary', () => {
  it('agrees with one entity, and lists those without an owner last', () => {
    expect(
      affectedSentence([component('checkout-service', 'payments-team')]),
    ).toBe('checkout-service (payments-team) is affected');
    expect(
      affectedSentence([
        component('legacy-cron'),
        component('checkout-service', 'payments-team'),
      ]),
    ).toBe('checkout-service (payments-team), legacy-cron are affected');
  });

  it('names ten and counts the rest, so a notification stays readable', () => {
    const many = Array.from({ length: 13 }, (_, i) =>
      component(`service-${i}`, 'web-team'),
    );
    expect(affectedSentence(many)).toBe(
      'service-0, service-1, service-2, service-3, service-4, service-5, service-6, service-7, service-8 and service-9 (web-team) and 3 more are affected',
    );
  });

  it('says a healthy integration with one dependent in the singular', () => {
    expect(
      impactSummary({
        displayName: 'Brevo',
        inCatalog: true,
        affected: [component('newsletter', 'marketing')],
      }),
    ).toBe('newsletter (marketing) depends on Brevo.');
  });

  it('adds the affected to a description, with the full stop between', () => {
    const affected = [component('checkout-service', 'payments-team')];
    expect(withAffected('Stripe answers 503', affected)).toBe(
      'Stripe answers 503. checkout-service (payments-team) is affected.',
    );
    expect(withAffected('Stripe answers 503.', [])).toBe('Stripe answers 503.');
  });
});
