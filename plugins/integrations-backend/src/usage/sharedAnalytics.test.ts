import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import {
  analyticsAnswersFromConfig,
  analyticsKeyOf,
  wholeMinutesOf,
} from './sharedAnalytics';

function readable(name: string, version = 1): IntegrationConfig {
  return {
    name,
    environment: 'production',
    metadata: {
      version,
      createdAt: '2026-12-01T00:00:00.000Z',
      createdBy: 'user:default/ada.admin',
      lastUpdated: '2026-12-01T00:00:00.000Z',
      updatedBy: 'user:default/ada.admin',
    },
  } as IntegrationConfig;
}

const question = {
  environment: 'production' as const,
  from: '2026-12-06T10:00:00.000Z',
  to: '2026-12-07T10:01:00.000Z',
};

describe('wholeMinutesOf', () => {
  it('widens the period to whole minutes', () => {
    expect(
      wholeMinutesOf(
        { from: '2026-12-06T10:00:59.999Z', to: '2026-12-07T10:00:00.001Z' },
        new Date(),
      ),
    ).toEqual({
      from: '2026-12-06T10:00:00.000Z',
      to: '2026-12-07T10:01:00.000Z',
    });
  });

  it('keeps a period already in whole minutes', () => {
    expect(wholeMinutesOf(question, new Date())).toEqual({
      from: question.from,
      to: question.to,
    });
  });

  it('ends a period without an end at the start of the next minute', () => {
    expect(wholeMinutesOf({}, new Date('2026-12-07T10:00:12.345Z'))).toEqual({
      to: '2026-12-07T10:01:00.000Z',
    });
  });
});

describe('analyticsKeyOf', () => {
  const everything = [readable('stripe'), readable('github')];

  it('is the same for the same question over the same configurations', () => {
    expect(analyticsKeyOf(question, everything)).toBe(
      analyticsKeyOf({ ...question }, [readable('stripe'), readable('github')]),
    );
  });

  it('differs for a caller who may read fewer configurations', () => {
    expect(analyticsKeyOf(question, [readable('github')])).not.toBe(
      analyticsKeyOf(question, everything),
    );
  });

  it('differs once a configuration changed', () => {
    expect(
      analyticsKeyOf(question, [readable('stripe', 2), readable('github')]),
    ).not.toBe(analyticsKeyOf(question, everything));
  });

  it('differs by environment, integration and period', () => {
    const key = analyticsKeyOf(question, everything);
    expect(
      analyticsKeyOf({ ...question, environment: 'staging' }, everything),
    ).not.toBe(key);
    expect(
      analyticsKeyOf({ ...question, integration: 'stripe' }, everything),
    ).not.toBe(key);
    expect(
      analyticsKeyOf(
        { ...question, to: '2026-12-07T10:02:00.000Z' },
        everything,
      ),
    ).not.toBe(key);
    expect(
      analyticsKeyOf({ ...question, from: undefined }, everything),
    ).not.toBe(key);
  });
});

describe('analyticsAnswersFromConfig', () => {
  const configWith = (usage: JsonObject) =>
    mockServices.rootConfig({ data: { integrations: { usage } } });

  it('accepts whole seconds, none included', () => {
    expect(() => analyticsAnswersFromConfig(configWith({}))).not.toThrow();
    expect(() =>
      analyticsAnswersFromConfig(configWith({ analyticsCacheSeconds: 0 })),
    ).not.toThrow();
  });

  it('refuses a time that is not whole seconds up to an hour', () => {
    expect(() =>
      analyticsAnswersFromConfig(configWith({ analyticsCacheSeconds: 1.5 })),
    ).toThrow(/integrations.usage.analyticsCacheSeconds/);
    expect(() =>
      analyticsAnswersFromConfig(configWith({ analyticsCacheSeconds: -1 })),
    ).toThrow(/whole number of seconds/);
  });
});
