// The Get Started walkthrough's checked steps, as a person sees them in VS Code's Welcome page (code-server, Chromium),
// in a fresh profile: they sign in, open the Tickets view, open a ticket, reply to support, add a second account and
// switch back, all before they ever open the walkthrough; then its page shows those steps done. Screenshots in light
// and dark go to test-results/ui/. The suite runs in English (walkthrough.e2e.ts) and Chinese (walkthrough.zh-cn.e2e.ts).
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CREDENTIALS, OTHER_ACCOUNT_CREDENTIALS } from '../emulator/credentials';
import { launchChromium } from './browser';
import { commandTitle, displayLocale, manifestText, shownPattern, walkthroughTitles } from './translations';
import { Workbench, e2eEnv } from './workbench';

const TICKET = '001571BTXC';
/** The steps a person completed before opening the walkthrough (package.json's step ids). */
const DONE_BEFORE_OPENING = ['signIn', 'openTicket', 'ticketsView', 'reply', 'accounts'];

/** `locale`: the display language the runner gives the suite's code-server (from its file name). */
export function describeWalkthrough(locale: 'en' | 'zh-cn'): void {
  describe(`the Get Started walkthrough completes from what was done (${locale}, code-server, Chromium)`, function () {
    this.timeout(120_000);
    let browser: Browser;
    let page: Page;
    let wb: Workbench;
    const shot = (name: string) => wb.screenshot(`${locale === 'en' ? '' : `${locale}-`}walkthrough-${name}.png`);

    /** Signs in with a key through the input boxes (Sign In, or Add Account, which asks for the site first). */
    const signIn = async (command: string, key: { accessKeyId: string; accessKeySecret: string }, site = false) => {
      await wb.runCommand(commandTitle(command));
      if (site) await wb.answer(shownPattern('Sign In to Alibaba Cloud Tickets: Site'), '');
      await wb.answer(shownPattern('Sign In to Alibaba Cloud Tickets: AccessKey ID'), key.accessKeyId);
      await wb.answer(shownPattern('Sign In to Alibaba Cloud Tickets: AccessKey Secret'), key.accessKeySecret);
      await wb.toast(shownPattern('Signed in to Alibaba Cloud Tickets with {0} ({1}).'), 30_000);
      await wb.runCommand('Notifications: Clear All Notifications');
    };

    before(async () => {
      assert.strictEqual(displayLocale(), locale, 'the runner starts this suite in its language');
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
      await page
        .locator(`.activitybar .action-item a[aria-label^="${manifestText('viewsContainers.aliyunTickets.title')}"]`)
        .waitFor({ timeout: 60_000 });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed')
        await shot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}`);
    });

    after(async () => {
      await browser?.close();
      // The other suites expect the demo tickets as seeded (the reply below added a note).
      await fetch(`${e2eEnv('TICKETS_E2E_EMULATOR_URL')}/__emulator/reset`, {
        method: 'POST',
        body: JSON.stringify({ seed: 'demo' }),
      });
    });

    it('signs in, opens the Tickets view and a ticket, replies, adds an account and switches back, walkthrough closed', async () => {
      await signIn('command.signIn.title', DEMO_CREDENTIALS);
      await page
        .locator(`.activitybar .action-item a[aria-label^="${manifestText('viewsContainers.aliyunTickets.title')}"]`)
        .click({ force: true });
      await page.locator('.sidebar .monaco-list-row').first().waitFor({ timeout: 30_000 });

      await wb.runCommand(commandTitle('command.openTicket.title'));
      await wb.answer(shownPattern('Open Ticket'), TICKET, { row: TICKET });
      const view = wb.webview();
      const reply = 'Checked the renewal order again: still unpaid.';
      await view.locator('#reply-text').waitFor({ timeout: 30_000 });
      await view.locator('#reply-text').fill(reply);
      await view.locator('#reply-text').press('Control+Enter');
      await view.locator('.note.you .note-body', { hasText: reply }).waitFor({ timeout: 30_000 });

      await signIn('command.addAccount.title', OTHER_ACCOUNT_CREDENTIALS, true);
      // The new account is shown at once: the open panel loads the ticket again for it and, the ticket not being its
      // own, shows only the error and none of the first account's conversation.
      await view.locator('.error-message').waitFor({ timeout: 30_000 });
      await view.locator('.note.you').waitFor({ state: 'detached', timeout: 30_000 });
      await wb.runCommand(commandTitle('command.switchAccount.title'));
      await wb.answer(shownPattern('Alibaba Cloud Tickets: Switch Account'), DEMO_CREDENTIALS.accessKeyId.slice(-4), {
        row: DEMO_CREDENTIALS.accessKeyId.slice(-4),
      });
      await page
        .locator('.statusbar-item', { hasText: DEMO_CREDENTIALS.accessKeyId.slice(-4) })
        .first()
        .waitFor({ timeout: 20_000 });
      await wb.runCommand('View: Close All Editors');
    });

    it('opens the walkthrough: the steps already done are checked', async () => {
      const { title, steps } = walkthroughTitles();
      await wb.runCommand('Open Walkthrough');
      await wb.quickInputBox.fill(title);
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: title })
        .first()
        .waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      const walkthrough = page.locator('.gettingStartedContainer');
      for (const step of steps) await walkthrough.getByText(step).first().waitFor({ timeout: 20_000 });
      // Each step's checkbox: data-done-step-id "<extension id>#<walkthrough id>#<step id>", aria-checked when done.
      const checked = () =>
        walkthrough
          .locator('[data-done-step-id]')
          .evaluateAll((boxes) =>
            boxes
              .filter((box) => box.getAttribute('aria-checked') === 'true')
              .map((box) => box.getAttribute('data-done-step-id')!.split('#').pop()!),
          );
      // VS Code paints the page, then the progress it holds; give it the time a person would.
      let done: string[] = [];
      for (let i = 0; i < 40 && DONE_BEFORE_OPENING.some((step) => !done.includes(step)); i++) {
        done = await checked();
        if (DONE_BEFORE_OPENING.some((step) => !done.includes(step))) await page.waitForTimeout(250);
      }
      await page.mouse.move(700, 800);
      await wb.theme('light');
      await shot('light');
      await wb.theme('dark');
      await shot('dark');
      await wb.theme('light');
      assert.deepStrictEqual(
        DONE_BEFORE_OPENING.filter((step) => !done.includes(step)),
        [],
        `steps shown done: ${done.join(', ') || 'none'}`,
      );
    });
  });
}
