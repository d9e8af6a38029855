/* eslint-disable no-console */
/**
 * Health-check throughput: N integrations checked against the provider
 * simulator answering after a fixed latency, on SQLite and on PostgreSQL in
 * one run. Prints one JSON report.
 *
 *   yarn bench:health [--integrations 1000] [--concurrency 50] [--latency 100]
 *                     [--postgres postgresql://postgres@127.0.0.1:5432]
 *
 * SQLite is a file in a temporary folder; PostgreSQL a fresh database on that
 * server, dropped afterwards, and skipped with a note when none answers.
 * Each database gets two sweeps of every integration. The figures are the
 * first's; the second's follow under `laterSweep`, whose rows added per
 * check are those of every later sweep in the hour (states, the hour's
 * rollups and counted audit rows already exist).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openBenchDatabase, postgresUnreachable } from './benchDatabase';
import { createStores } from '../src/__testUtils__/createStores';
import { SafeHttpClient } from '../src/network';
import { CredentialService } from '../src/credentials/CredentialService';
import { HealthCheckTask } from '../src/health/HealthCheckTask';
import { HealthService } from '../src/health/HealthService';
import { OAuthTokenService } from '../src/oauth/OAuthTokenService';
import { ConnectionTestService } from '../src/connectionTests/ConnectionTestService';
import { ProbeRunner } from '../src/connectionTests/ProbeRunner';
import { CredentialVault } from '../src/credentials/CredentialVault';
import { KeyRing } from '../src/credentials/KeyRing';

const ROOT = join(__dirname, '..', '..', '..');

/** The simulator runs in its own process, so its work does not count as ours. */
async function startSimulator(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/main.ts',
      '--port',
      '0',
    ],
    {
      cwd: join(ROOT, 'packages', 'provider-simulator'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`the simulator exited with ${code}`)),
    );
    child.stdout!.on('data', chunk => {
      const match = /http:\/\/[\d.]+:\d+/.exec(String(chunk));
      if (match) resolve(match[0]);
    });
  });
  return { url, stop: () => child.kill() };
}

const DEFAULT_POSTGRES = 'postgresql://postgres@127.0.0.1:5432';

/** Tables a health check writes to. */
const TABLES = [
  'test_runs',
  'health_states',
  'health_rollups',
  'health_events',
  'audit_log',
];

async function countRows(knex: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await knex(table).count({ count: '*' });
    counts[table] = Number(count);
  }
  return counts;
}

/** Rows each table gained per check between two counts. */
function rowsPerCheck(
  before: Record<string, number>,
  after: Record<string, number>,
  checks: number,
) {
  const perTable = Object.fromEntries(
    TABLES.map(table => [
      table,
      Math.round(((after[table] - before[table]) / checks) * 1000) / 1000,
    ]),
  );
  const total = Object.values(perTable).reduce((sum, n) => sum + n, 0);
  return { ...perTable, total: Math.round(total * 1000) / 1000 };
}

async function benchDatabase(options: {
  postgres?: string;
  simulatorUrl: string;
  resetSimulator: () => Promise<void>;
  integrations: number;
  concurrency: number;
  latencyMs: number;
}) {
  const { integrations, concurrency, latencyMs } = options;
  const database = await openBenchDatabase(options.postgres, {
    prefix: 'bench-health',
    poolMax: 20,
  });
  const { knex } = database;
  const store = await createStores(knex);
  const vault = new CredentialVault(
    KeyRing.fromKeys(
      [{ id: 'bench', secret: 'benchmark-only-key-0123456789-abcdefghij' }],
      'bench',
    ),
  );
  const provider = getProvider('generic-http')!;
  const at = new Date();
  const names = Array.from({ length: integrations }, (_, i) => `bench-${i}`);
  await store.configs.apply(
    names.map(name => ({
      kind: 'create' as const,
      integration: { name, provider: provider.id, category: provider.category },
      configs: [
        {
          environment: 'development' as const,
          settings: applySettingsPatch(
            defaultSettingsFor(provider, 'development', {
              owner: 'group:default/platform-team',
            }),
            {
              connectionConfig: {
                baseUrl: `${options.simulatorUrl}/generic-http`,
                timeout: 10_000,
              },
            },
          ),
        },
      ],
    })),
    { actor: 'bench', at, audit: [] },
  );
  for (const name of names) {
    await store.credentials.apply(
      { integration: name, environment: 'development' },
      [
        {
          kind: 'set',
          field: 'apiKey',
          sealed: vault.seal('bench-api-key-0123456789', {
            integration: name,
            environment: 'development',
            field: 'apiKey',
          }),
        },
      ],
      { actor: 'bench', at, audit: [] },
    );
  }

  const logger: LoggerService = {
    debug: () => {},
    info: () => {},
    warn: message => console.error(message),
    error: message => console.error(message),
    child: () => logger,
  };
  const credentials = new CredentialService({
    configs: store.configs,
    credentials: store.credentials,
    vault,
  });
  const http = new SafeHttpClient({ allowedCidrs: ['127.0.0.0/8'] });
  const tester = new ConnectionTestService({
    configs: store.configs,
    credentials,
    runner: new ProbeRunner({
      http,
      tokens: new OAuthTokenService({ http, credentials }),
    }),
    health: new HealthService({ ...store.healthServiceStores, logger }),
    logger,
  });
  const task = new HealthCheckTask({
    configs: store.configs,
    health: store.health,
    claims: store.healthClaims,
    tester,
    logger,
    concurrency,
  });
  const due = await task.due();

  const idealSeconds =
    (latencyMs / 1000) * Math.ceil(integrations / concurrency);
  const sweep = async () => {
    await options.resetSimulator();
    const before = await countRows(knex);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const { checked, failed } = await task.check(due);
    const wallSeconds = (performance.now() - started) / 1000;
    loopDelay.disable();
    return {
      checked,
      failed,
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      efficiency: Math.round((idealSeconds / wallSeconds) * 1000) / 1000,
      eventLoopDelayP99Ms:
        Math.round((loopDelay.percentile(99) / 1e6) * 10) / 10,
      rowsAddedPerCheck: rowsPerCheck(before, await countRows(knex), checked),
    };
  };
  const first = await sweep();
  const later = await sweep();

  await http.close();
  await database.close();

  return {
    database: options.postgres ? 'postgres' : 'sqlite',
    ...first,
    laterSweep: later,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      integrations: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '50' },
      latency: { type: 'string', default: '100' },
      postgres: { type: 'string', default: DEFAULT_POSTGRES },
    },
  });
  const integrations = Number(values.integrations);
  const concurrency = Number(values.concurrency);
  const latencyMs = Number(values.latency);

  const simulator = await startSimulator();
  // A fresh rate-limit window for each sweep: the bench measures us, not 429s.
  const resetSimulator = async () => {
    await fetch(`${simulator.url}/_control/generic-http`, { method: 'DELETE' });
    await fetch(`${simulator.url}/_control/generic-http`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs }),
    });
  };
  const common = {
    simulatorUrl: simulator.url,
    resetSimulator,
    integrations,
    concurrency,
    latencyMs,
  };
  const results: unknown[] = [await benchDatabase(common)];
  const unreachable = await postgresUnreachable(values.postgres!);
  results.push(
    unreachable
      ? { database: 'postgres', skipped: unreachable }
      : await benchDatabase({ ...common, postgres: values.postgres }),
  );
  simulator.stop();
  console.log(
    JSON.stringify(
      {
        integrations,
        concurrency,
        latencyMs,
        idealSeconds:
          (latencyMs / 1000) * Math.ceil(integrations / concurrency),
        results,
      },
      null,
      2,
    ),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
