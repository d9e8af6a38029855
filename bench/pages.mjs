// How soon the portal's pages show their content in the production build with 500 integrations,
// next to Backstage's own catalog page with 500 entities in the same run: the time from
// navigation to the first row or card of content, in a fresh browser context each time (nothing
// cached), median of `--runs`. Prints one JSON report.
//
//   node bench/pages.mjs [--integrations 500] [--entities 500] [--runs 5]
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/portal.mjs';
import { ROOT, dropDatabases, startCluster } from '../cluster/cluster.mjs';
import { runWhenMain, seedCompanyScale } from './companyScale.mjs';
import { clusterClient, waitFor } from '../cluster/clusterClient.mjs';

const DATA_DIR = '/tmp/integrations-bench-pages';

/** `count` Components of one System, as a catalog file the portal reads. */
function writeCatalog(count) {
  const documents = [
    `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: bench-system
spec:
  owner: group:default/platform-team`,
    ...Array.from(
      { length: count },
      (_, i) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bench-service-${i}
  description: Service ${i} of the benchmark company
spec:
  type: service
  lifecycle: production
  owner: group:default/team-${i % 7}
  system: bench-system`,
    ),
  ];
  mkdirSync(DATA_DIR, { recursive: true });
  const catalogFile = join(DATA_DIR, 'bench-entities.yaml');
  writeFileSync(catalogFile, `${documents.join('\n---\n')}\n`);
  const configFile = join(DATA_DIR, 'app-config.bench-pages.yaml');
  writeFileSync(
    configFile,
    `catalog:
  locations:
    - type: file
      target: ${catalogFile}
    - type: file
      target: ./examples/org.yaml
`,
  );
  return configFile;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds from navigation to the first element `content` finds, `runs` times. */
async function timeToContent(browser, url, content, runs) {
  const timings = [];
  for (let run = 0; run < runs + 1; run++) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await content(page)
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async error => {
        const shot = join(DATA_DIR, `no-content-${Date.now()}.png`);
        await page.screenshot({ path: shot });
        throw new Error(`${url}: ${error.message} (see ${shot})`);
      });
    const ms = performance.now() - started;
    await context.close();
    // The first run only warms the server's caches.
    if (run > 0) timings.push(Math.round(ms));
  }
  return { medianMs: median(timings), runsMs: timings };
}

export async function benchPages({
  integrations = 500,
  entities = 500,
  runs = 5,
} = {}) {
  const databasePrefix = `bench_pages_${randomBytes(4).toString('hex')}_`;
  const catalogConfig = writeCatalog(entities);
  const cluster = await startCluster({
    replicas: 1,
    port: 7600,
    dataDir: DATA_DIR,
    databasePrefix,
    fresh: true,
    extraConfigs: ['bench/app-config.bench.yaml', catalogConfig],
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    seedCompanyScale({
      databasePrefix,
      integrations,
      stored: integrations * 200,
    });
    const client = clusterClient(cluster);
    const token = await client.userToken('admin');
    await waitFor(
      async () => {
        const res = await fetch(
          `${cluster.url}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        return res.ok && (await res.json()).totalItems >= entities;
      },
      300_000,
      `the catalog did not hold ${entities} components`,
    );

    const pages = {
      catalog: {
        path: '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all',
        content: page => page.getByRole('link', { name: /^bench-service-/ }),
      },
      dashboard: {
        path: '/integrations/dashboard',
        content: page => page.getByText('Generic HTTP'),
      },
      configuration: {
        path: '/integrations/config',
        content: page =>
          page.getByRole('row').filter({ hasText: /\(bench-\d+\)/ }),
      },
      analytics: {
        path: '/integrations/analytics',
        content: page => page.getByRole('row').filter({ hasText: /bench-\d+/ }),
      },
    };
    const results = {};
    for (const [name, { path, content }] of Object.entries(pages)) {
      results[name] = await timeToContent(
        browser,
        `${cluster.url}${path}`,
        content,
        runs,
      );
    }
    // What was timed, for a person to look at: each page as it stands once loaded.
    const screenshots = join(ROOT, 'bench', 'output');
    mkdirSync(screenshots, { recursive: true });
    for (const [name, { path, content }] of Object.entries(pages)) {
      const page = await browser.newPage({
        viewport: { width: 1440, height: 900 },
      });
      await page.goto(`${cluster.url}${path}`);
      await content(page).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(2_000);
      await page.screenshot({
        path: join(screenshots, `page-${name}.png`),
        fullPage: true,
      });
      await page.close();
    }
    for (const [name, result] of Object.entries(results)) {
      if (name !== 'catalog') {
        result.ratioToCatalog =
          Math.round((result.medianMs / results.catalog.medianMs) * 100) / 100;
      }
    }
    return {
      integrations,
      catalogEntities: entities,
      runs,
      goal: 'each page at most 1.0 × the catalog page',
      pages: results,
    };
  } finally {
    await browser.close();
    await cluster.stop();
    await dropDatabases(databasePrefix);
  }
}

await runWhenMain(
  import.meta.url,
  {
    integrations: 500,
    entities: 500,
    runs: 5,
  },
  benchPages,
);
