import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, OUTPUT_DIR, usePortalInChromium } from './portal.mjs';

// The e2e config starts the provider simulator here (e2e/app-config.e2e.yaml).
const SIMULATOR_URL = 'http://127.0.0.1:7081';

async function setProvider(provider, behaviour) {
  const res = await fetch(`${SIMULATOR_URL}/_control/${provider}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(behaviour),
  });
  assert.equal(res.status, 200, await res.text());
}

describe('Errors page', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();

  it('groups a refused key into one error with its fix, live, and resolves it', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/errors?environment=development`);
    await page
      .getByText(/^(Error groups \(\d+\)|No errors in this period)/)
      .first()
      .waitFor({ timeout: 60_000 });

    await setProvider('stripe', { rejectCredentials: true });
    try {
      // Checked every 60 seconds; the group appears without a reload.
      const group = page
        .getByRole('link', {
          name: /^Credentials refused .* GET \/v1\/balance$/,
        })
        .first();
      await group.waitFor({ timeout: 150_000 });
      await page.screenshot({
        path: join(OUTPUT_DIR, 'errors-list.png'),
        fullPage: true,
      });

      await group.click();
      await page.getByText('Suggested actions').waitFor({ timeout: 30_000 });
      assert.ok(
        (await page.getByText(/Stripe Dashboard/).count()) > 0,
        "the group shows the provider catalog's repair steps",
      );
      await page.getByRole('button', { name: /^Resolve/ }).click();
      await page
        .getByLabel('What fixed it')
        .fill('Rolled the restricted key and stored the new one');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Resolve' })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page
        .getByText(/^Resolved by ada\.admin/)
        .first()
        .waitFor({ timeout: 30_000 });
      assert.ok(
        (await page
          .getByText('Rolled the restricted key and stored the new one')
          .count()) > 0,
        'the resolution says what fixed it',
      );
      await page.screenshot({
        path: join(OUTPUT_DIR, 'errors-resolved.png'),
        fullPage: true,
      });
    } finally {
      await fetch(`${SIMULATOR_URL}/_control`, { method: 'DELETE' });
    }
    await page.close();
  });
});
