// `./run bench`: every benchmark in one report, as JSON (bench/output/report.json) and as a
// Markdown table (bench/output/report.md, also printed). Takes half an hour or more on 2 cores;
// `--only api,pages` runs some of them.
//
//   node bench/report.mjs [--only health,usage,errors,webhooks,api,pages,replicas]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../cluster/cluster.mjs';
import { benchApi } from './api.mjs';
import { benchPages } from './pages.mjs';
import { benchReplicas } from './replicas.mjs';

const OUTPUT_DIR = join(ROOT, 'bench', 'output');
const YARN = join(ROOT, '.yarn', 'releases', 'yarn-4.13.0.cjs');

/** Runs one of the backend's benchmark scripts and reads the JSON report it prints. */
function runScript(script) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [YARN, script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) {
        reject(new Error(`${script} exited with ${code}`));
        return;
      }
      // The report is the last JSON document the script printed.
      const start = out.lastIndexOf('\n{');
      resolve(JSON.parse(out.slice(start < 0 ? out.indexOf('{') : start)));
    });
  });
}

const BENCHMARKS = {
  health: () => runScript('bench:health'),
  usage: () => runScript('bench:usage'),
  errors: () => runScript('bench:errors'),
  webhooks: () => runScript('bench:webhooks'),
  api: () => benchApi(),
  pages: () => benchPages(),
  replicas: () => benchReplicas(),
};

function markdownOf(report) {
  const lines = [
    `# Benchmark report, ${report.startedAt}`,
    '',
    `${report.machine.cpus} CPUs, Node ${report.machine.node}`,
    '',
  ];
  const { api, pages, replicas } = report.results;
  if (api && !api.error) {
    lines.push(
      `## Reads at company scale (${api.data.integrations} integrations, ${api.data.usageEvents} usage events, ${api.data.errorEvents} error events; ${api.connections} connections)`,
      '',
      '| route | req/s | p50 ms | p95 ms | p99 ms | p95 ÷ constant route (goal ≤ 2) | p95 ÷ signed-in constant |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...Object.entries(api.routes).map(
        ([name, r]) =>
          `| ${name} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p95Ms} | ${
            r.p99Ms
          } | ${r.p95RatioToConstant ?? '1'} | ${
            r.p95RatioToSignedInConstant ?? '–'
          } |`,
      ),
      '',
      '| table | rows | MB with indexes | bytes per row |',
      '| --- | --- | --- | --- |',
      ...Object.entries(api.storage ?? {}).map(
        ([table, t]) =>
          `| ${table} | ${t.rows} | ${t.megabytes} | ${t.bytesPerRow} |`,
      ),
      '',
    );
  }
  if (pages && !pages.error) {
    lines.push(
      `## Time to content (${pages.integrations} integrations, ${pages.catalogEntities} catalog entities; median of ${pages.runs})`,
      '',
      '| page | ms | ÷ catalog page (goal ≤ 1.0) |',
      '| --- | --- | --- |',
      ...Object.entries(pages.pages).map(
        ([name, p]) =>
          `| ${name} | ${p.medianMs} | ${p.ratioToCatalog ?? '1'} |`,
      ),
      '',
    );
  }
  if (replicas && !replicas.error) {
    const figure = (result, unit) =>
      result.error ? `failed: ${result.error}` : `${result.perSecond} ${unit}`;
    const row = (what, key, unit) =>
      `| ${what} | ${figure(replicas.oneReplica[key], unit)} | ${figure(
        replicas.threeReplicas[key],
        unit,
      )} | ${replicas.threeToOne[key] ?? '–'} |`;
    lines.push(
      `## One replica and three (${replicas.cpus} CPUs)`,
      '',
      '| throughput | 1 replica | 3 replicas | 3 ÷ 1 (goal ≥ 2.5 with the cores) |',
      '| --- | --- | --- | --- |',
      row('scheduled health checks', 'scheduledChecks', '/s'),
      row('webhook deliveries', 'webhookDeliveries', '/s'),
      row('connection tests', 'connectionTests', '/s'),
      '',
    );
  }
  const others = Object.entries(report.results).filter(
    ([name]) => !['api', 'pages', 'replicas'].includes(name),
  );
  if (others.length) {
    lines.push('## Backend benchmarks', '');
    for (const [name, result] of others) {
      lines.push(
        `### ${name}`,
        '',
        '```json',
        JSON.stringify(result, null, 2),
        '```',
        '',
      );
    }
  }
  return lines.join('\n');
}

const { values } = parseArgs({
  options: { only: { type: 'string' } },
});
const selected = values.only
  ? values.only.split(',').map(name => name.trim())
  : Object.keys(BENCHMARKS);
for (const name of selected) {
  if (!BENCHMARKS[name]) {
    throw new Error(
      `no benchmark ${name}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  }
}

const { cpus } = await import('node:os');
const report = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  results: {},
};
for (const name of selected) {
  console.error(`==> benchmark: ${name}`);
  try {
    report.results[name] = await BENCHMARKS[name]();
  } catch (error) {
    report.results[name] = { error: String(error.message ?? error) };
  }
}
mkdirSync(OUTPUT_DIR, { recursive: true });
writeFileSync(
  join(OUTPUT_DIR, 'report.json'),
  `${JSON.stringify(report, null, 2)}\n`,
);
const markdown = markdownOf(report);
writeFileSync(join(OUTPUT_DIR, 'report.md'), `${markdown}\n`);
console.log(JSON.stringify(report, null, 2));
console.log(markdown);
