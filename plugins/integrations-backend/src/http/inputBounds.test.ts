import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { dumpAllTables } from '../__testUtils__/dumpAllTables';
import {
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

/** `{"level":{"level":…{}}}` with `depth` objects, written out as text: serializing it would overflow the stack. */
function nestedJson(depth: number): string {
  return `${'{"level":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
}

const wideJson = JSON.stringify(
  Object.fromEntries([...Array(201).keys()].map(key => [`key${key}`, key])),
);

const largeJson = JSON.stringify({ text: 'x'.repeat(65 * 1024) });

const outOfBounds = [
  {
    what: 'nested 20,000 levels deep',
    json: nestedJson(20_000),
    message: 'Nested more than 32 levels deep',
  },
  {
    what: 'of 65 KB',
    json: largeJson,
    message: 'At most 64 KB (65536 bytes) as JSON, not 66571 bytes',
  },
  {
    what: 'with 201 keys',
    json: wideJson,
    message: 'At most 200 keys in one object, not 201',
  },
];

describe('bounds on free-form JSON and on the request body', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let server: Server;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    server = await startIntegrationsBackend({ knex });
  });

  /** Sends a body given as JSON text and expects a refusal that leaves every table as it was. */
  async function expectRefused(
    send: (json: string) => request.Test,
    json: string,
    status: number,
  ) {
    const before = await dumpAllTables(knex);
    const response = await send(json)
      .set('Authorization', asAdmin)
      .set('Content-Type', 'application/json');
    expect(response.status).toBe(status);
    expect(await dumpAllTables(knex)).toEqual(before);
    return response.body.error;
  }

  describe.each(outOfBounds)('a value $what', ({ json, message }) => {
    it.each([
      ['customSettings', ''],
      ['customSettings', '&dryRun=true'],
      ['featureSettings', ''],
      ['featureSettings', '&dryRun=true'],
    ])('in %s is refused by PUT /configs/:name?%s', async (field, query) => {
      const error = await expectRefused(
        body =>
          request(server)
            .put(`/api/integrations/configs/stripe?environment=staging${query}`)
            .send(body),
        `{"version":1,"featureConfig":{"${field}":${json}}}`,
        400,
      );
      const path = `body.featureConfig.${field}`;
      expect(error.fields).toEqual([{ path, message }]);
      expect(error.message).toContain(`${path}: ${message}`);
    });

    it('in the settings of POST /configs is refused', async () => {
      const error = await expectRefused(
        body => request(server).post('/api/integrations/configs').send(body),
        `{"template":"stripe","name":"stripe-deep","owner":"group:default/payments-team","settings":{"featureConfig":{"customSettings":${json}}}}`,
        400,
      );
      expect(error.fields).toEqual([
        { path: 'body.settings.featureConfig.customSettings', message },
      ]);
    });

    it('in a change of POST /bulk-update is refused', async () => {
      const error = await expectRefused(
        body =>
          request(server).post('/api/integrations/bulk-update').send(body),
        `{"stripe":{"featureConfig":{"customSettings":${json}}}}`,
        400,
      );
      expect(error.fields).toEqual([
        { path: 'body.stripe.featureConfig.customSettings', message },
      ]);
    });
  });

  it('names the object with too many keys inside a value', async () => {
    const error = await expectRefused(
      body =>
        request(server)
          .put('/api/integrations/configs/stripe?environment=staging')
          .send(body),
      `{"version":1,"featureConfig":{"customSettings":{"regions":{"eu":${wideJson}}}}}`,
      400,
    );
    expect(error.fields).toEqual([
      {
        path: 'body.featureConfig.customSettings.regions.eu',
        message: 'At most 200 keys in one object, not 201',
      },
    ]);
  });

  it('refuses more than 200 credential fields at once', async () => {
    const error = await expectRefused(
      body =>
        request(server)
          .put('/api/integrations/stripe/credentials?environment=staging')
          .send(body),
      JSON.stringify({
        credentials: Object.fromEntries(
          [...Array(201).keys()].map(key => [`field${key}`, 'value']),
        ),
      }),
      400,
    );
    expect(error.fields).toEqual([
      { path: 'body.credentials', message: 'At most 200 fields' },
    ]);
  });

  it('saves settings within the bounds', async () => {
    const response = await request(server)
      .put('/api/integrations/configs/stripe?environment=staging')
      .set('Authorization', asAdmin)
      .send({
        version: 1,
        featureConfig: { customSettings: { region: { name: 'eu-west' } } },
      });
    expect(response.status).toBe(200);
    expect(response.body.config.featureConfig.customSettings).toEqual({
      region: { name: 'eu-west' },
    });
  });

  it('answers a body over 1 MB with a 413 that names the limit', async () => {
    const body = JSON.stringify({ stripe: { notes: 'x'.repeat(1024 * 1024) } });
    const error = await expectRefused(
      json => request(server).post('/api/integrations/bulk-update').send(json),
      body,
      413,
    );
    expect(error.message).toBe(
      `The request body is larger than the limit of 1048576 bytes (this one has ${Buffer.byteLength(
        body,
      )})`,
    );
  });
});
