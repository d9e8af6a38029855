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
      // Stripe is checked every 60 seconds: one interval and some slack.
      await card.getByText('auth_invalid').waitFor({ timeout: 80_000 });
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
});
