import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASE_URL, OUTPUT_DIR, usePortalInChromium } from './portal.mjs';

const { Webhook } = createRequire(import.meta.url)('standardwebhooks');

/** A partner's receiver: records what arrives and answers the status it is told. */
async function startReceiver() {
  const received = [];
  const state = { status: 204 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/partner/hooks`,
    received,
    answer(status) {
      state.status = status;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

async function until(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/** Saves a new timeout for Stripe in development through the API, as the signed-in admin. */
async function changeStripeTimeout(page, timeout) {
  const status = await page.evaluate(async value => {
    const session = await fetch(
      '/api/auth/dev-persona/refresh?env=development',
      {
        headers: {
          'x-requested-with': 'XMLHttpRequest',
          'x-dev-persona': 'admin',
        },
        credentials: 'include',
      },
    );
    const { token } = (await session.json()).backstageIdentity;
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    const current = await (
      await fetch('/api/integrations/configs/stripe?environment=development', {
        headers,
      })
    ).json();
    const [config] = current;
    const res = await fetch(
      '/api/integrations/configs/stripe?environment=development',
      {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          version: config.metadata.version,
          connectionConfig: { timeout: value },
        }),
      },
    );
    return res.status;
  }, timeout);
  assert.equal(status, 200);
}

describe('Webhooks page', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();
  let receiver;
  after(() => receiver?.close());

  it('adds an endpoint, delivers a signed configuration change to it, and retries a failed delivery by hand', async () => {
    receiver = await startReceiver();
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/webhooks`);

    await page.getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Integration' }).click();
    await page.getByRole('option', { name: 'stripe', exact: true }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('Billing partner');
    await dialog.getByLabel('URL', { exact: true }).fill(receiver.url);
    await dialog
      .getByRole('checkbox', { name: /integration\.configuration_changed/ })
      .check();
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();

    const secretDialog = page.getByRole('dialog', {
      name: /Signing secret of Billing partner/,
    });
    await secretDialog
      .getByText('You will not see this secret again')
      .waitFor();
    const secret = await secretDialog.getByLabel('Signing secret').inputValue();
    assert.match(secret, /^whsec_/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhooks-secret.png') });
    await secretDialog
      .getByRole('button', { name: 'I have stored it' })
      .click();
    await page
      .getByRole('table', { name: 'Webhook endpoints' })
      .getByText('Billing partner')
      .waitFor();

    await changeStripeTimeout(page, 7000);
    const delivered = await until(
      () => receiver.received[0],
      'the delivery to arrive',
    );
    const message = new Webhook(secret).verify(
      delivered.body,
      delivered.headers,
    );
    assert.equal(message.type, 'integration.configuration_changed');
    assert.equal(message.data.integration, 'stripe');
    assert.deepEqual(message.data.changedFields, ['connectionConfig.timeout']);

    await page.getByRole('tab', { name: 'Deliveries' }).click();
    const log = page.getByRole('table', { name: 'Webhook deliveries' });
    await log.getByText('Delivered').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhooks-delivered.png') });

    // The partner's service goes down: the delivery fails and waits for its retry.
    receiver.answer(500);
    await changeStripeTimeout(page, 8000);
    await until(() => receiver.received.length >= 2, 'the failing attempt');
    const failedRow = log.getByRole('row').filter({ hasText: '500' }).first();
    await failedRow.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhooks-failed.png') });

    // Back up: a person retries it now instead of waiting.
    receiver.answer(200);
    await failedRow.click();
    const detail = page.getByRole('dialog');
    await detail.getByRole('button', { name: 'Retry now' }).click();
    await until(() => receiver.received.length >= 3, 'the retry to arrive');
    assert.equal(
      receiver.received[2].headers['webhook-id'],
      receiver.received[1].headers['webhook-id'],
    );
    await detail.getByRole('button', { name: 'Close' }).click();
    await until(
      async () => (await log.getByText('Delivered').count()) >= 2,
      'both deliveries to show as delivered',
      30_000,
    );
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhooks-retried.png') });
  });

  it('shows a Stripe and a GitHub webhook from the simulator as verified in the inbound log, and a forged one as rejected', async () => {
    // The demo stores these signing secrets for Stripe and GitHub.
    const send = async (provider, integration, secret) => {
      const res = await fetch(
        `http://127.0.0.1:7081/_control/${provider}/webhooks`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            url: `${BASE_URL}/api/integrations/webhooks/inbound/${integration}?environment=development`,
            secret,
          }),
        },
      );
      return (await res.json()).status;
    };
    assert.equal(
      await send('stripe', 'stripe', 'whsec_demoAcmeShopStripeSigningSecret'),
      200,
    );
    assert.equal(
      await send('github', 'github', 'demo-acme-shop-github-webhook-secret'),
      200,
    );
    assert.equal(await send('github', 'github', 'not-the-secret'), 400);

    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/webhooks`);
    await page.getByRole('tab', { name: 'Inbound' }).click();
    const log = page.getByRole('table', { name: 'Inbound webhooks' });
    await log
      .getByText(/^Rejected/)
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(await log.getByText('Verified', { exact: true }).count(), 2);
    await page.screenshot({ path: join(OUTPUT_DIR, 'webhooks-inbound.png') });
  });
});
