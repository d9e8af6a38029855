// Starts the portal for the browser tests and stops it again.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT_DIR = join(ROOT, 'e2e', 'output');
export const BASE_URL = 'http://localhost:7017';

const YARN = join(ROOT, '.yarn', 'releases', 'yarn-4.13.0.cjs');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * A portal from the previous suite that is still shutting down would answer
 * this suite's readiness probe and serve its tests; wait for the port to be free.
 */
async function waitUntilPortIsFree(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (await answers(BASE_URL)) {
    if (Date.now() > deadline) {
      throw new Error(
        `something still serves ${BASE_URL}; stop it before running the browser tests`,
      );
    }
    await sleep(500);
  }
}

function groupIsAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the backend and everything it started (yarn, the CLI, node), and waits for them to exit. */
async function stopGroup(pid, timeoutMs = 20_000) {
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    try {
      process.kill(-pid, signal);
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + timeoutMs;
    while (groupIsAlive(pid) && Date.now() < deadline) await sleep(200);
    if (!groupIsAlive(pid)) return;
  }
}

async function waitUntilReady(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the backend exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${BASE_URL}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  throw new Error(`the backend was not ready within ${timeoutMs / 1000} s`);
}

/**
 * Starts the backend, serving the built app, on a fresh database seeded with
 * demo data; `extraConfigs` (paths from the repository root) are read last.
 */
export async function startPortal({ extraConfigs = [] } = {}) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await waitUntilPortIsFree(30_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'integrations-e2e-'));
  const log = createWriteStream(join(OUTPUT_DIR, 'backend.log'));
  const child = spawn(
    process.execPath,
    [
      YARN,
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../e2e/app-config.e2e.yaml',
      ...extraConfigs.flatMap(path => ['--config', join('../..', path)]),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, E2E_DATA_DIR: dataDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await waitUntilReady(child, 240_000);
  return { stop: () => stopGroup(child.pid) };
}

/** Chromium from the system, never a downloaded browser build. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/**
 * Starts the portal and Chromium before the suite's tests and stops both
 * after them; `browser()` is the running browser.
 */
export function usePortalInChromium() {
  let portal;
  let browser;
  before(async () => {
    portal = await startPortal();
    browser = await chromium.launch(chromiumLaunchOptions);
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });
  return { browser: () => browser };
}
