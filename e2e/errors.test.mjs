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

const ALERT_TITLE = 'Stripe (development) is unhealthy';

/**
 * A persona's notifications about Stripe being unhealthy in development (by
 * default Max's, a member of Stripe's owning team), once `done` says they
 * are what the test waits for.
 */
async function waitForNotifications(page, done, persona = 'member') {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const items = await page.evaluate(async as => {
      const session = await fetch(
        '/api/auth/dev-persona/refresh?env=development',
        {
          headers: {
            'x-requested-with': 'XMLHttpRequest',
            'x-dev-persona': as,
          },
          credentials: 'include',
        },
      );
      const { token } = (await session.json()).backstageIdentity;
      const res = await fetch('/api/notifications/notifications?limit=50', {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await res.json()).notifications ?? [];
    }, persona);
    // Stripe's other environments call the same simulator and fail too.
    const aboutStripe = items.filter(
      item =>
        item.payload.topic === 'integration:stripe' &&
        item.payload.title.includes(ALERT_TITLE),
    );
    if (done(aboutStripe)) {
      return aboutStripe;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `notifications never got there: ${JSON.stringify(
          aboutStripe.map(item => item.payload.title),
        )}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 3000));
  }
}

describe('Errors page', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();

  it('groups a refused key into one error with its fix, live, resolves it, and tells the owning team once, then that it is over', async () => {
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

      // The dashboard shows the alert, and the owning team hears of it once.
      await page.goto(
        `${BASE_URL}/integrations/dashboard?environment=development`,
      );
      await page.getByText(ALERT_TITLE).first().waitFor({ timeout: 60_000 });
      await page.screenshot({
        path: join(OUTPUT_DIR, 'dashboard-alert.png'),
        fullPage: true,
      });
      const raised = await waitForNotifications(
        page,
        items => items.length > 0,
      );
      assert.equal(raised.length, 1, 'one notification for the alert');
      assert.equal(raised[0].payload.title, ALERT_TITLE);
      // Vera, in support, does not own Stripe and is not told.
      const toVera = await waitForNotifications(page, () => true, 'viewer');
      assert.equal(toVera.length, 0, 'only the owning team is told');
    } finally {
      await fetch(`${SIMULATOR_URL}/_control`, { method: 'DELETE' });
    }

    // Once Stripe takes the key again, the same notification says so.
    const resolved = await waitForNotifications(page, items =>
      items.some(item => item.payload.title === `Resolved: ${ALERT_TITLE}`),
    );
    assert.equal(resolved.length, 1, 'updated in place, not a second one');
    await page.close();
  });
});
