/* eslint-disable no-console */
/**
 * Fills the integrations database of a running portal with a company's
 * history: `--integrations` integrations in every environment and
 * `--stored` usage events over the last 30 days, raw and rolled up. The API
 * benchmark (`bench/api.mjs`) runs it against a replica of the production
 * build before it measures; error events are reported through the portal's
 * own API there, so they are captured as they would be. Prints one JSON line.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/integrations-backend/bench/seedCompanyScale.ts \
 *     --database postgresql://postgres@127.0.0.1:5432/<prefix>integrations \
 *     [--integrations 200] [--stored 5000000]
 */
import { parseArgs } from 'node:util';
import { connectBenchDatabase } from './benchDatabase';
import { createIntegrations } from './benchFixtures';
import { seedThirtyDays } from './usageFixtures';
import { createStores } from '../src/__testUtils__/createStores';

async function main() {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      integrations: { type: 'string', default: '200' },
      stored: { type: 'string', default: '5000000' },
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
    const stored = await seedThirtyDays(knex, names, Number(values.stored));
    console.log(
      JSON.stringify({
        integrations: names,
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
