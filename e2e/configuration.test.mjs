import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, OUTPUT_DIR, usePortalInChromium } from './portal.mjs';

describe('Configuration management', { timeout: 600_000 }, () => {
  const { browser } = usePortalInChromium();

  it('creates Stripe from its template, previews and saves a change, and rolls it back', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 1000 },
    });
    await page.goto(`${BASE_URL}/integrations/config`);

    await page.getByRole('button', { name: 'New integration' }).click();
    const create = page.getByRole('dialog', { name: 'New integration' });
    await create
      .getByRole('list', { name: 'Templates' })
      .getByText('Stripe', { exact: true })
      .click();
    await create.getByLabel(/^Name/).fill('stripe-e2e');
    await create.getByLabel(/^Owner group/).fill('group:default/payments-team');
    await create.getByRole('button', { name: 'Create' }).click();

    // The editor opens on the new integration's first environment.
    const editor = page.getByRole('dialog', { name: /stripe-e2e/ });
    await editor.getByLabel('Timeout (ms)').waitFor({ timeout: 30_000 });
    assert.equal(await editor.getByLabel('Timeout (ms)').inputValue(), '10000');
    await editor.getByLabel('Timeout (ms)').fill('7000');
    await editor.getByRole('button', { name: 'Preview' }).click();

    const preview = page.getByRole('dialog', { name: /Preview changes/ });
    await preview.getByText('connectionConfig.timeout').waitFor();
    assert.equal(await preview.getByRole('row').count(), 2, 'one change');
    await page.screenshot({
      path: join(OUTPUT_DIR, 'configuration-preview.png'),
    });
    await preview.getByRole('button', { name: 'Save' }).click();
    await preview.waitFor({ state: 'hidden' });

    await editor.getByRole('tab', { name: 'History' }).click();
    const versions = editor.getByRole('table', { name: 'Versions' });
    await versions.getByText('2 (current)').waitFor();
    assert.match(
      await versions.getByRole('row').nth(1).innerText(),
      /connectionConfig\.timeout/,
    );
    await page.screenshot({
      path: join(OUTPUT_DIR, 'configuration-history.png'),
    });

    // Newest first: the header, version 2, then version 1.
    const firstVersion = versions.getByRole('row').nth(2);
    assert.match(await firstVersion.innerText(), /^\s*1\s+Created/);
    await firstVersion
      .getByRole('button', { name: 'Roll back to this version' })
      .click();
    await page
      .getByRole('dialog', { name: 'Roll back to version 1?' })
      .getByRole('button', { name: 'Roll back' })
      .click();
    await versions.getByText('3 (current)').waitFor();

    await editor.getByRole('tab', { name: 'Settings' }).click();
    await editor.getByLabel('Timeout (ms)').waitFor();
    assert.equal(await editor.getByLabel('Timeout (ms)').inputValue(), '10000');
    await page.close();
  });

  it('locks the base URL for a member who may not move the stored credentials, and says why', async () => {
    const context = await browser().newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(
      `${BASE_URL}/integrations/config?integration=stripe&environment=development&as=member`,
    );

    const editor = page.getByRole('dialog', { name: /\(stripe\)/ });
    await editor
      .getByText(
        'Only someone allowed to change credentials can point the stored credentials at another host',
      )
      .waitFor({ timeout: 60_000 });
    assert.equal(await editor.getByLabel(/^Base URL/).isDisabled(), true);
    assert.equal(await editor.getByLabel('Timeout (ms)').isDisabled(), false);
    await page.screenshot({
      path: join(OUTPUT_DIR, 'configuration-member-base-url.png'),
    });
    await context.close();
  });

  it('asks before a bulk disable and keeps short cells on one line', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${BASE_URL}/integrations/config`);
    await page.getByLabel('Search').fill('brevo');

    const row = page.getByRole('row').filter({ hasText: '(brevo)' }).first();
    await row.waitFor({ timeout: 60_000 });
    // The table re-renders as live updates arrive; a cell caught mid-render is
    // detached and has no computed style, so ask again until the row settles.
    const updatedBy = row.getByRole('cell').last();
    let whiteSpace = '';
    for (let tries = 0; tries < 20 && whiteSpace !== 'nowrap'; tries++) {
      if (tries) await page.waitForTimeout(250);
      whiteSpace = await updatedBy.evaluate(
        cell => getComputedStyle(cell).whiteSpace,
      );
    }
    assert.equal(whiteSpace, 'nowrap');
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Disable', exact: true }).click();

    const confirmation = page.getByRole('dialog', {
      name: /^Disable Brevo in \w+\?$/,
    });
    await confirmation.waitFor();
    await page.screenshot({
      path: join(OUTPUT_DIR, 'configuration-bulk-confirmation.png'),
    });
    await confirmation.getByRole('button', { name: 'Cancel' }).click();
    await confirmation.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('shows names, notes and channels that hold HTML as text, and runs none of it', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const page = await browser().newPage({
      viewport: { width: 1440, height: 900 },
    });
    const dialogs = [];
    page.on('dialog', dialog => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => undefined);
    });
    await page.goto(`${BASE_URL}/integrations/config`);
    await page
      .getByText(/^Configurations \(\d+\)$/)
      .waitFor({ timeout: 60_000 });

    // Saved through the API as any client could, with the page's own sign-in.
    const statuses = await page.evaluate(async text => {
      const refresh = await fetch(
        '/api/auth/dev-persona/refresh?env=development',
        {
          headers: {
            'x-requested-with': 'XMLHttpRequest',
            'x-dev-persona': 'admin',
          },
          credentials: 'include',
        },
      );
      const { token } = (await refresh.json()).backstageIdentity;
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      };
      const created = await fetch('/api/integrations/configs', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          template: 'generic-http',
          name: 'hostile-text',
          displayName: `Partner ${text}`,
          description: `About ${text}`,
          owner: 'group:default/platform-team',
        }),
      });
      const updated = await fetch(
        '/api/integrations/configs/hostile-text?environment=development',
        {
          method: 'PUT',
          headers,
          body: JSON.stringify({
            version: 1,
            notes: `Note ${text}`,
            monitoringConfig: { notificationChannels: [`#ops ${text}`] },
          }),
        },
      );
      return [created.status, updated.status];
    }, hostile);
    assert.deepEqual(statuses, [201, 200]);

    const shownAsText = async (path, text) => {
      await page.goto(`${BASE_URL}${path}`);
      await page.getByText(text).first().waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('img[src="x"]').count(), 0, path);
    };
    await shownAsText('/integrations/config', `Partner ${hostile}`);
    await shownAsText(
      '/integrations/dashboard?environment=development',
      `Partner ${hostile}`,
    );
    await shownAsText('/integrations/testing', `Partner ${hostile}`);
    await page.goto(
      `${BASE_URL}/integrations/config?integration=hostile-text&environment=development`,
    );
    const editor = page.getByRole('dialog', { name: /hostile-text/ });
    // Inputs hold text by nature; what matters is that it stays text.
    const channels = editor.getByLabel('Notification channels');
    await channels.waitFor({ timeout: 60_000 });
    assert.equal(await channels.inputValue(), `#ops ${hostile}`);
    await editor.getByRole('tab', { name: 'History' }).click();
    await editor.getByText(`Note ${hostile}`).first().waitFor();
    await page.screenshot({
      path: join(OUTPUT_DIR, 'configuration-hostile-text.png'),
    });
    await shownAsText('/integrations/audit', 'hostile-text');

    assert.deepEqual(dialogs, [], 'no script from saved text ran');
    await page.close();
  });

  it('shows every change in the audit log with who and what', async () => {
    const page = await browser().newPage({
      viewport: { width: 1440, height: 1000 },
    });
    await page.goto(`${BASE_URL}/integrations/audit`);

    const rows = page.getByRole('row').filter({ hasText: 'stripe-e2e' });
    await rows.first().waitFor({ timeout: 30_000 });
    const text = (await rows.allInnerTexts()).join('\n');
    assert.match(text, /Roll(ed)? ?back/i);
    assert.match(text, /Update/);
    assert.match(text, /Create/);
    assert.match(text, /ada\.admin/);
    await page.screenshot({
      path: join(OUTPUT_DIR, 'audit.png'),
      fullPage: true,
    });
    await page.close();
  });
});
