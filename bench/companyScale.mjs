// What the cluster-based benchmarks share: a company's data seeded into a running replica's
// database, and the command line of a benchmark module run on its own.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { POSTGRES_URL, ROOT } from '../cluster/cluster.mjs';

/**
 * Fills the integrations database of a cluster (named by its database prefix) with
 * `integrations` integrations and `stored` usage events over 30 days; answers what the
 * seeding script printed: the integrations' names, the events stored and the seconds it took.
 */
export function seedCompanyScale({
  databasePrefix,
  integrations,
  stored,
  checkable = 0,
  simulator,
}) {
  const database = new URL(POSTGRES_URL.href);
  database.pathname = `/${databasePrefix}integrations`;
  const printed = execFileSync(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'plugins/integrations-backend/bench/seedCompanyScale.ts',
      '--database',
      database.href,
      '--integrations',
      String(integrations),
      '--stored',
      String(stored),
      ...(checkable
        ? ['--checkable', String(checkable), '--simulator', simulator]
        : []),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(printed);
}

/**
 * Runs `bench` with the numeric options given on the command line (`--name value`, defaults
 * from `defaults`) and prints its report, when `moduleUrl` is the script node was started with.
 */
export async function runWhenMain(moduleUrl, defaults, bench) {
  if (new URL(moduleUrl).pathname !== process.argv[1]) return;
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.entries(defaults).map(([name, value]) => [
        name,
        { type: 'string', default: String(value) },
      ]),
    ),
  });
  const report = await bench(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)])),
  );
  console.log(JSON.stringify(report, null, 2));
}
