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

    const cards = page.locator('[data-testid^="status-card-"]');
    await page.getByTestId('status-card-stripe').waitFor({ timeout: 60_000 });
    assert.match(page.url(), /\/integrations\/dashboard$/);
    assert.equal(await cards.count(), 13, 'one status card per integration');
    for (const name of ['Stripe', 'PayPal', 'Brevo', 'Twitter / X', 'GitHub']) {
      assert.equal(
        await cards.getByText(name, { exact: true }).count(),
        1,
        `${name} has a card`,
      );
    }
    // Production: Scoopp and Twitter / X are switched off there.
    assert.equal(
      await cards
        .filter({ hasText: 'Switched off in this environment' })
        .count(),
      2,
    );
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

    await page.getByTestId('status-card-stripe').waitFor({ timeout: 60_000 });
    // A viewer may look but not test: the action says why it is disabled.
    assert.equal(
      await page
        .getByTestId('status-card-stripe')
        .getByRole('button', { name: /test now/i })
        .isDisabled(),
      true,
    );

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

  const pages = [
    ['dashboard', page => page.getByTestId('status-card-stripe')],
    ['config', page => page.getByText(/^Configurations \(\d+\)$/)],
    [
      'testing',
      page => page.getByRole('table', { name: 'Integrations to test' }),
    ],
    [
      'errors',
      page =>
        page.getByText(/^(Error groups \(\d+\)|No errors in this period)/),
    ],
    ['audit', page => page.getByText(/^Audit log \(\d+\)$/)],
  ];

  for (const [path, content] of pages) {
    it(`opens /integrations/${path} directly by its URL`, async () => {
      const page = await browser().newPage({
        viewport: { width: 1440, height: 900 },
      });
      await page.goto(`${BASE_URL}/integrations/${path}`);

      await content(page).first().waitFor({ timeout: 60_000 });
      assert.equal(new URL(page.url()).pathname, `/integrations/${path}`);
      await page.screenshot({ path: join(OUTPUT_DIR, `page-${path}.png`) });
      await page.close();
    });
  }

  it('runs a suite on three integrations from the Testing page and shows each step', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/testing`);

    const chosen = ['stripe', 'github', 'telegram'];
    for (const name of chosen) {
      await page
        .getByRole('checkbox', { name: `Select ${name}`, exact: true })
        .check({ timeout: 60_000 });
    }
    await page.getByRole('button', { name: /^Run .* on 3$/ }).click();

    const progress = page.getByRole('table', {
      name: 'Progress of the test run',
    });
    for (const name of chosen) {
      await progress
        .getByTestId(`run-${name}`)
        .getByText(/^(Passed|Passed with warnings|Failed)/)
        .waitFor({ timeout: 60_000 });
    }
    await page
      .getByRole('button', { name: 'Show the result of stripe', exact: true })
      .click();
    await page.getByText('DNS resolution').first().waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'testing-run.png') });
    await page.close();
  });

  it('sends a link from before the sub-pages to the editor section it named', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(
      `${BASE_URL}/integrations?tab=configuration&integration=stripe&environment=production&section=tests`,
    );

    const editor = page.getByRole('dialog', { name: /\(stripe\)/ });
    await editor.getByText(/^Test runs \(\d+\)$/).waitFor({ timeout: 60_000 });
    const url = new URL(page.url());
    assert.equal(url.pathname, '/integrations/config');
    assert.equal(
      url.search,
      '?integration=stripe&environment=production&section=tests',
    );
    await page.close();
  });

  it('refuses the API without a sign-in', async () => {
    const res = await fetch(`${BASE_URL}/api/integrations/configs`);
    assert.equal(res.status, 401);
  });
});
