import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, OUTPUT_DIR, usePortalInChromium } from './portal.mjs';

// The e2e config starts the provider simulator here (e2e/app-config.e2e.yaml).
const SIMULATOR_URL = 'http://127.0.0.1:7081';

const STATUS = /^(Healthy|Degraded|Unhealthy|Disabled|Unknown|Not configured)$/;

describe('Catalog and portal', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();

  it('shows on a Component’s page the live status of the integrations it depends on', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    const signalFrames = [];
    page.on('websocket', socket =>
      socket.on('framereceived', frame =>
        signalFrames.push(String(frame.payload)),
      ),
    );
    await page.goto(`${BASE_URL}/catalog/default/component/checkout-service`);

    // examples/entities.yaml: checkout-service depends on Stripe and PayPal.
    const stripe = page.getByTestId('integration-row-stripe');
    const paypal = page.getByTestId('integration-row-paypal');
    await stripe.getByText(STATUS).waitFor({ timeout: 90_000 });
    await paypal.getByText(STATUS).waitFor({ timeout: 10_000 });
    assert.equal(await stripe.getByText('Stripe', { exact: true }).count(), 1);
    assert.equal(
      await stripe
        .getByRole('link', { name: 'Stripe on the dashboard' })
        .getAttribute('href'),
      '/integrations/dashboard?integration=stripe',
    );
    await page.getByText('Integrations', { exact: true }).first().waitFor();
    await page.screenshot({
      path: join(OUTPUT_DIR, 'catalog-component.png'),
      fullPage: true,
    });

    // Stripe's check fails: the row turns unhealthy through Signals, without a reload.
    const res = await fetch(`${SIMULATOR_URL}/_control/stripe`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectCredentials: true }),
    });
    assert.equal(res.status, 200, await res.text());
    try {
      // Stripe is checked every 60 seconds; allow two intervals on a busy machine.
      await stripe.getByText('Unhealthy').waitFor({ timeout: 140_000 });
      assert.equal(
        new URL(page.url()).pathname,
        '/catalog/default/component/checkout-service',
      );
      assert.deepEqual(
        await page
          .getByTestId(/^integration-row-/)
          .evaluateAll(rows => rows.map(row => row.dataset.testid)),
        ['integration-row-stripe', 'integration-row-paypal'],
        'the unhealthy integration comes first',
      );
      assert.ok(
        signalFrames.some(
          frame =>
            frame.includes('integrations:health') && frame.includes('stripe'),
        ),
        'the status change reached the page over Backstage Signals',
      );
      await stripe.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: join(OUTPUT_DIR, 'catalog-component-unhealthy.png'),
      });

      // Stripe's own Resource, made by the catalog module: its live status.
      await page.goto(`${BASE_URL}/catalog/default/resource/stripe`);
      const statusCard = page.getByTestId('entity-integration-status');
      await statusCard
        .getByText('Unhealthy')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.screenshot({
        path: join(OUTPUT_DIR, 'catalog-resource-unhealthy.png'),
      });

      // Who is affected, from the catalog's relations: directly, and through invoicing.
      await page.goto(`${BASE_URL}/integrations/dashboard?integration=stripe`);
      await page
        .getByTestId('status-card-stripe')
        .getByRole('button', { name: /^Affects / })
        .click();
      const impact = page.getByRole('dialog', {
        name: 'What depends on Stripe',
      });
      await impact
        .getByText(/^Stripe is down: .* are affected\.$/)
        .waitFor({ timeout: 30_000 });
      const affected = await impact.innerText();
      for (const name of [/checkout.service/i, /billing.portal/i, /web-team/]) {
        assert.match(affected, name);
      }
      await page.screenshot({ path: join(OUTPUT_DIR, 'impact-dialog.png') });
      await page.goto(`${BASE_URL}/catalog/default/component/checkout-service`);
      await stripe.getByText(STATUS).waitFor({ timeout: 60_000 });
    } finally {
      await fetch(`${SIMULATOR_URL}/_control`, { method: 'DELETE' });
    }

    // The dashboard link opens the dashboard on Stripe only.
    await stripe.getByRole('link', { name: 'Stripe on the dashboard' }).click();
    await page.getByTestId('status-card-stripe').waitFor({ timeout: 60_000 });
    await page.getByText('Showing Stripe only').waitFor();
    assert.equal(
      await page.locator('[data-testid^="status-card-"]').count(),
      1,
    );
    await page.close();
  });

  it('is branded as Integration Manager, with Integrations and Catalog in the sidebar, linked both ways', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/dashboard`);
    const card = page.getByTestId('status-card-stripe');
    await card.waitFor({ timeout: 60_000 });

    assert.match(await page.title(), /Integration Manager/);
    const sidebar = page.locator('nav').first();
    await sidebar
      .getByRole('img', { name: 'Integration Manager' })
      .first()
      .waitFor();
    for (const item of ['Integrations', 'Catalog']) {
      assert.equal(
        await sidebar.getByRole('link', { name: item, exact: true }).count(),
        1,
        `${item} is in the sidebar`,
      );
    }
    assert.equal(
      await page
        .locator('link[rel="icon"][type="image/svg+xml"]')
        .getAttribute('href'),
      '/favicon.svg',
    );

    // The status card links to the integration's Resource in the catalog.
    assert.equal(
      await card
        .getByRole('link', { name: 'Stripe in the catalog' })
        .getAttribute('href'),
      '/catalog/default/resource/stripe',
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'branding.png') });
    await page.screenshot({
      path: join(OUTPUT_DIR, 'branding-sidebar.png'),
      clip: { x: 0, y: 0, width: 320, height: 900 },
    });

    // And the catalog links back: Catalog in the sidebar, every component
    // (it opens on the signed-in user's own), then the Component's card.
    await sidebar.getByRole('link', { name: 'Catalog', exact: true }).click();
    await page.getByTestId('user-picker-all').click({ timeout: 60_000 });
    await page
      .getByRole('link', { name: 'Checkout service' })
      .first()
      .click({ timeout: 60_000 });
    await page
      .getByTestId('integration-row-stripe')
      .getByText(STATUS)
      .waitFor({ timeout: 60_000 });
    await page.close();
  });
});
