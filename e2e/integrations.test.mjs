import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, OUTPUT_DIR, usePortalInChromium } from './portal.mjs';

describe('Integrations page', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();

  it('lists the seeded integrations to the signed-in admin', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 1000 },
    });
    await page.goto(`${BASE_URL}/`);

    await page.getByText('Integrations (13)').waitFor({ timeout: 60_000 });
    assert.match(page.url(), /\/integrations$/);
    for (const name of ['Stripe', 'PayPal', 'Brevo', 'Twitter / X', 'GitHub']) {
      assert.equal(
        await page.getByText(name, { exact: true }).count(),
        1,
        `${name} is listed`,
      );
    }
    // Scoopp outside development, Stripe Connect in staging, Twitter / X in
    // production and the status page in development.
    assert.equal(await page.getByText('disabled · v1').count(), 5);
    await page
      .getByRole('link', { name: 'Integrations' })
      .first()
      .waitFor({ timeout: 10_000 });

    await page.screenshot({
      path: join(OUTPUT_DIR, 'integrations.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('lets a read-only viewer persona see the list too', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/integrations?as=viewer`);

    await page.getByText('Integrations (13)').waitFor({ timeout: 60_000 });

    const identity = await page.evaluate(async () => {
      const res = await fetch('/api/auth/dev-persona/refresh?env=development', {
        headers: {
          'x-requested-with': 'XMLHttpRequest',
          'x-dev-persona': 'viewer',
        },
        credentials: 'include',
      });
      return (await res.json()).backstageIdentity.identity;
    });
    assert.equal(identity.userEntityRef, 'user:default/vera.viewer');
    assert.ok(identity.ownershipEntityRefs.includes('group:default/support'));
    await context.close();
  });

  it('refuses the API without a sign-in', async () => {
    const res = await fetch(`${BASE_URL}/api/integrations/configs`);
    assert.equal(res.status, 401);
  });
});
