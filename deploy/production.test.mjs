// The production deployment exactly as the README describes it: the backend bundle that
// `./run build:all` made, unpacked into an empty folder with its production dependencies,
// started with NODE_ENV=production and app-config.production.yaml on fresh PostgreSQL databases.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POSTGRES_URL, ROOT, dropDatabases } from '../cluster/cluster.mjs';

const BUNDLE_DIR = join(ROOT, 'packages', 'backend', 'dist');
const YARN_RELEASE = '.yarn/releases/yarn-4.13.0.cjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, cwd, env = process.env) {
  execFileSync(command, args, { cwd, env, stdio: 'inherit' });
}

async function waitUntilReady(baseUrl, backend, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) {
      throw new Error(`the backend exited with code ${backend.exitCode}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`the backend was not ready within ${timeoutMs / 1000} s`);
}

/**
 * An error answer says what went wrong and nothing about the server's inside:
 * no stack, no file path, no installed package.
 */
function assertNoInternals(body, deployDir) {
  const text = JSON.stringify(body);
  assert.doesNotMatch(text, /"stack":/, `a stack in ${text}`);
  assert.doesNotMatch(text, /\bat .*:\d+:\d+/, `a stack frame in ${text}`);
  assert.doesNotMatch(text, /node_modules/, `a package path in ${text}`);
  assert.doesNotMatch(text, /\.(c|m)?(j|t)s\b/, `a source file in ${text}`);
  assert.doesNotMatch(
    text,
    /(^|[\s"'(=])\/(srv|app|home|root|tmp|usr|opt|var|work|etc)\//,
    `a file path in ${text}`,
  );
  assert.ok(!text.includes(deployDir), `the install folder in ${text}`);
  assert.ok(!text.includes(ROOT), `the source folder in ${text}`);
}

describe('the production deployment', { timeout: 900_000 }, () => {
  const deployDir = mkdtempSync(join(tmpdir(), 'integrations-deploy-'));
  const databasePrefix = `deploy_test_${randomBytes(4).toString('hex')}_`;
  // A static token for an external caller, so the checks reach the plugin's own handlers.
  const serviceToken = randomBytes(24).toString('base64url');
  let baseUrl;
  let backend;
  let logFile;

  before(async () => {
    for (const file of ['skeleton.tar.gz', 'bundle.tar.gz']) {
      assert.ok(
        existsSync(join(BUNDLE_DIR, file)),
        `packages/backend/dist/${file} is missing: run ./run build:all first`,
      );
    }

    // The README's steps, in the README's order.
    cpSync(join(ROOT, '.yarnrc.yml'), join(deployDir, '.yarnrc.yml'));
    cpSync(join(ROOT, YARN_RELEASE), join(deployDir, YARN_RELEASE));
    run('tar', ['xzf', join(BUNDLE_DIR, 'skeleton.tar.gz')], deployDir);
    run('tar', ['xzf', join(BUNDLE_DIR, 'bundle.tar.gz')], deployDir);
    run(
      process.execPath,
      [YARN_RELEASE, 'workspaces', 'focus', '--all', '--production'],
      deployDir,
    );
    for (const file of ['app-config.production.yaml', 'catalog-info.yaml']) {
      cpSync(join(ROOT, file), join(deployDir, file));
    }

    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    logFile = join(deployDir, 'backend.log');
    const log = createWriteStream(logFile);
    backend = spawn(
      process.execPath,
      ['packages/backend', '--config', 'app-config.production.yaml'],
      {
        cwd: deployDir,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          POSTGRES_HOST: POSTGRES_URL.hostname,
          POSTGRES_PORT: POSTGRES_URL.port || '5432',
          POSTGRES_USER: decodeURIComponent(POSTGRES_URL.username),
          POSTGRES_PASSWORD: decodeURIComponent(POSTGRES_URL.password),
          BACKEND_SECRET: randomBytes(24).toString('base64'),
          INTEGRATIONS_ENCRYPTION_KEY_ID: 'deploy-test',
          INTEGRATIONS_ENCRYPTION_KEY: randomBytes(48).toString('base64'),
          APP_BASE_URL: baseUrl,
          BACKEND_BASE_URL: baseUrl,
          // Backstage's overrides from the environment, only so that this run shares neither
          // a port nor a database with anything else on the machine.
          APP_CONFIG_backend_listen: `:${port}`,
          APP_CONFIG_backend_database_prefix: databasePrefix,
          APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
            {
              type: 'static',
              options: { token: serviceToken, subject: 'deploy-test' },
            },
          ]),
        },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    backend.stdout.pipe(log);
    backend.stderr.pipe(log);
    try {
      await waitUntilReady(baseUrl, backend, 180_000);
    } catch (error) {
      const lines = readFileSync(logFile, 'utf8').trim().split('\n');
      throw new Error(
        `${error.message}; the backend's last lines:\n${lines
          .slice(-30)
          .join('\n')}`,
      );
    }
  });

  after(async () => {
    if (backend && backend.exitCode === null) {
      const exited = new Promise(resolve => backend.once('exit', resolve));
      process.kill(-backend.pid, 'SIGTERM');
      await Promise.race([
        exited,
        new Promise(resolve => setTimeout(resolve, 10_000)),
      ]);
      if (backend.exitCode === null) process.kill(-backend.pid, 'SIGKILL');
    }
    await dropDatabases(databasePrefix);
    rmSync(deployDir, { recursive: true, force: true });
  });

  const api = (path, init = {}) =>
    fetch(`${baseUrl}/api/integrations${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${serviceToken}`, ...init.headers },
    });

  it('contains no development-only package', () => {
    assert.ok(
      !existsSync(join(deployDir, 'packages', 'provider-simulator')),
      'the provider simulator was deployed',
    );
    assert.ok(
      !existsSync(
        join(deployDir, 'node_modules', '@internal', 'provider-simulator'),
      ),
      'the provider simulator was installed',
    );
  });

  it('is ready, and serves the app', async () => {
    const ready = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    assert.equal(ready.status, 200);
    const app = await fetch(baseUrl);
    assert.equal(app.status, 200);
    assert.match(await app.text(), /<div id="root">/);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await fetch(`${baseUrl}/api/integrations/configs`);
    assert.equal(res.status, 401);
    assertNoInternals(await res.json(), deployDir);
  });

  it('answers with a token, on an empty database without demo data', async () => {
    const res = await api('/configs');
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.totalCount, 0);
  });

  it('answers hostile requests with errors that carry no stack and no file path', async () => {
    const json = { 'Content-Type': 'application/json' };
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const cases = [
      [
        'malformed JSON',
        '/configs',
        { method: 'POST', headers: json, body: '{"name": ' },
        400,
      ],
      ['an unknown route', '/no-such-route', {}, 404],
      ['a bad name', '/configs/Not%20A%20Name!', {}, 400],
      ['an unknown name', '/configs/no-such-integration', {}, 404],
      ['a bad query', '/configs?limit=-1&environment=moon', {}, 400],
      ['a NUL in a name', '/audit?integration=a%00b', {}, 400],
      // PostgreSQL refuses the NUL in a search with an error of its own: a 500 today.
      ['a NUL in a search', '/configs?text=a%00b', {}, undefined],
      [
        'JSON 20,000 levels deep',
        '/bulk-test',
        { method: 'POST', headers: json, body: deep },
        undefined,
      ],
      [
        'UTF-16 JSON',
        '/bulk-test',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-16le' },
          body: Buffer.from('{}', 'utf16le'),
        },
        415,
      ],
      [
        'a form',
        '/bulk-test',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'a=b',
        },
        415,
      ],
    ];
    for (const [what, path, init, status] of cases) {
      const res = await api(path, init);
      if (status !== undefined) {
        assert.equal(res.status, status, `${what}: ${res.status}`);
      }
      assert.ok(res.status >= 400, `${what} was accepted`);
      const text = await res.text();
      if (text) assertNoInternals(JSON.parse(text), deployDir);
    }
  });
});
