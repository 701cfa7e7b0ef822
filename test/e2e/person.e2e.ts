// A person uses the packaged extension in the real VS Code (code-server) in Chromium: signs in through the input
// boxes, opens a ticket from the command palette and reads it in the webview, sees the sidebar grouped by status,
// and hovers a ticket id in an editor. Each step leaves a screenshot in test-results/ui/.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { STATUS_LABELS } from '../../src/api/types';
import { DEMO_CREDENTIALS } from '../emulator/credentials';
import { buildSeed } from '../emulator/seed';
import { launchChromium } from './browser';
import { Workbench, e2eEnv } from './workbench';

describe('a person using the extension in VS Code (code-server, Chromium)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let page: Page;
  let wb: Workbench;
  const dialogs: string[] = [];

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await browser?.close();
  });

  it('finds the extension installed from the .vsix: its Tickets view in the activity bar', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Alibaba Cloud Tickets"]').waitFor({ timeout: 30_000 });
    await wb.screenshot('01-workbench.png');
  });

  it('signs in through the input boxes: AccessKey ID, then the secret in a password box', async () => {
    await wb.runCommand('Alibaba Cloud Tickets: Sign In');
    await wb.answer(/AccessKey ID/, DEMO_CREDENTIALS.accessKeyId);
    await wb.answer(/AccessKey Secret/, DEMO_CREDENTIALS.accessKeySecret, { enter: false });
    assert.strictEqual(await wb.quickInputBox.getAttribute('type'), 'password', 'the secret is typed into a password box');
    await wb.screenshot('02-sign-in-secret.png');
    await wb.quickInputBox.press('Enter');
    const toast = await wb.toast(/Signed in to Alibaba Cloud Tickets/);
    assert.ok(!toast.includes(DEMO_CREDENTIALS.accessKeyId), 'the notification shows the key shortened');
  });

  it('opens a ticket from the command palette and reads its title and conversation in the webview', async () => {
    const seed = buildSeed('demo', Date.now());
    const ticket = seed.tickets.find((t) => t.ticketId === '0005PYGCW')!;
    const firstLine = seed.notes.get('0005PYGCW')![0].content.split('\n')[0];

    await wb.runCommand('Alibaba Cloud Tickets: Open Ticket');
    await wb.answer(/Open Ticket/, '0005PYGCW');
    const view = wb.webview();
    await view.locator('h1.title', { hasText: ticket.title }).waitFor({ timeout: 30_000 });
    await view.locator('.notes', { hasText: firstLine }).waitFor({ timeout: 10_000 });
    assert.strictEqual((await view.locator('h1.title').textContent())?.trim(), ticket.title);
    await page.locator('.tab', { hasText: '0005PYGCW' }).first().waitFor();
    await page.mouse.move(700, 700);
    await wb.screenshot('03-ticket-details.png');
  });

  it('opens the Tickets sidebar and sees the tickets grouped by status', async () => {
    await wb.runCommand('Notifications: Clear All Notifications');
    await page.locator('.activitybar .action-item a[aria-label^="Alibaba Cloud Tickets"]').click();
    const rows = page.locator('.sidebar .monaco-list-row');
    await rows.filter({ hasText: STATUS_LABELS[3] }).first().waitFor({ timeout: 30_000 });
    // Collapse every group (the view's own Collapse All button) to see all the groups at once.
    await page.locator('.sidebar .action-label[aria-label^="Collapse All"]').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.sidebar .monaco-list-row[aria-expanded="true"]').length === 0, undefined, { timeout: 10_000 });
    const labels = (await rows.allTextContents()).join('\n');
    const groups = Object.values(STATUS_LABELS).filter((label) => labels.includes(label));
    assert.ok(groups.length >= 4, `expected the status groups, saw:\n${labels}`);
    // Open the group support is waiting on, to see its tickets.
    const waiting = rows.filter({ hasText: STATUS_LABELS[3] }).first();
    if ((await waiting.getAttribute('aria-expanded')) !== 'true') await waiting.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.sidebar .monaco-list-row').length > n,
      groups.length,
      { timeout: 15_000 },
    );
    await page.mouse.move(700, 700);
    await wb.screenshot('04-explorer-grouped.png');
  });

  it('hovers a ticket id in an editor and reads the ticket in the hover', async () => {
    const title = buildSeed('demo', Date.now()).tickets.find((t) => t.ticketId === '0005PYGCW')!.title;
    await wb.closeQuickInput();
    await page.keyboard.press('Control+P');
    await wb.quickInputBox.fill('renewal.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'renewal.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.monaco-editor .view-line', { hasText: '0005PYGCW' }).first();
    await line.waitFor({ timeout: 15_000 });

    // Point the mouse at the id: find its characters' box inside the rendered line.
    const box = await line.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf('0005PYGCW');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 2);
        range.setEnd(node, at + 6);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return undefined;
    });
    assert.ok(box, 'the id is on screen');
    const hover = page.locator('.monaco-hover', { hasText: title }).first();
    for (let attempt = 0; attempt < 3 && !(await hover.isVisible()); attempt++) {
      await page.mouse.move(box.x - 40, box.y + 30);
      await page.mouse.move(box.x, box.y, { steps: 5 });
      await hover.waitFor({ timeout: 8_000 }).catch(() => undefined);
    }
    if (!(await hover.isVisible())) {
      const seen = await page.locator('.monaco-hover').allTextContents();
      assert.fail(`no hover with the ticket title; hovers on the page: ${JSON.stringify(seen).slice(0, 500)}`);
    }
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /0005PYGCW/);
    await wb.screenshot('05-hover.png');
  });

  it('no page dialog appeared along the way', () => {
    assert.deepStrictEqual(dialogs, []);
  });
});
