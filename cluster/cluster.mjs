// The production build as several backend replicas on one PostgreSQL, behind HAProxy: what
// `./run cluster` starts, and what the cluster tests start and break on purpose.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  cpSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = join(ROOT, 'packages', 'backend', 'dist');
const YARN_RELEASE = '.yarn/releases/yarn-4.13.0.cjs';

const { Client } = createRequire(
  join(ROOT, 'packages', 'backend', 'package.json'),
)('pg');

export const POSTGRES_URL = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432',
);

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Runs `fn` with a client on the server's maintenance database. */
export async function withPostgres(fn, database = 'postgres') {
  const url = new URL(POSTGRES_URL.href);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.href });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops every plugin database of one cluster (they all start with its prefix). */
export async function dropDatabases(prefix) {
  await withPostgres(async client => {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
  });
}

/**
 * Unpacks the backend bundle into `deployDir` with its production dependencies, as the README's
 * deployment steps do, unless that exact bundle is there already.
 */
function deploy(deployDir) {
  const bundle = join(BUNDLE_DIR, 'bundle.tar.gz');
  if (!existsSync(bundle)) {
    throw new Error(
      'packages/backend/dist/bundle.tar.gz is missing: build it with ./run build:all',
    );
  }
  const { size, mtimeMs } = statSync(bundle);
  const stamp = `${size}:${mtimeMs}`;
  const stampFile = join(deployDir, '.bundle-stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return;
  }
  rmSync(deployDir, { recursive: true, force: true });
  mkdirSync(join(deployDir, dirname(YARN_RELEASE)), { recursive: true });
  cpSync(join(ROOT, '.yarnrc.yml'), join(deployDir, '.yarnrc.yml'));
  cpSync(join(ROOT, YARN_RELEASE), join(deployDir, YARN_RELEASE));
  const run = (command, args) =>
    execFileSync(command, args, { cwd: deployDir, stdio: 'inherit' });
  run('tar', ['xzf', join(BUNDLE_DIR, 'skeleton.tar.gz')]);
  run('tar', ['xzf', bundle]);
  run(process.execPath, [
    YARN_RELEASE,
    'workspaces',
    'focus',
    '--all',
    '--production',
  ]);
  writeFileSync(stampFile, stamp);
}

/** What survives a restart of the cluster: the keys its data was written with. */
function clusterSecrets(dataDir) {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  const secrets = {
    backendSecret: randomBytes(24).toString('base64'),
    encryptionKey: randomBytes(48).toString('base64'),
    serviceToken: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function haproxyConfig({ port, replicaPorts }) {
  return `# Written by cluster/cluster.mjs: round robin over the replicas, each health-checked.
global
  maxconn 4096

defaults
  mode http
  timeout connect 5s
  timeout client 120s
  timeout server 120s
  # Signals keep a WebSocket open to one replica.
  timeout tunnel 1h
  option redispatch
  retries 2

frontend portal
  bind 127.0.0.1:${port}
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET /.backstage/health/v1/readiness
  http-check expect status 200
  # A replica busy with slow requests still answers within 5 s; three misses take it out.
  timeout check 5s
  default-server inter 2s fall 3 rise 1
${replicaPorts
  .map((p, i) => `  server replica${i + 1} 127.0.0.1:${p} check`)
  .join('\n')}
`;
}

async function waitUntilReady(url, child, timeoutMs, name) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

function lastLines(file, count = 30) {
  try {
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(-count)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

function startProcess(command, args, { cwd, env, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

function signal(child, name) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    // already gone
  }
}

async function stopProcess(child, timeoutMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  signal(child, 'SIGTERM');
  await Promise.race([exited, sleep(timeoutMs)]);
  if (child.exitCode === null && child.signalCode === null) {
    signal(child, 'SIGKILL');
    await exited;
  }
}

/**
 * Starts `replicas` backends of the production build on one PostgreSQL, the provider simulator
 * and HAProxy in front of them on `port`. The first replica starts alone (it migrates and
 * seeds), the others then together. `extraConfigs` (from the repository root, or absolute) are read after the cluster's own config.
 */
export async function startCluster({
  replicas = 3,
  port = 7200,
  dataDir = join(ROOT, 'data', 'cluster'),
  /** Shared by every cluster of this checkout: the bundle is unpacked once. */
  deployDir = join(ROOT, 'data', 'cluster-deploy'),
  databasePrefix = 'cluster_',
  fresh = false,
  extraConfigs = [],
  env = {},
} = {}) {
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  deploy(deployDir);
  for (const file of ['app-config.production.yaml', 'catalog-info.yaml']) {
    cpSync(join(ROOT, file), join(deployDir, file));
  }
  cpSync(join(ROOT, 'examples'), join(deployDir, 'examples'), {
    recursive: true,
  });
  if (fresh) {
    await dropDatabases(databasePrefix);
    rmSync(join(dataDir, 'secrets.json'), { force: true });
  }
  const secrets = clusterSecrets(dataDir);
  const url = `http://localhost:${port}`;
  const replicaPorts = Array.from({ length: replicas }, (_, i) => port + 1 + i);
  const simulatorPort = port + 91;

  const simulator = startProcess(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'packages/provider-simulator/src/main.ts',
      '--port',
      String(simulatorPort),
      '--https-port',
      String(simulatorPort + 1),
    ],
    { cwd: ROOT, env: process.env, logFile: join(logsDir, 'simulator.log') },
  );
  const processes = [simulator];
  const stopAll = async () => {
    await Promise.all(processes.map(child => stopProcess(child)));
  };

  try {
    await waitUntilReady(
      `http://127.0.0.1:${simulatorPort}/_control`,
      simulator,
      60_000,
      'the provider simulator',
    );

    const configArgs = [
      '--config',
      'app-config.production.yaml',
      '--config',
      join(ROOT, 'cluster', 'app-config.cluster.yaml'),
      ...extraConfigs.flatMap(path => [
        '--config',
        isAbsolute(path) ? path : join(ROOT, path),
      ]),
    ];
    const replicaEnv = replicaPort => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      POSTGRES_HOST: POSTGRES_URL.hostname,
      POSTGRES_PORT: POSTGRES_URL.port || '5432',
      POSTGRES_USER: decodeURIComponent(POSTGRES_URL.username),
      POSTGRES_PASSWORD: decodeURIComponent(POSTGRES_URL.password),
      BACKEND_SECRET: secrets.backendSecret,
      INTEGRATIONS_ENCRYPTION_KEY_ID: 'cluster',
      INTEGRATIONS_ENCRYPTION_KEY: secrets.encryptionKey,
      APP_BASE_URL: url,
      BACKEND_BASE_URL: url,
      SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
      SIMULATOR_HTTPS_URL: `https://127.0.0.1:${simulatorPort + 1}`,
      APP_CONFIG_backend_listen: `:${replicaPort}`,
      APP_CONFIG_backend_database_prefix: databasePrefix,
      APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
        {
          type: 'static',
          options: { token: secrets.serviceToken, subject: 'cluster-client' },
        },
      ]),
      ...env,
    });

    const replicaHandles = replicaPorts.map((replicaPort, i) => {
      const name = `replica ${i + 1}`;
      const logFile = join(logsDir, `replica-${i + 1}.log`);
      const handle = {
        name,
        port: replicaPort,
        url: `http://localhost:${replicaPort}`,
        logFile,
        child: undefined,
        async start() {
          const child = startProcess(
            process.execPath,
            ['packages/backend', ...configArgs],
            { cwd: deployDir, env: replicaEnv(replicaPort), logFile },
          );
          handle.child = child;
          processes.push(child);
          try {
            await waitUntilReady(
              `${handle.url}/.backstage/health/v1/readiness`,
              child,
              240_000,
              name,
            );
          } catch (error) {
            throw new Error(
              `${error.message}; its last lines:\n${lastLines(logFile)}`,
            );
          }
        },
        /** Kills the replica at once, as a crashed machine would. */
        kill() {
          signal(handle.child, 'SIGKILL');
          return new Promise(resolve =>
            handle.child.exitCode !== null || handle.child.signalCode !== null
              ? resolve()
              : handle.child.once('exit', resolve),
          );
        },
        stop: () => stopProcess(handle.child),
      };
      return handle;
    });

    await replicaHandles[0].start();
    await Promise.all(replicaHandles.slice(1).map(replica => replica.start()));

    const haproxyFile = join(dataDir, 'haproxy.cfg');
    writeFileSync(haproxyFile, haproxyConfig({ port, replicaPorts }));
    const haproxy = startProcess('haproxy', ['-db', '-f', haproxyFile], {
      cwd: dataDir,
      env: process.env,
      logFile: join(logsDir, 'haproxy.log'),
    });
    processes.push(haproxy);
    await waitUntilReady(
      `${url}/.backstage/health/v1/readiness`,
      haproxy,
      30_000,
      'HAProxy',
    );

    return {
      url,
      simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
      simulatorHttpsUrl: `https://127.0.0.1:${simulatorPort + 1}`,
      serviceToken: secrets.serviceToken,
      databasePrefix,
      logsDir,
      replicas: replicaHandles,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function main() {
  const replicas = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8) {
    throw new Error(
      `the number of replicas must be 1 to 8, got ${process.argv[2]}`,
    );
  }
  const cluster = await startCluster({ replicas });
  console.log(
    [
      `The portal runs on ${replicas} replica(s) behind HAProxy: ${cluster.url}`,
      ...cluster.replicas.map(r => `  ${r.name}: ${r.url}  (log ${r.logFile})`),
      `  provider simulator: ${cluster.simulatorUrl}`,
      `  logs: ${cluster.logsDir}`,
      'Ctrl-C stops them all.',
    ].join('\n'),
  );
  const stop = () => cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
