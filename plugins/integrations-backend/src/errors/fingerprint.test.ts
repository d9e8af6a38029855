import { mockServices } from '@backstage/backend-test-utils';
import { ErrorOccurrence } from './errorOccurrence';
import {
  fingerprintOf,
  fingerprintRulesFromConfig,
  normalizeMessage,
} from './fingerprint';
import { severityOf } from './severity';

const occurrence = (overrides: Partial<ErrorOccurrence>): ErrorOccurrence => ({
  id: 'e',
  integration: 'github',
  environment: 'production',
  source: 'usage',
  errorType: 'permission_missing',
  message: 'Resource not accessible by integration',
  httpStatus: 403,
  endpoint: '/repos/{owner}/{repo}',
  occurredAt: '2026-12-07T10:00:00Z',
  ...overrides,
});

describe('normalizeMessage', () => {
  it('takes out what changes between occurrences of one error', () => {
    expect(
      normalizeMessage(
        'Charge ch_3NaBcDeFgH12 of 2000 for ana@example.com failed at 2026-12-07T10:00:01Z, see https://x.test/a?b=1 (request 9f8e7d6c-1a2b-3c4d-5e6f-0a1b2c3d4e5f)',
      ),
    ).toBe(
      'charge <id> of <n> for <email> failed at <time>, see <url> (request <id>)',
    );
  });
});

describe('fingerprintOf', () => {
  it('gives one fingerprint to messages that differ in ids and numbers only', () => {
    const a = fingerprintOf(
      occurrence({ message: 'API rate limit exceeded for user ID 1.' }),
    );
    const b = fingerprintOf(
      occurrence({ message: 'API rate limit exceeded for user ID 48213.' }),
    );
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^v1:/);
  });

  it('keeps apart what differs in configuration, class, status, endpoint or code', () => {
    const base = fingerprintOf(occurrence({})).fingerprint;
    for (const change of [
      { environment: 'staging' as const },
      { integration: 'github-enterprise' },
      { errorType: 'auth_invalid' },
      { httpStatus: 404 },
      { endpoint: '/user' },
      { providerCode: 'insufficientPermissions' },
    ]) {
      expect(fingerprintOf(occurrence(change)).fingerprint).not.toBe(base);
    }
  });

  it("groups by the provider's code, whatever the message says", () => {
    expect(
      fingerprintOf(
        occurrence({
          providerCode: 'card_declined',
          message: 'Declined: 10 EUR',
        }),
      ).fingerprint,
    ).toBe(
      fingerprintOf(
        occurrence({
          providerCode: 'card_declined',
          message: 'Your card was declined for another reason',
        }),
      ).fingerprint,
    );
  });

  it('lets the first matching rule from config name the group', () => {
    const rules = fingerprintRulesFromConfig(
      mockServices.rootConfig({
        data: {
          integrations: {
            errors: {
              fingerprintRules: [
                {
                  match: {
                    integration: 'github',
                    messageIncludes: 'not accessible',
                  },
                  fingerprint: 'github-app-permissions',
                },
                { match: { integration: 'github' }, fingerprint: 'all-github' },
              ],
            },
          },
        },
      }),
    );
    const permissions = fingerprintOf(occurrence({}), rules);
    const other = fingerprintOf(
      occurrence({
        endpoint: '/user',
        message: 'Not accessible by integration',
      }),
      rules,
    );
    expect(permissions.rule).toBe('github-app-permissions');
    expect(other.fingerprint).toBe(permissions.fingerprint);
    expect(
      fingerprintOf(occurrence({ message: 'Bad credentials' }), rules).rule,
    ).toBe('all-github');
  });

  it('refuses a rule that matches everything', () => {
    expect(() =>
      fingerprintRulesFromConfig(
        mockServices.rootConfig({
          data: {
            integrations: {
              errors: { fingerprintRules: [{ fingerprint: 'everything' }] },
            },
          },
        }),
      ),
    ).toThrow(/matches nothing in particular/);
  });
});

describe('severityOf', () => {
  const impact = {
    environment: 'staging' as const,
    errorType: 'rate_limited',
    dependentIntegrations: 0,
    components: 0,
    lastHour: 1,
    usualPerHour: 1,
  };

  it('starts from the failure class and moves with environment, dependents and surges', () => {
    expect(severityOf(impact).severity).toBe('medium');
    expect(severityOf({ ...impact, environment: 'development' }).severity).toBe(
      'low',
    );
    expect(severityOf({ ...impact, environment: 'production' }).severity).toBe(
      'high',
    );
    expect(
      severityOf({ ...impact, dependentIntegrations: 1, components: 2 })
        .severity,
    ).toBe('high');
    const surge = severityOf({
      ...impact,
      environment: 'production',
      lastHour: 60,
      usualPerHour: 2,
    });
    expect(surge.severity).toBe('critical');
    expect(surge.reason).toBe(
      'rate_limited is medium on its own · production · 60 in the last hour against 2 an hour before',
    );
  });

  it('never goes past critical or low', () => {
    expect(
      severityOf({
        ...impact,
        environment: 'production',
        errorType: 'auth_invalid',
        dependentIntegrations: 5,
        lastHour: 100,
        usualPerHour: 0,
      }).severity,
    ).toBe('critical');
    expect(
      severityOf({
        ...impact,
        environment: 'development',
        errorType: 'bad_response',
      }).severity,
    ).toBe('low');
  });
});
