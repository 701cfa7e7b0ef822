// The main screens in Simplified Chinese: the runner gives this suite (by its file name) a code-server whose display
// language is zh-cn, as for a person with the Chinese language pack. A person signs in, sees the command palette, the
// Tickets view grouped by status, a hover on a ticket id, a ticket's panel with its conversation, the New Ticket form
// and the walkthrough, and each step checks that the text we translate shows in Chinese (so the test fails when the
// translation stops applying). VS Code's own menus stay English: no VS Code language pack can be installed offline
// (scripts/lib/code-server.mjs). Screenshots: test-results/ui/zh-cn-*.png, light and dark.
import * as assert from 'assert';
import type { Browser, Locator, Page } from 'playwright-core';
import { STATUS_LABELS } from '../../src/api/types';
import { DEMO_CREDENTIALS } from '../emulator/credentials';
import { buildSeed } from '../emulator/seed';
import { launchChromium } from './browser';
import {
  HAN,
  commandTitle,
  displayLocale,
  manifestText,
  shownPattern,
  shownText,
  walkthroughTitles,
} from './translations';
import { Workbench, e2eEnv } from './workbench';

/** A ticket waiting for the customer, with a conversation (the panel step). */
const CONVERSATION_TICKET = '001571BTXC';
/** A completed ticket mentioned in the workspace's renewal.ts (the hover step). */
const HOVER_TICKET = '0005PYGCW';

/** Asserts `text` is `expected` and, as every string we translate to Chinese, has Chinese characters. */
function assertChinese(text: string | null | undefined, expected: string, what: string): void {
  assert.strictEqual(text?.trim(), expected, what);
  assert.match(expected, HAN, `${what} is Chinese`);
}

/** Labels (name plus description) of the sidebar rows that VS Code cut with an ellipsis. */
function cutLabels(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((els) =>
    els
      .map((row) => row.querySelector('.monaco-icon-label-container') as HTMLElement | null)
      .filter((label): label is HTMLElement => !!label && label.scrollWidth > label.clientWidth + 1)
      .map((label) => (label.textContent ?? '').trim()),
  );
}

describe('the main screens in Simplified Chinese (code-server in zh-cn, Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let wb: Workbench;
  const seed = buildSeed('demo', Date.now());
  const activityBarItem = () =>
    page.locator(`.activitybar .action-item a[aria-label^="${manifestText('viewsContainers.aliyunTickets.title')}"]`);

  before(async () => {
    assert.strictEqual(displayLocale(), 'zh-cn', 'the runner starts this suite in zh-cn (from its file name)');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
    // The extension host starts after the workbench; on a loaded machine that takes a while.
    await activityBarItem().waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await wb?.screenshot(`failed-zh-cn-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await browser?.close();
  });

  it('the command palette lists our commands in Chinese', async () => {
    assert.strictEqual(manifestText('viewsContainers.aliyunTickets.title'), '阿里云');
    await wb.closeQuickInput();
    await page.keyboard.press('F1');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    for (const key of ['command.signIn.title', 'command.openTicket.title', 'command.newTicket.title']) {
      const title = commandTitle(key);
      assert.match(title, HAN, `${key} is Chinese`);
      await wb.quickInputBox.fill(`>${title}`);
      await rows.locator('.quick-input-list-label', { hasText: title }).first().waitFor({ timeout: 15_000 });
    }
    await wb.quickInputBox.fill(`>${manifestText('command.category')}`);
    await rows.first().waitFor();
    const labels = await rows.locator('.quick-input-list-label').allTextContents();
    const ours = labels.filter((label) => label.startsWith(`${manifestText('command.category')}: `));
    assert.ok(ours.length >= 5, `our commands in the palette:\n${labels.join('\n')}`);
    for (const label of ours) assert.match(label.split(': ')[1], HAN, `${label} is Chinese`);
    await wb.screenshot('zh-cn-01-palette.png');
    await page.keyboard.press('Escape');
  });

  it('signs in through the input boxes: the command, the boxes and the toast in Chinese', async () => {
    const toast = await wb.signIn(DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.accessKeySecret, {
      command: commandTitle('command.signIn.title'),
      idTitle: shownPattern('Sign In to Alibaba Cloud Tickets: AccessKey ID'),
      secretTitle: shownPattern('Sign In to Alibaba Cloud Tickets: AccessKey Secret'),
      signedIn: shownPattern('Signed in to Alibaba Cloud Tickets with {0} ({1}).'),
      atSecretBox: () => wb.screenshot('zh-cn-02-sign-in-secret.png'),
    });
    // The boxes' titles were matched in Chinese above; the toast says who is signed in, in Chinese too.
    assert.match(toast, HAN, toast);
    assert.match(shownText('Sign In to Alibaba Cloud Tickets: AccessKey ID'), HAN);
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('the Tickets view: its name and the status groups in Chinese, the groups not cut in the sidebar', async () => {
    await activityBarItem().click({ force: true });
    const sidebar = page.locator('.sidebar');
    const viewName = manifestText('views.explorer.name');
    const pane = sidebar.locator('.pane', {
      has: page.locator('.pane-header h3.title', { hasText: viewName }),
    });
    const header = pane.locator('.pane-header').first();
    // The Tickets view's own rows (the Inbox below it lists answers, in the words support wrote them).
    const rows = pane.locator('.pane-body .monaco-list-row');
    const waiting = shownText(STATUS_LABELS[3]);
    assert.match(waiting, HAN, 'the status name is Chinese');
    await rows.filter({ hasText: waiting }).first().waitFor({ timeout: 30_000 });
    // The container ("阿里云") in the sidebar's title; its views (the Tickets view, the Inbox beside it) each under a
    // header of its own: "工单".
    const container = manifestText('viewsContainers.aliyunTickets.title');
    assert.match(container, HAN);
    assert.match(viewName, HAN);
    const sidebarTitle = (await sidebar.locator('.composite.title').first().textContent()) ?? '';
    assert.ok(sidebarTitle.includes(container), `the sidebar's title ${JSON.stringify(sidebarTitle)} is ${container}`);
    await header.waitFor({ timeout: 10_000 });
    // Every group collapsed (the view's own Collapse All) to see them all, then the one that waits for the person.
    await wb.collapseAll(header);
    const groupLabels = await rows.locator('.label-name').allTextContents();
    const statusNames = Object.values(STATUS_LABELS).map((english) => shownText(english));
    const groups = groupLabels.filter((label) => statusNames.some((name) => label.includes(name)));
    assert.ok(groups.length >= 4, `the status groups in Chinese, saw:\n${groupLabels.join('\n')}`);
    for (const label of groupLabels) assert.match(label, HAN, `group label ${JSON.stringify(label)} is Chinese`);
    assert.deepStrictEqual(await cutLabels(rows), [], 'no group label is cut');
    const group = rows.filter({ hasText: waiting }).first();
    if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.sidebar .monaco-list-row').length > n,
      groups.length,
      {
        timeout: 15_000,
      },
    );
    const cut = await cutLabels(rows);
    if (cut.length) console.log(`      (ticket rows cut at the sidebar's edge: ${cut.length}, e.g. ${cut[0]})`);
    await page.mouse.move(700, 700);
    await wb.theme('light');
    await wb.screenshot('zh-cn-03-tickets-view-light.png');
    await wb.theme('dark');
    await wb.screenshot('zh-cn-03-tickets-view-dark.png');
    await wb.theme('light');
  });

  it('hovers a ticket id: status, severity and the links in Chinese', async () => {
    const ticket = seed.tickets.find((t) => t.ticketId === HOVER_TICKET)!;
    await wb.openFile('renewal.ts');
    const line = page.locator('.monaco-editor .view-line', { hasText: HOVER_TICKET }).first();
    await line.waitFor({ timeout: 15_000 });
    const hover = await wb.hoverOver(line, HOVER_TICKET, ticket.title, { lineNumber: 2, column: 18 });
    const text = (await hover.textContent()) ?? '';
    for (const shown of [
      shownText(STATUS_LABELS[ticket.status as keyof typeof STATUS_LABELS]),
      shownText('Common'),
      shownText('Open Ticket'),
      shownText('Copy ID'),
    ]) {
      assert.match(shown, HAN, `${shown} is Chinese`);
      assert.ok(text.includes(shown), `${shown} in the hover: ${text}`);
    }
    assert.match(text, shownPattern('{0} · Severity: {1} · {2}'));
    await wb.screenshot('zh-cn-04-hover.png');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  it('opens a ticket from the palette and reads its conversation in the panel', async () => {
    const ticket = seed.tickets.find((t) => t.ticketId === CONVERSATION_TICKET)!;
    const firstLine = seed.notes.get(CONVERSATION_TICKET)![0].content.split('\n')[0];
    await wb.runCommand(commandTitle('command.openTicket.title'));
    // Before Enter, the typed id's row says the ticket's title and our Chinese name of its status.
    const status = shownText(STATUS_LABELS[ticket.status as keyof typeof STATUS_LABELS]);
    await wb.answer(shownPattern('Open Ticket'), CONVERSATION_TICKET, { row: ` · ${status}`, enter: false });
    const row = (await wb.quickInput.locator('.monaco-list-row', { hasText: status }).first().textContent()) ?? '';
    assert.ok(row.startsWith(CONVERSATION_TICKET) && row.includes(ticket.title.trim().slice(0, 10)), row);
    assert.match(status, HAN);
    await wb.screenshot('zh-cn-05-open-ticket-row.png');
    await wb.quickInputBox.press('Enter');
    const view = wb.webview();
    await view.locator('h1.title').waitFor({ timeout: 30_000 });
    await view.locator('.notes', { hasText: firstLine }).waitFor({ timeout: 10_000 });
    // Ticket text is shown as it comes.
    assert.strictEqual((await view.locator('h1.title').textContent())?.trim(), ticket.title.trim());
    // The panel's own words, status and severity (our names of their values, not the server's labels) in Chinese.
    assertChinese(
      await view.locator('.badge[class*="status-"]').textContent(),
      shownText(STATUS_LABELS[ticket.status as keyof typeof STATUS_LABELS]),
      'the status badge',
    );
    assertChinese(
      await view.locator('.badge[class*="severity-"]').textContent(),
      shownText(ticket.severity === 2 ? 'Urgent' : 'Common'),
      'the severity badge',
    );
    const headings = (await view.locator('h2').allTextContents()).map((h) => h.trim());
    for (const heading of ['Description', 'Conversation'])
      assert.ok(headings.includes(shownText(heading)) && HAN.test(shownText(heading)), `${heading}: ${headings}`);
    assertChinese(
      await view.locator('label[for="reply-text"]').textContent(),
      shownText('Your reply to support'),
      'the reply box label',
    );
    assertChinese(await view.locator('#send-button').textContent(), shownText('Send Reply'), 'the send button');
    // The category is named from the catalogue asked for in the display language (it arrives after the ticket).
    const category = view.locator(`xpath=//dt[normalize-space()="${shownText('Category')}"]/following-sibling::dd[1]`);
    let categoryText = '';
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await page.waitForTimeout(250)) {
      categoryText = (await category.textContent())?.trim() ?? '';
      if (categoryText.includes(' / ')) break;
    }
    assert.ok(categoryText.includes(' / ') && HAN.test(categoryText), `the category in Chinese: ${categoryText}`);
    await page.mouse.move(5, 700);
    await wb.screenshot('zh-cn-05-panel-light.png');
    await wb.theme('dark');
    await wb.screenshot('zh-cn-05-panel-dark.png');
    await view.locator('#reply-form').scrollIntoViewIfNeeded();
    await wb.screenshot('zh-cn-06-panel-reply-dark.png');
    await wb.theme('light');
  });

  it('opens the New Ticket form from the palette', async () => {
    await wb.runCommand(commandTitle('command.newTicket.title'));
    const form = wb.webview();
    await form.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await form.locator('#product option').first().waitFor({ state: 'attached', timeout: 20_000 });
    assertChinese(await form.locator('#heading').textContent(), shownText('New support ticket'), 'the heading');
    assertChinese(await form.locator('label[for="title"]').textContent(), shownText('Title'), 'the title label');
    assertChinese(await form.locator('#submit').textContent(), shownText('Submit'), 'the submit button');
    await page
      .locator('.tab', { hasText: shownText('New Ticket') })
      .first()
      .waitFor({ timeout: 5_000 });
    assert.match(shownText('New Ticket'), HAN, 'the tab title is Chinese');
    await page.mouse.move(700, 700);
    await wb.screenshot('zh-cn-07-new-ticket-light.png');
    await wb.theme('dark');
    await wb.screenshot('zh-cn-07-new-ticket-dark.png');
    await wb.theme('light');
  });

  it("opens the walkthrough: its title, steps and the step's page in Chinese", async () => {
    await wb.runCommand('Open Walkthrough');
    const { title, steps, pageHeadings } = walkthroughTitles();
    assert.match(title, HAN);
    await wb.quickInputBox.fill(title);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText(title).first().waitFor({ timeout: 20_000 });
    for (const step of steps) {
      assert.match(step, HAN, `${step} is Chinese`);
      await walkthrough.getByText(step).first().waitFor({ timeout: 10_000 });
    }
    // Said, not asserted: VS Code decides when a step is done (the extension-host suite checks the events' names).
    const done = await walkthrough.locator('.getting-started-step .codicon-getting-started-step-checked').count();
    console.log(`      (walkthrough steps shown done: ${done} of ${steps.length})`);
    // Without the sidebar the editor is wide enough for the step's markdown beside the steps.
    await page.keyboard.press('Control+B');
    // The step's markdown renders in a webview of its own: the page of the selected step, in Chinese.
    const pageHeading = wb.webview().locator('h2').first();
    await pageHeading.waitFor({ timeout: 15_000 });
    const heading = ((await pageHeading.textContent()) ?? '').trim();
    assert.ok(
      pageHeadings.includes(heading),
      `the step's page is headed "${heading}", not by a Chinese page's heading`,
    );
    const paragraph = ((await wb.webview().locator('p').first().textContent()) ?? '').trim();
    assert.match(paragraph, HAN, `the step's page reads "${paragraph}"`);
    await page.mouse.move(700, 780);
    await page.waitForTimeout(1_000);
    await wb.screenshot('zh-cn-08-walkthrough-light.png');
    await wb.theme('dark');
    await wb.screenshot('zh-cn-08-walkthrough-dark.png');
    await wb.theme('light');
    await page.keyboard.press('Control+B');
  });
});
