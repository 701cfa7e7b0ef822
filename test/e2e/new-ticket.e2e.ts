// A person creates a ticket from a selection in the real VS Code (code-server) in Chromium: selects a line, runs
// Create Ticket from Selection from the editor's context menu, picks product and category in the form, submits with
// Ctrl+Enter, and sees the new ticket open in its panel and in the Tickets view. The status bar shows how many
// tickets wait for them. Screenshots land in test-results/ui/.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CREDENTIALS } from '../emulator/credentials';
import { launchChromium } from './browser';
import { Workbench, e2eEnv } from './workbench';

const TITLE = 'Renewal retries never stop (from the editor)';

describe('a person creating a ticket from a selection (code-server, Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let wb: Workbench;
  let createdId = '';

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
    // The extension host starts after the workbench; on a loaded machine that takes a while.
    await page.locator('.activitybar .action-item a[aria-label^="Alibaba Cloud"]').waitFor({ timeout: 60_000 });
    await wb.signIn(DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.accessKeySecret);
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await browser?.close();
  });

  it('selects a line and opens the form from the editor context menu, prefilled with the code, its path and line', async () => {
    await page.keyboard.press('Control+P');
    await wb.quickInputBox.fill('renewal.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'renewal.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.monaco-editor .view-line', { hasText: 'See ticket 0005PYGCW' }).first();
    await line.waitFor({ timeout: 15_000 });
    // The cursor to line 2, then Shift+Down: the whole line is selected.
    await page.keyboard.press('Control+G');
    await wb.quickInputBox.fill(':2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowDown');
    await line.click({ button: 'right' });
    const item = page.locator('.context-view .action-item', { hasText: 'Create Ticket from Selection' }).first();
    await item.waitFor({ timeout: 10_000 });
    await wb.screenshot('new-ticket-1-context-menu.png');
    await item.click();

    const form = wb.webview();
    await form.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    const description = await form.locator('#description').inputValue();
    assert.strictEqual(
      description,
      'From renewal.ts, line 2:\n\n```typescript\n// See ticket 0005PYGCW for the support conversation.\n```\n',
    );
    assert.ok(
      await form.locator('#productSearch').evaluate((el) => el === document.activeElement),
      'focus is in the first field',
    );
  });

  it('picks product and category, submits with Ctrl+Enter, and sees the new ticket in its panel and the Tickets view', async () => {
    const form = wb.webview();
    await form.locator('#productSearch').fill('compute');
    await form
      .locator('#product optgroup[label="Elastic Computing"] option', { hasText: 'Elastic Compute Service' })
      .waitFor({ timeout: 20_000 });
    await form.locator('#product').selectOption('4');
    await form.locator('#category option[value="7161"]').waitFor({ state: 'attached', timeout: 20_000 });
    await form.locator('#category').selectOption('7161');
    await form.locator('#severity2').check();
    await form.locator('#title').fill(TITLE);
    await form.locator('#secret').fill('billing account: 1234');
    await form.locator('#heading').scrollIntoViewIfNeeded();
    await page.mouse.move(700, 700);
    await wb.screenshot('new-ticket-2-form.png');
    await form.locator('#title').press('Control+Enter');

    const panel = wb.webview();
    await panel.locator('h1.title', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    await panel.locator('body', { hasText: 'From renewal.ts, line 2' }).waitFor({ timeout: 10_000 });
    createdId = /Ticket (\w+) created/.exec(await wb.toast(/Ticket \w+ created\./))![1];
    await page.mouse.move(700, 700);
    await wb.screenshot('new-ticket-3-panel.png');

    // The badge (tickets waiting for you) sits over the icon: click through it as a person's click would.
    await page.locator('.activitybar .action-item a[aria-label^="Alibaba Cloud"]').click({ force: true });
    // Newest first: the flat list has the new ticket on top (grouped, it sits in Pending below the longer groups).
    await wb.runCommand('Alibaba Cloud Tickets: Show Tickets as a List');
    const row = page.locator('.sidebar .monaco-list-row', { hasText: TITLE }).first();
    await row.waitFor({ timeout: 30_000 });
    const bell = page.locator('.statusbar-item', { has: page.locator('.codicon-bell-dot') }).first();
    await bell.waitFor({ timeout: 30_000 });
    assert.match((await bell.textContent()) ?? '', /\d+/, 'the status bar counts the tickets that wait for you');
    await page.mouse.move(700, 700);
    await wb.screenshot('new-ticket-4-in-view.png');
    await wb.runCommand('Alibaba Cloud Tickets: Group Tickets by Status');
  });

  it('keeps a title typed just before the form is closed with Escape', async () => {
    const typed = 'Typed and closed at once';
    await wb.runCommand('Alibaba Cloud Tickets: New Ticket');
    let form = wb.webview();
    await form.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await form.locator('#title').click();
    // No pause between the last key and Escape: nothing that waits in the page may be needed.
    await page.keyboard.type(typed);
    await page.keyboard.press('Escape');
    await page.locator('.tab', { hasText: 'New Ticket' }).waitFor({ state: 'detached', timeout: 10_000 });
    await wb.runCommand('Alibaba Cloud Tickets: New Ticket');
    form = wb.webview();
    await form.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    assert.strictEqual(await form.locator('#title').inputValue(), typed, 'the title after opening the form again');
    // The next suites expect no draft: Discard Draft (its Undo notification is left to time out).
    await form.locator('#discard').click();
    await page.locator('.tab', { hasText: 'New Ticket' }).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('hears when support answers: a notification with Open, once', async function () {
    // The runner sets the watcher's interval to its minimum (30 s); support now asks for feedback on the new ticket.
    this.timeout(150_000);
    assert.ok(createdId, 'the ticket of the previous step');
    // The demo account has more unfinished tickets than one page holds, so the watcher announces only changes it saw
    // happen: let one check (every 30 s here) see the new ticket as it was created, then support answers.
    await page.waitForTimeout(36_000);
    const control = async (route: string, body: unknown) => {
      const res = await fetch(`${e2eEnv('TICKETS_E2E_EMULATOR_URL')}/__emulator/tickets/${createdId}/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(res.ok, `${route}: ${res.status}`);
    };
    await control('notes', { content: 'Please send the order number of the failed renewal.' });
    await control('status', { status: 3 });
    const toast = await wb.toast(/Support is waiting for your feedback/, 100_000);
    assert.ok(toast.includes(createdId) && toast.includes('Please send the order number'), toast);
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Open' }).first().waitFor();
    await page.mouse.move(700, 700);
    await wb.screenshot('new-ticket-5-support-answered.png');
  });
});
