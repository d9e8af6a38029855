import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Requests with a NUL character, which PostgreSQL's text cannot hold, and the field each names. */
const cases: Array<[string, string, object | undefined, string]> = [
  [
    'put',
    '/configs/stripe?environment=staging',
    { version: 1, displayName: 'Stripe\u0000' },
    'body.displayName',
  ],
  [
    'put',
    '/configs/stripe?environment=staging',
    { version: 1, description: 'a\u0000b' },
    'body.description',
  ],
  [
    'put',
    '/configs/stripe?environment=staging',
    { version: 1, notes: '\u0000' },
    'body.notes',
  ],
  [
    'put',
    '/configs/stripe?environment=staging',
    { version: 1, featureConfig: { customSettings: { region: ['eu\u0000'] } } },
    'body.featureConfig.customSettings.region.0',
  ],
  [
    'post',
    '/configs',
    {
      template: 'stripe',
      name: 'stripe-nul',
      owner: 'group:default/payments-team',
      displayName: 'a\u0000b',
    },
    'body.displayName',
  ],
  [
    'post',
    '/configs/stripe/copy',
    { from: 'staging', to: 'development', notes: 'copied\u0000' },
    'body.notes',
  ],
  ['get', '/configs?text=a%00b', undefined, 'query.text'],
  ['get', '/configs?owner=%00', undefined, 'query.owner'],
  ['get', '/audit?user=a%00', undefined, 'query.user'],
];

describe.each(databases.eachSupportedId())(
  'a NUL character in input, on %p',
  databaseId => {
    it('is refused with a 400 naming the field, and changes nothing', async () => {
      const knex = await databases.init(databaseId);
      const server = await startIntegrationsBackend({ knex });
      const configsBefore = await knex('integration_configs').select();

      for (const [method, path, body, field] of cases) {
        const call = request(server)
          [method as 'get'](`/api/integrations${path}`)
          .set('Authorization', asAdmin);
        const response = await (body ? call.send(body) : call);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 400,
        });
        expect(response.body.error.fields).toEqual([
          {
            path: field,
            message: 'Must not contain the NUL character (U+0000)',
          },
        ]);
      }

      expect(await knex('integration_configs').select()).toEqual(configsBefore);
    });
  },
);
