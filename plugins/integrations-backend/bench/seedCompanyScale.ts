/* eslint-disable no-console */
/**
 * Fills the integrations database of a running portal with a company's
 * history: `--integrations` integrations in every environment and
 * `--stored` usage events over the last 30 days, raw and rolled up. The API
 * benchmark (`bench/api.mjs`) runs it against a replica of the production
 * build before it measures; error events are reported through the portal's
 * own API there, so they are captured as they would be. With `--checkable N`
 * it adds N switched-off generic HTTP integrations calling `--simulator`,
 * for the replicas benchmark to switch on. Prints one JSON line.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/integrations-backend/bench/seedCompanyScale.ts \
 *     --database postgresql://postgres@127.0.0.1:5432/<prefix>integrations \
 *     [--integrations 200] [--stored 5000000] [--checkable 0 --simulator URL]
 */
import { parseArgs } from 'node:util';
import { connectBenchDatabase } from './benchDatabase';
import {
  createCheckableIntegrations,
  createIntegrations,
} from './benchFixtures';
import { seedThirtyDays } from './usageFixtures';
import { createStores } from '../src/__testUtils__/createStores';

async function main() {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      integrations: { type: 'string', default: '200' },
      stored: { type: 'string', default: '5000000' },
      checkable: { type: 'string', default: '0' },
      simulator: { type: 'string' },
    },
  });
  if (!values.database) {
    throw new Error('--database names the integrations database to fill');
  }
  const started = performance.now();
  const knex = connectBenchDatabase(
    { postgres: values.database },
    { poolMax: 4 },
  );
  try {
    const stores = await createStores(knex);
    const names = await createIntegrations(
      stores,
      Number(values.integrations),
      'bench',
    );
    const stored = Number(values.stored)
      ? await seedThirtyDays(knex, names, Number(values.stored))
      : 0;
    const checkable = Number(values.checkable)
      ? await createCheckableIntegrations(
          stores,
          Number(values.checkable),
          `${values.simulator}/generic-http`,
        )
      : [];
    console.log(
      JSON.stringify({
        integrations: names,
        checkable,
        storedEvents: stored,
        seedSeconds: Math.round((performance.now() - started) / 1000),
      }),
    );
  } finally {
    await knex.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
