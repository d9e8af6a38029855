import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';
import { integrationsTestConfig } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const asAdmin = mockCredentials.user.header('user:default/ada.admin');
const asPayments = mockCredentials.user.header('user:default/pat.payments');

function isUser(credentials: BackstageCredentials, userEntityRef: string) {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  return principal.userEntityRef === userEntityRef;
}

/** Ada reads everything; Pat only what the payments team owns. */
const permissions = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (requests, { credentials }) =>
    requests.map(() =>
      isUser(credentials, 'user:default/pat.payments')
        ? {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'integrations',
            resourceType: 'integration',
            conditions: {
              rule: 'IS_INTEGRATION_OWNER',
              resourceType: 'integration',
              params: { claims: ['group:default/payments-team'] },
            },
          }
        : { result: AuthorizeResult.ALLOW },
    ),
}).factory;

describe('GET /analytics/usage, shared between callers', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        integrationsPlugin,
        integrationsTestConfig({ usage: { analyticsCacheSeconds: 300 } }),
        permissions,
      ],
    }));
  });

  const analytics = (authorization: string) =>
    request(server)
      .get('/api/integrations/analytics/usage?environment=production')
      .set('Authorization', authorization);

  it('answers callers asking at once alike, as JSON', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => analytics(asAdmin)));

    expect(answers.map(answer => answer.status)).toEqual([200, 200, 200]);
    expect(answers[0].type).toBe('application/json');
    expect(answers[1].text).toBe(answers[0].text);
    expect(answers[2].text).toBe(answers[0].text);
  });

  it('never gives a caller who may read less the answer of one who may read more', async () => {
    const everything = await analytics(asAdmin);
    const payments = await analytics(asPayments);

    const all = Object.keys(everything.body.usageMetrics);
    const own = Object.keys(payments.body.usageMetrics);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    expect(Object.keys(payments.body.costAnalysis).sort()).toEqual(own.sort());
    for (const name of own) {
      expect(payments.body.costAnalysis[name].owner).toBe(
        'group:default/payments-team',
      );
    }
  });

  it('ends the period at a whole minute, so that callers in the same minute share it', async () => {
    const { body } = await analytics(asAdmin);

    expect(Date.parse(body.period.end) % 60_000).toBe(0);
    expect(Date.parse(body.period.end)).toBeGreaterThanOrEqual(
      Date.now() - 60_000,
    );
  });
});
