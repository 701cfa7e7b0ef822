// A person uses the packaged extension in the real VS Code (code-server) in Chromium: signs in through the input
// boxes, opens a ticket from the command palette and reads it in the webview, sees the sidebar grouped by status,
// and hovers a ticket id in an editor. Each step leaves a screenshot in test-results/ui/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { STATUS_LABELS } from '../../src/api/types';
import { DEMO_CREDENTIALS } from '../emulator/credentials';
import { buildSeed, hostileTicketId } from '../emulator/seed';
import { HOSTILE_STRINGS } from '../fixtures/hostile-strings';
import { launchChromium } from './browser';
import { walkthroughTitles } from './translations';
import { Workbench, e2eEnv } from './workbench';

interface HoverFacts {
  /** Link targets (href / data-href) in the hover. */
  links: string[];
  images: number;
  /** Codicons rendered in the hover. */
  icons: number;
  text: string;
}

/** What the rendered hover contains, as the person sees it. */
function inspectHover(hover: Locator): Promise<HoverFacts> {
  return hover.evaluate((el) => ({
    links: Array.from(el.querySelectorAll('a'))
      .map((a) => a.getAttribute('data-href') || a.getAttribute('href') || '')
      .filter(Boolean),
    images: el.querySelectorAll('img, svg image, picture, video').length,
    icons: el.querySelectorAll('.codicon').length,
    text: el.textContent ?? '',
  }));
}

const HOSTILE_HOVER_LABELS = [
  'markdown link',
  'markdown javascript link',
  'markdown image',
  'markdown image data',
  'markdown autolink',
  'command uri markdown',
  'command uri with args',
  'codicon alert',
  'codicon spin',
  'img onerror',
  'javascript url link',
  'script tag',
  'bidi override',
];
/** Corpus entries whose hover must stay inert, and their tickets in the emulator's hostile seed. */
const HOSTILE_HOVER_ENTRIES = HOSTILE_HOVER_LABELS.map((label) => {
  const index = HOSTILE_STRINGS.findIndex((h) => h.label === label);
  assert.ok(index >= 0, `corpus entry ${label}`);
  return { label, value: HOSTILE_STRINGS[index].value, ticketId: hostileTicketId(index) };
});

describe('a person using the extension in VS Code (code-server, Chromium)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let page: Page;
  let wb: Workbench;
  const dialogs: string[] = [];
  let benignHover: HoverFacts = { links: [], images: 0, icons: 0, text: '' };

  before(async () => {
    // A file for the hostile-hover step, there from the start so Quick Open lists it.
    fs.writeFileSync(
      path.join(e2eEnv('TICKETS_E2E_WORKSPACE'), 'hostile.md'),
      HOSTILE_HOVER_ENTRIES.map((e) => `ticket ${e.ticketId}`).join('\n') + '\n',
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await browser?.close();
  });

  /**
   * Clicks a collapsed group row open and watches it for two seconds: once open it must stay open (a refresh of the
   * view must not fold it again). A click the tree never took (the row was being drawn anew under the pointer: it never
   * opened) is clicked again, as a person would; the third time fails.
   */
  async function openGroup(row: Locator): Promise<void> {
    const seen: string[] = [];
    for (let click = 1; ; click++) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      const states: string[] = [];
      for (let i = 0; i < 20; i++, await page.waitForTimeout(100))
        states.push((await row.getAttribute('aria-expanded')) ?? 'none');
      seen.push(`click ${click}: ${states.join(' ')}`);
      const opened = states.indexOf('true');
      if (opened >= 0) {
        assert.ok(!states.slice(opened).includes('false'), `the group folded again by itself:\n${seen.join('\n')}`);
        return;
      }
      assert.ok(click < 3, `the group did not open:\n${seen.join('\n')}`);
    }
  }

  it('finds the extension installed from the .vsix: its Tickets view in the activity bar', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Alibaba Cloud"]').waitFor({ timeout: 30_000 });
    await wb.screenshot('01-workbench.png');
  });

  it('signs in through the input boxes: AccessKey ID, then the secret in a password box', async () => {
    const toast = await wb.signIn(DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.accessKeySecret, {
      atSecretBox: async () => {
        assert.strictEqual(
          await wb.quickInputBox.getAttribute('type'),
          'password',
          'the secret is typed into a password box',
        );
        await wb.screenshot('02-sign-in-secret.png');
      },
    });
    assert.ok(!toast.includes(DEMO_CREDENTIALS.accessKeyId), 'the notification shows the key shortened');
  });

  it('opens a ticket from the command palette and reads its title and conversation in the webview', async () => {
    const seed = buildSeed('demo', Date.now());
    const ticket = seed.tickets.find((t) => t.ticketId === '0005PYGCW')!;
    const firstLine = seed.notes.get('0005PYGCW')![0].content.split('\n')[0];

    await wb.runCommand('Alibaba Cloud Tickets: Open Ticket');
    // Before Enter, the typed id's row says which ticket it is: its title and status, as the server gave them.
    await wb.answer(/Open Ticket/, '0005PYGCW', { row: ticket.title, enter: false });
    const row = wb.quickInput.locator('.monaco-list-row', { hasText: ticket.title }).first();
    assert.match((await row.textContent()) ?? '', /^0005PYGCW/);
    await wb.screenshot('03-open-ticket-row.png');
    await wb.quickInputBox.press('Enter');
    const view = wb.webview();
    await view.locator('h1.title', { hasText: ticket.title }).waitFor({ timeout: 30_000 });
    await view.locator('.notes', { hasText: firstLine }).waitFor({ timeout: 10_000 });
    assert.strictEqual((await view.locator('h1.title').textContent())?.trim(), ticket.title);
    await page.locator('.tab', { hasText: '0005PYGCW' }).first().waitFor();
    await page.mouse.move(700, 700);
    await wb.screenshot('03-ticket-details.png');
  });

  it('a ticket that does not exist: Open Another Ticket replaces its panel instead of leaving a dead tab', async () => {
    await wb.runCommand('Alibaba Cloud Tickets: Open Ticket');
    await wb.answer(/Open Ticket/, 'ZZZZ99999', { row: 'ZZZZ99999' });
    const tab = page.locator('.tab', { hasText: 'ZZZZ99999' });
    await tab.first().waitFor({ timeout: 15_000 });
    const button = wb.webview().locator('button[data-action="openTicket"]');
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    await wb.answer(/Open Ticket/, '001571BTXC', { row: '001571BTXC' });
    await page.locator('.tab', { hasText: '001571BTXC' }).first().waitFor({ timeout: 15_000 });
    await tab.first().waitFor({ state: 'detached', timeout: 15_000 });
    assert.strictEqual(await tab.count(), 0, 'the not-found tab is gone');
  });

  it('opens the Tickets sidebar and sees the tickets grouped by status', async () => {
    await wb.runCommand('Notifications: Clear All Notifications');
    // The badge sits over the icon's corner and takes the click (as in the other suites: force past it).
    await page.locator('.activitybar .action-item a[aria-label^="Alibaba Cloud"]').click({ force: true });
    const rows = page.locator('.sidebar .monaco-list-row');
    await rows.filter({ hasText: STATUS_LABELS[3] }).first().waitFor({ timeout: 30_000 });
    // Collapse every group (the view's own Collapse All button) to see all the groups at once.
    const header = page.locator('.sidebar .pane-header', { has: page.locator('h3.title', { hasText: /^Tickets$/ }) });
    await wb.collapseAll(header);
    const labels = (await rows.allTextContents()).join('\n');
    const groups = Object.values(STATUS_LABELS).filter((label) => labels.includes(label));
    assert.ok(groups.length >= 4, `expected the status groups, saw:\n${labels}`);
    // Open the group support is waiting on, to see its tickets.
    const waiting = rows.filter({ hasText: STATUS_LABELS[3] }).first();
    await openGroup(waiting);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.sidebar .monaco-list-row').length > n,
      groups.length,
      { timeout: 15_000 },
    );
    await page.mouse.move(700, 700);
    await wb.screenshot('04-explorer-grouped.png');
  });

  it('points at a ticket row and reads its tooltip, made when pointed at: the title, status and id', async () => {
    const rows = page.locator('.sidebar .monaco-list-row');
    const seed = buildSeed('demo', Date.now());
    // A ticket of the open group whose title is plain words (the hostile ones have their own suite).
    const texts = await rows.allTextContents();
    const ticket = texts
      .map((text) => seed.tickets.find((t) => t.ticketId === /\b([0-9A-Z]{9,10}) · /.exec(text)?.[1]))
      .find((t) => t && /^[\w ,.'-]+$/.test(t.title));
    assert.ok(ticket, `a ticket row under the open group, saw:\n${texts.join('\n')}`);
    const ticketId = ticket.ticketId;
    const row = rows.filter({ hasText: ticketId }).first();
    // The row came without its tooltip (resolveTreeItem makes it): VS Code asks for it when the pointer rests there.
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: ticketId }).first();
    for (let attempt = 0; attempt < 3 && !(await tooltip.isVisible()); attempt++) {
      await page.mouse.move(700, 700);
      await row.hover();
      await tooltip.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    const text = (await tooltip.textContent().catch(() => null)) ?? '';
    assert.ok(text.includes(ticketId), `a tooltip names ${ticketId}: ${text}`);
    assert.ok(text.includes(ticket.title), `with its title: ${text}`);
    assert.ok(text.includes(STATUS_LABELS[3]), `and its status: ${text}`);
    await wb.screenshot('04-explorer-row-tooltip.png');
    await page.mouse.move(700, 700);
  });

  it('filters the Tickets view: the filter is said above the list, the badge still counts every ticket waiting for you', async () => {
    const sidebar = page.locator('.sidebar');
    const badge = page
      .locator('.activitybar .action-item', { has: page.locator('a[aria-label^="Alibaba Cloud"]') })
      .locator('.badge-content');
    await badge.waitFor({ timeout: 15_000 });
    const waiting = (await badge.textContent())?.trim();
    assert.match(waiting ?? '', /^\d+$/, 'the badge shows a count');
    await wb.runCommand('Alibaba Cloud Tickets: Filter Tickets');
    await wb.answer(/Filter Tickets \(1\/3\)/, '');
    await wb.answer(/Filter Tickets \(2\/3\)/, 'OSS');
    await wb.answer(/Filter Tickets \(3\/3\)/, '', { row: 'Any time' });
    await sidebar
      .getByText(/Filtered: “OSS”/)
      .first()
      .waitFor({ timeout: 20_000 });
    // While the view loads, the badge shows VS Code's progress icon instead of the count: wait for the count. The count
    // can grow meanwhile (it adds answers not yet seen, and background reads find more); following the filter would
    // make it smaller.
    const atLeastWaiting = (text: string | undefined) => /^\d+$/.test(text ?? '') && Number(text) >= Number(waiting);
    let shown: string | undefined;
    for (let i = 0; i < 60 && !atLeastWaiting((shown = (await badge.textContent())?.trim())); i++)
      await page.waitForTimeout(250);
    assert.ok(atLeastWaiting(shown), `the badge does not follow the filter: ${shown} after ${waiting}`);
    await page.mouse.move(700, 700);
    await wb.screenshot('07-explorer-filtered.png');
    await wb.runCommand('Alibaba Cloud Tickets: Clear Ticket Filter');
    await sidebar
      .getByText(/Filtered:/)
      .first()
      .waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('a refresh the server throttles keeps the list and says above it that it failed and when to retry', async () => {
    const faults = `${e2eEnv('TICKETS_E2E_EMULATOR_URL')}/__emulator/faults`;
    await fetch(faults, {
      method: 'POST',
      body: JSON.stringify({ kind: 'throttle', action: 'ListTickets', retryAfterMs: 20_000, times: 20 }),
    });
    try {
      await wb.runCommand('Alibaba Cloud Tickets: Refresh Tickets');
      const sidebar = page.locator('.sidebar');
      await sidebar
        .getByText(/Refresh failed at .*Too many requests: wait 20 s/)
        .first()
        .waitFor({ timeout: 30_000 });
      await sidebar.locator('.monaco-list-row', { hasText: STATUS_LABELS[3] }).first().waitFor({ timeout: 5_000 });
      await page.mouse.move(700, 700);
      await wb.screenshot('08-explorer-refresh-failed.png');
    } finally {
      await fetch(faults, { method: 'DELETE' });
    }
  });

  it('in a narrow sidebar the group counts stay visible', async () => {
    const sidebar = page.locator('.part.sidebar');
    const box = (await sidebar.boundingBox())!;
    // Drag the sash on the sidebar's right edge to make it narrow.
    await page.mouse.move(box.x + box.width + 1, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 190, box.y + 300, { steps: 8 });
    await page.mouse.up();
    const narrow = (await sidebar.boundingBox())!;
    assert.ok(narrow.width < box.width - 40, `the sidebar got narrower (${box.width} → ${narrow.width})`);
    const row = sidebar.locator('.monaco-list-row', { hasText: STATUS_LABELS[3] }).first();
    const label = (await row.locator('.label-name').first().textContent()) ?? '';
    assert.match(label, /^\d+ /, `the count leads the label: ${label}`);
    // The count's characters are inside the visible part of the row.
    const countVisible = await row
      .locator('.label-name')
      .first()
      .evaluate((el) => {
        const range = document.createRange();
        const text = el.firstChild ?? el;
        range.selectNodeContents(text);
        const rowBox = el.closest('.monaco-list-row')!.getBoundingClientRect();
        const first = range.getClientRects()[0];
        return first !== undefined && first.left >= rowBox.left && first.left + 20 <= rowBox.right;
      });
    assert.ok(countVisible, 'the count is on screen');
    await page.mouse.move(700, 700);
    await wb.screenshot('09-explorer-narrow.png');
    // Back to the usual width for the steps after.
    await page.mouse.move(narrow.x + narrow.width + 1, narrow.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width, box.y + 300, { steps: 8 });
    await page.mouse.up();
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

    const hover = await wb.hoverOver(line, '0005PYGCW', title, { lineNumber: 2, column: 18 });
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /0005PYGCW/);
    benignHover = await inspectHover(hover);
    // The inspector sees what a hover really holds: our own command links and the status icon.
    assert.ok(
      benignHover.links.some((href) => href.startsWith('command:aliyunTickets.')),
      `our links: ${benignHover.links.join(' ')}`,
    );
    assert.ok(benignHover.icons >= 1, 'the status icon');
    await wb.screenshot('05-hover.png');
  });

  it('shows hostile ticket text in hovers as inert text: no link, command, image or icon of its own', async function () {
    this.timeout(180_000);
    // The emulator switches to the hostile seed; the runner's user settings make hovers find its ids (HST…).
    await fetch(`${e2eEnv('TICKETS_E2E_EMULATOR_URL')}/__emulator/reset`, {
      method: 'POST',
      body: JSON.stringify({ seed: 'hostile' }),
    });
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await wb.quickInputBox.fill('hostile.md');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'hostile.md' }).first().waitFor();
      await page.keyboard.press('Enter');
      const failures: string[] = [];
      for (const entry of HOSTILE_HOVER_ENTRIES) {
        const line = page.locator('.monaco-editor .view-line', { hasText: entry.ticketId }).first();
        await line.waitFor({ timeout: 15_000 });
        const lineNumber = HOSTILE_HOVER_ENTRIES.indexOf(entry) + 1;
        const hover = await wb
          .hoverOver(line, entry.ticketId, entry.ticketId, { lineNumber, column: 12 })
          .catch((error: Error) => {
            failures.push(`${entry.label}: no hover (${error.message.split('\n')[0]})`);
            return undefined;
          });
        if (!hover) continue;
        // Wait for the ticket itself (not only the link tooltip) to be in the hover.
        await page
          .waitForFunction(
            (id) =>
              Array.from(document.querySelectorAll('.monaco-hover')).some(
                (h) => (h.textContent ?? '').includes(id) && /Open Ticket/.test(h.textContent ?? ''),
              ),
            entry.ticketId,
            { timeout: 10_000 },
          )
          .catch(() => undefined);
        const found = await inspectHover(hover);
        const problems: string[] = [];
        const foreign = found.links.filter((href) => !/^command:aliyunTickets\./.test(href));
        if (foreign.length) problems.push(`links not ours: ${foreign.join(' ')}`);
        if (found.images) problems.push(`${found.images} images`);
        if (found.icons > benignHover.icons)
          problems.push(`${found.icons} icons (a normal hover has ${benignHover.icons})`);
        const fragment = entry.value
          .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 16);
        if (!found.text.replace(/\s+/g, ' ').includes(fragment))
          problems.push(
            `the title does not show as text (${JSON.stringify(fragment)} missing from ${JSON.stringify(found.text.slice(0, 120))})`,
          );
        if (problems.length) failures.push(`${entry.label}: ${problems.join('; ')}`);
        if (entry.label === 'command uri markdown') await wb.screenshot('06-hover-hostile.png');
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
      }
      assert.deepStrictEqual(failures, []);
    } finally {
      await fetch(`${e2eEnv('TICKETS_E2E_EMULATOR_URL')}/__emulator/reset`, {
        method: 'POST',
        body: JSON.stringify({ seed: 'demo' }),
      });
    }
  });

  it('opens the walkthrough and sees its steps', async () => {
    await wb.runCommand('Open Walkthrough');
    const { title, steps } = walkthroughTitles();
    await wb.quickInputBox.fill(title);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText(title).first().waitFor({ timeout: 20_000 });
    for (const step of steps) await walkthrough.getByText(step).first().waitFor({ timeout: 10_000 });
    // Without the sidebar the editor is wide enough for the step's markdown beside the steps.
    await page.keyboard.press('Control+B');
    // The step's markdown renders in a webview of its own; the screenshot waits a while for its heading.
    await wb
      .webview()
      .locator('h2')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await page.mouse.move(700, 780);
    await page.waitForTimeout(1_000);
    await wb.screenshot('14-walkthrough.png');
    await page.keyboard.press('Control+B');
  });

  it('no page dialog appeared along the way', () => {
    assert.deepStrictEqual(dialogs, []);
  });
});
