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

describe('Health dashboard', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();

  it('turns a card unhealthy with the cause and the fix when the provider refuses the key, without a reload', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 1200 },
    });
    const signalFrames = [];
    page.on('websocket', socket =>
      socket.on('framereceived', frame =>
        signalFrames.push(String(frame.payload)),
      ),
    );
    await page.goto(
      `${BASE_URL}/integrations/dashboard?environment=development`,
    );
    const card = page.getByTestId('status-card-stripe');
    await card.getByText('Healthy').waitFor({ timeout: 90_000 });
    await page.screenshot({
      path: join(OUTPUT_DIR, 'dashboard-healthy.png'),
      fullPage: true,
    });

    await setProvider('stripe', { rejectCredentials: true });
    try {
      // Stripe is checked every 60 seconds: up to two intervals, as a sweep
      // may still be waiting on a slow check of another integration when
      // Stripe falls due, on a busy machine.
      await card.getByText('auth_invalid').waitFor({ timeout: 140_000 });
      await card.getByText('Unhealthy').waitFor({ timeout: 5_000 });
      assert.ok(
        (await card.getByText(/Stripe Dashboard/).count()) > 0,
        'the card shows the repair steps from the provider catalog',
      );
      assert.ok(
        signalFrames.some(
          frame =>
            frame.includes('integrations:health') && frame.includes('stripe'),
        ),
        'the status change reached the page over Backstage Signals',
      );
      await page.screenshot({
        path: join(OUTPUT_DIR, 'dashboard-unhealthy.png'),
        fullPage: true,
      });
    } finally {
      await fetch(`${SIMULATOR_URL}/_control`, { method: 'DELETE' });
    }
    await page.close();
  });

  it('shows usage a service reported with a static token on the Analytics page', async () => {
    // An outside service: the static token of e2e/app-config.e2e.yaml.
    const minuteAgo = Date.now() - 60_000;
    const events = Array.from({ length: 40 }, (_, i) => ({
      id: `e2e-usage-${i}`,
      integration: 'paypal',
      environment: 'production',
      endpoint: '/v2/checkout/orders',
      method: 'POST',
      status: i < 4 ? 503 : 201,
      durationMs: 100 + i * 10,
      requestBytes: 512,
      responseBytes: 1536,
      ...(i < 4 ? { errorType: 'provider_error' } : {}),
      occurredAt: new Date(minuteAgo + i * 100).toISOString(),
      // The caller read PayPal's limit from each answer; the last leaves 60 of 100.
      rateLimit: { limit: 100, remaining: 99 - i, window: 3600 },
    }));
    const res = await fetch(`${BASE_URL}/api/integrations/usage/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer e2e-usage-reporter-0123456789abcdef',
      },
      body: JSON.stringify({ events }),
    });
    assert.equal(res.status, 202, await res.text());

    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/analytics`);
    const table = page.getByRole('table', { name: 'Usage per integration' });
    // The e2e config rolls usage up every 5 seconds; until then the page is empty.
    const deadline = Date.now() + 60_000;
    while (!(await table.isVisible())) {
      assert.ok(Date.now() < deadline, 'the reported usage was never shown');
      await page.waitForTimeout(2_000);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    const calls = page.getByRole('group', { name: 'Calls' });
    await calls.getByText('40', { exact: true }).waitFor({ timeout: 10_000 });
    await calls.getByText('4 failed').waitFor();
    await page
      .getByRole('group', { name: 'Error rate' })
      .getByText('10.0 %')
      .waitFor();
    await page
      .getByRole('group', { name: 'Data transferred' })
      .getByText('80.0 KB')
      .waitFor();
    const row = table.getByRole('row', { name: /^paypal/ });
    await row.getByText('provider_error (4)').waitFor();
    await row.getByText(/\/v2\/checkout\/orders/).waitFor();
    await page
      .getByRole('table', { name: 'Rate limits' })
      .getByRole('row', { name: /^paypal/ })
      .getByText('40 of 100 used · 60 left')
      .waitFor();
    // e2e/app-config.e2e.yaml prices PayPal's orders at 0.02 a call.
    await page
      .getByRole('group', { name: 'Cost' })
      .getByText('€0.80')
      .waitFor();
    await page
      .getByRole('list', { name: 'Recommendations' })
      .getByText('paypal · errors')
      .waitFor();
    await page.screenshot({
      path: join(OUTPUT_DIR, 'analytics.png'),
      fullPage: true,
    });
    await page.close();
  });
});
