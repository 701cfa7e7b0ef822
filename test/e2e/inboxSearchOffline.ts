// The Inbox and Search Tickets… as a person meets them in the real VS Code (code-server) in Chromium, in the display
// language the runner gave the suite (inbox-search-offline.e2e.ts in English, .zh-cn.e2e.ts in Chinese): answers
// support writes (scripted in the emulator) reach the Inbox and the badge through the watcher; one opened from the
// Inbox opens its panel scrolled to it and leaves the Inbox, and stays gone after a reload and in a second window of the
// same browser profile (where the answer not opened is listed); search finds a phrase that is only in a support note
// of a ticket read earlier (the typed words marked) and a ticket never read by its description (the server's Keyword
// search); with every request failing after a reload, a ticket read earlier opens from its copy with its conversation,
// says "Offline: as of …" with Retry, offers nothing to send and keeps the reply typed before the reload. Screenshots,
// light and dark: test-results/ui/<locale>-inbox-*.png (-second-window-* too), -search-*, -offline-*.
import * as assert from 'assert';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_CREDENTIALS } from '../emulator/credentials';
import { launchChromium } from './browser';
import { waitForPersistedSignIn } from './browserSecrets';
import { commandTitle, displayLocale, manifestText, shownPattern, shownText } from './translations';
import { Workbench, e2eEnv } from './workbench';

/** The words of the suite's own tickets and answers, written in the suite's language as support and users would. */
export interface MailTexts {
  /** Ticket A: its title, the answer opened from the Inbox (its one line, shown there), and a later answer. */
  titleA: string;
  answerA: string;
  laterA: string;
  /** Ticket B: an answer left unseen. */
  titleB: string;
  answerB: string;
  /** Only in a support note of ticket A (the second line of its answer), and what the person types to find it. */
  phraseLine: string;
  phraseQuery: string;
  /** Ticket C, never read: its description holds the word the server's Keyword search finds. */
  titleC: string;
  descriptionC: string;
  keywordC: string;
  /** Ticket D, read before the network drops; the reply drafted in it. */
  titleD: string;
  answerD: string;
  draftD: string;
  /** How many of the user's own notes come before A's answer: enough that the panel must scroll to reach it. */
  userNotes: (i: number) => string;
}

// Ticket ids in the default id shape (a digit first, 9–10 characters, a letter G–Z), so Open Ticket takes them.
const A = '0091INBOXA';
const B = '0091INBOXB';
const C = '0091SRCHQZ';
const D = '0091OFFLNA';

interface Recorded {
  action?: string;
  query: Record<string, string>;
  body: Record<string, string>;
}

/**
 * A wait that timed out, said again with what the window showed instead: the timeout's first line, then `shown` (read
 * only now; a window that cannot be read any more says so instead).
 */
async function failedWait(error: Error, shown: () => Promise<string>, what?: string): Promise<never> {
  const seen = await shown().catch((readError: Error) => `what was shown could not be read (${readError.message})`);
  throw new Error(`${what ? `${what}: ` : ''}${error.message.split('\n')[0]}; ${seen}`);
}

export function describeInboxSearchOffline(locale: 'en' | 'zh-cn', texts: MailTexts): void {
  describe(`the Inbox, search and offline in ${locale} (code-server, Chromium)`, function () {
    this.timeout(240_000);
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let wb: Workbench;
    const shot = (name: string, on: Workbench = wb) => on.screenshot(`${locale}-${name}.png`);
    const emulator = async (route: string, method = 'GET', body?: unknown): Promise<unknown> => {
      const res = await fetch(`${e2eEnv('TICKETS_E2E_EMULATOR_URL')}/__emulator/${route}`, {
        method,
        ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      });
      const text = await res.text();
      assert.ok(res.ok, `emulator ${method} ${route}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
    const answer = (ticketId: string, content: string, userName: string) =>
      emulator(`tickets/${ticketId}/notes`, 'POST', { content, userName });
    const setStatus = (ticketId: string, status: number) => emulator(`tickets/${ticketId}/status`, 'POST', { status });
    const requests = async () => ((await emulator('requests')) as { requests: Recorded[] }).requests;
    const firstLine = (text: string) => text.split('\n')[0];
    const pageSizeOf = (r: Recorded) => r.query.PageSize ?? r.body.PageSize;
    /** Waits until the emulator has received a request that `matches` (the extension works on its own timers). */
    async function waitForRequest(what: string, matches: (r: Recorded) => boolean, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const all = await requests();
        if (all.some(matches)) return;
        if (Date.now() > until)
          assert.fail(
            `${what}: not among ${all.length} requests (${[...new Set(all.map((r) => r.action))].join(', ')})`,
          );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }

    /** A view of the Alibaba Cloud container by its name, opened (its header expanded) when it was collapsed. */
    async function pane(on: Page, nameKey: string): Promise<Locator> {
      const name = manifestText(nameKey).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // By its title alone ("Tickets" is also the start of "Tickets In This Workspace").
      const title = on.locator('h3.title', { hasText: new RegExp(`^${name}$`) });
      const view = on.locator('.part.sidebar .pane').filter({ has: on.locator('.pane-header').filter({ has: title }) });
      const header = view.locator('.pane-header').first();
      await header.waitFor({ timeout: 60_000 });
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      return view;
    }
    const inboxRow = (inbox: Locator, text: string) => inbox.locator('.monaco-list-row', { hasText: text });

    /**
     * Opens the Alibaba Cloud container in the sidebar (the badge sits over the icon's corner: force past it). A window
     * just loaded shows the container it showed before once the extension's views are registered (on a loaded machine,
     * a minute or more), and a click on the icon of the container shown would hide the sidebar: the icon is clicked
     * only when the views did not come by themselves.
     */
    async function openContainer(on: Page): Promise<void> {
      const icon = on.locator(
        `.activitybar .action-item a[aria-label^="${manifestText('viewsContainers.aliyunTickets.title')}"]`,
      );
      const inboxTitle = on
        .locator('.part.sidebar .pane-header h3.title', { hasText: manifestText('views.inbox.name') })
        .first();
      await icon.waitFor({ timeout: 120_000 });
      if (
        await inboxTitle.waitFor({ timeout: 90_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
      await icon.click({ force: true });
      await inboxTitle.waitFor({ timeout: 30_000 });
    }

    /** Closes every editor and waits until their tabs are gone (a reload right after would restore them). */
    async function closeAllEditors(on: Workbench = wb): Promise<void> {
      await on.runCommand('View: Close All Editors');
      await on.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 });
    }

    /** Reloads the window (the browser's reload: what Developer: Reload Window does) and waits for it again. */
    async function reload(): Promise<void> {
      await page.reload({ timeout: 90_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.statusbar').waitFor({ timeout: 30_000 });
      await openContainer(page);
    }

    before(async () => {
      assert.strictEqual(displayLocale(), locale, "the runner starts this suite in its file name's language");
      // The suite's tickets, there before sign-in: the watcher's first look (its baseline) includes them.
      await emulator('tickets', 'POST', {
        ticket: { ticketId: A, title: texts.titleA, status: 2, createTime: Date.now() - 3 * 3_600_000 },
        notes: Array.from({ length: 14 }, (_, i) => ({ content: texts.userNotes(i), role: 'user' })),
      });
      await emulator('tickets', 'POST', {
        ticket: { ticketId: B, title: texts.titleB, status: 2, createTime: Date.now() - 2 * 3_600_000 },
        notes: [{ content: texts.userNotes(0), role: 'user' }],
      });
      // Completed, so nothing reads it before the search: the index fills in the background only from unfinished
      // tickets, and the Tickets view fetches ages only for rows of expanded groups (Completed is folded).
      await emulator('tickets', 'POST', {
        ticket: { ticketId: C, title: texts.titleC, status: 6, description: texts.descriptionC },
      });
      await emulator('tickets', 'POST', {
        ticket: { ticketId: D, title: texts.titleD, status: 3, createTime: Date.now() - 5 * 3_600_000 },
        notes: [
          { content: texts.userNotes(1), role: 'user' },
          { content: texts.answerD, role: 'agent', userName: 'Wang Fang', readStatus: 2 },
        ],
      });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
      await openContainer(page);
      // The sign-in is this browser profile's first save of secrets, so each of its saves fetches the server's key
      // half; the first answer comes late here, as it can on a loaded machine, and that save's older copy (the account's
      // entry without the list of accounts) lands last. Only the extension's save after the burst
      // (src/auth/browserSecrets.ts) then keeps the sign-in for the reloads and the second window below.
      let keyAsked = false;
      let firstKeyAnswered: () => void = () => undefined;
      const lateCopyLands = new Promise<void>((resolve) => (firstKeyAnswered = resolve));
      await page.route('**/mint-key', async (route) => {
        const first = !keyAsked;
        keyAsked = true;
        if (first) await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue().catch(() => undefined);
        if (first) firstKeyAnswered();
      });
      await wb.signIn(DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.accessKeySecret, {
        command: commandTitle('command.signIn.title'),
        idTitle: shownPattern('Sign In to Alibaba Cloud Tickets: AccessKey ID'),
        secretTitle: shownPattern('Sign In to Alibaba Cloud Tickets: AccessKey Secret'),
        signedIn: shownPattern('Signed in to Alibaba Cloud Tickets with {0} ({1}).'),
      });
      await wb.runCommand('Notifications: Clear All Notifications');
      assert.ok(keyAsked, "the sign-in's saves asked for the server's key half (the profile's first saves)");
      // The late copy is sealed a moment after its answer: the check below starts from what the browser holds then.
      await lateCopyLands;
      await page.waitForTimeout(1_000);
      // The workbench saves secrets to the browser after store() resolved: the reloads and the second window below
      // start from what it saved, so it must hold the sign-in (else they would be signed out, see browserSecrets.ts).
      await waitForPersistedSignIn(page);
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed')
        await wb?.screenshot(`failed-${locale}-inbox-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}.png`);
    });

    after(async () => {
      await emulator('faults', 'DELETE').catch(() => undefined);
      await browser?.close();
    });

    it('answers support writes reach the Inbox and the badge; one opened from there opens its panel scrolled to it and leaves the Inbox', async () => {
      const inbox = await pane(page, 'views.inbox.name');
      // The watcher's first look (one ListTickets page of 100 unfinished tickets; the references view asks pages of 100
      // too, by id) is its baseline: what changes after it is what it reads and tells.
      await waitForRequest(
        "the watcher's first look",
        (r) => r.action === 'ListTickets' && pageSizeOf(r) === '100' && !(r.query.TicketIdList ?? r.body.TicketIdList),
      );
      // Support answers both tickets and asks for feedback: the watcher's next look (every 30 s here) reads them.
      await answer(A, `${texts.answerA}\n${texts.phraseLine}.`, 'Li Wei');
      await setStatus(A, 3);
      await answer(B, texts.answerB, 'Chen Jing');
      await setStatus(B, 3);
      const rowA = inboxRow(inbox, firstLine(texts.answerA));
      const rowB = inboxRow(inbox, firstLine(texts.answerB));
      await rowA.waitFor({ timeout: 120_000 }).catch((error: Error) =>
        failedWait(error, async () => {
          const reads = (await requests()).map(
            (r) => `${r.action}:${r.query.TicketId ?? r.body.TicketId ?? pageSizeOf(r) ?? ''}`,
          );
          return `requests: ${reads.join(' ').slice(-3000)}`;
        }),
      );
      await rowB.waitFor({ timeout: 60_000 });
      // Who answered, on which ticket, and how long ago, on the row.
      const rowText = (await rowA.textContent()) ?? '';
      assert.ok(rowText.includes('Li Wei') && rowText.includes(A), `the row names who and which ticket: ${rowText}`);
      // The view's description counts the answers; the activity-bar badge adds them to the tickets waiting for you.
      const header = page.locator('.part.sidebar .pane-header', { hasText: manifestText('views.inbox.name') });
      const described = (await header.textContent()) ?? '';
      const answers = Number(/\d+/.exec(described)?.[0]);
      assert.ok(answers >= 2, `the Inbox says how many answers wait: ${described}`);
      const badge = page
        .locator('.activitybar .action-item', {
          has: page.locator(`a[aria-label^="${manifestText('viewsContainers.aliyunTickets.title')}"]`),
        })
        .locator('.badge-content');
      // While the Tickets view loads the badge shows VS Code's progress icon instead of the count: wait for the count.
      const badgeCount = async () => Number((await badge.textContent().catch(() => ''))?.trim() || NaN);
      for (let i = 0; i < 120 && !((await badgeCount()) >= answers); i++) await page.waitForTimeout(250);
      assert.ok((await badgeCount()) >= answers, `the badge counts the unseen answers: ${await badgeCount()}`);
      // The pointer off the activity bar: the badge's tooltip goes (it would hide the Tickets view).
      await page.mouse.move(700, 700);
      await page
        .locator('.workbench-hover')
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined);
      await shot('inbox-light');
      await wb.theme('dark');
      await shot('inbox-dark');
      await wb.theme('light');

      // A click on A's row: its panel opens scrolled to that answer, marked, and the answer leaves the Inbox.
      await rowA.click();
      const view = wb.webview();
      const note = view.locator('.focused[data-note-id]');
      await note.waitFor({ timeout: 30_000 });
      assert.ok(((await note.textContent()) ?? '').includes(firstLine(texts.answerA)), 'the note opened is the answer');
      await view.locator('body').evaluate(
        (body, selector) =>
          new Promise<void>((resolve, reject) => {
            // scrollIntoView may still be moving; the answer ends up inside the page, below its top.
            const started = Date.now();
            const check = () => {
              const box = body.querySelector(selector)?.getBoundingClientRect();
              if (box && window.scrollY > 0 && box.top >= 0 && box.bottom <= window.innerHeight) return resolve();
              if (Date.now() - started > 10_000)
                return reject(new Error(`not scrolled to it, marked: scrollY ${window.scrollY}, top ${box?.top}`));
              requestAnimationFrame(check);
            };
            check();
          }),
        '.focused[data-note-id]',
      );
      await rowA.waitFor({ state: 'detached', timeout: 15_000 });
      assert.strictEqual(await rowB.count(), 1, "B's answer, not opened, stays");
      await page.mouse.move(700, 700);
      await shot('inbox-opened-light');
      await wb.theme('dark');
      await shot('inbox-opened-dark');
      await wb.theme('light');
    });

    it('an answer once seen does not come back after a reload', async () => {
      // No panel restored after the reload (an open panel marks its own answers seen).
      await closeAllEditors();
      await reload();
      const inbox = await pane(page, 'views.inbox.name');
      await inboxRow(inbox, firstLine(texts.answerB))
        .waitFor({ timeout: 60_000 })
        .catch((error: Error) =>
          // What the window shows instead: the Inbox (open or not), and the Tickets view (signed in or not).
          failedWait(error, async () => {
            const header = inbox.locator('.pane-header').first();
            const shown = `Inbox expanded=${await header.getAttribute('aria-expanded').catch(() => '?')}: ${
              (await inbox.textContent().catch(() => '')) ?? ''
            }; Tickets: ${(await (await pane(page, 'views.explorer.name')).textContent().catch(() => '')) ?? ''}`;
            return shown.slice(0, 1500);
          }),
        );
      assert.strictEqual(await inboxRow(inbox, firstLine(texts.answerA)).count(), 0, 'the seen answer stays seen');
      await page.mouse.move(700, 700);
      await shot('inbox-after-reload');
    });

    it("an answer seen in one window is not in a second window's Inbox, where one not seen is", async () => {
      // No panel left for the second window to restore (an open panel marks its own answers seen, which would hide the
      // answer whether or not the first window's mark reached it): VS Code in a browser saves the open editors with
      // the rest of its state every 5 s, so the closed tabs are saved before the second window reads them.
      await closeAllEditors();
      await page.waitForTimeout(7_000);
      await waitForPersistedSignIn(page);
      // A second window on the same folder and browser profile, as File > New Window and opening the folder gives.
      const second = await context.newPage();
      try {
        const wb2 = await Workbench.open(
          second,
          e2eEnv('TICKETS_E2E_CODE_SERVER_URL'),
          e2eEnv('TICKETS_E2E_WORKSPACE'),
        );
        await openContainer(second);
        const inbox = await pane(second, 'views.inbox.name');
        await inboxRow(inbox, firstLine(texts.answerB))
          .waitFor({ timeout: 90_000 })
          .catch((error: Error) =>
            failedWait(error, async () => {
              await shot('failed-inbox-second-window', wb2);
              const tickets = await pane(second, 'views.explorer.name');
              const shown = `Inbox: ${(await inbox.textContent().catch(() => '')) ?? ''}; Tickets: ${
                (await tickets.textContent().catch(() => '')) ?? ''
              }`;
              return shown.slice(0, 1500);
            }),
          );
        // Nothing open in the second window could have marked A's answer seen there: its absence is the first window's.
        const tabs = await second.locator('.tabs-container .tab').allTextContents();
        assert.deepStrictEqual(tabs, [], 'the second window opened no panel');
        assert.strictEqual(
          await inboxRow(inbox, firstLine(texts.answerA)).count(),
          0,
          'the answer seen in the first window is not in the second',
        );
        await second.mouse.move(700, 700);
        await shot('inbox-second-window-light', wb2);
        await wb2.theme('dark');
        await shot('inbox-second-window-dark', wb2);
        await wb2.theme('light');
      } finally {
        await second.close();
      }
      // The theme is a user setting: the first window follows it back.
      await wb.theme('light');
    });

    it('Search Tickets… finds a phrase only in a support note of a ticket read earlier, the words marked, and a description match from the server', async () => {
      const searchTitle = manifestText('command.searchTickets.title');
      const detailC = shownText('Its description matches (server search)');
      /** The Tickets view's title-bar button, shown while the pointer is over the view. */
      const searchButton = async () => {
        const tickets = await pane(page, 'views.explorer.name');
        await tickets.locator('.pane-header').first().hover();
        await tickets.locator(`.pane-header .action-label[aria-label^="${searchTitle}"]`).first().click();
      };
      /** Waits for a row of the search; failing, says what the quick pick showed instead (its title, value, rows). */
      const rowShows = async (row: Locator, what: string) =>
        row.waitFor({ timeout: 20_000 }).catch((error: Error) =>
          failedWait(
            error,
            async () => {
              const title = await wb.quickInput
                .locator('.quick-input-title')
                .textContent()
                .catch(() => '');
              const value = await wb.quickInputBox.inputValue().catch(() => '?');
              const rows = await wb.quickInput
                .locator('.monaco-list-row')
                .allTextContents()
                .catch(() => []);
              return `the quick pick showed title ${JSON.stringify(title)}, value ${JSON.stringify(value)}, rows ${JSON.stringify(rows).slice(0, 1500)}`;
            },
            what,
          ),
        );
      for (const theme of ['light', 'dark'] as const) {
        await wb.theme(theme);
        // The Tickets view's title-bar button (the palette has the command too).
        await searchButton();
        await wb.quickInputBox.waitFor({ timeout: 15_000 });
        await wb.quickInputBox.fill(texts.phraseQuery);
        const hit = wb.quickInput.locator('.monaco-list-row', { hasText: texts.phraseLine });
        await rowShows(hit.first(), `the support note's line (${theme})`);
        // The row is the matching line of A's support note, with who wrote it and the ticket; the words are marked.
        const hitText = (await hit.first().textContent()) ?? '';
        assert.ok(hitText.includes('Li Wei') && hitText.includes(A), `the row says where: ${hitText}`);
        const marked = (await hit.first().locator('.monaco-icon-label .highlight').allTextContents()).join('');
        assert.ok(marked.length >= 2, `the match is marked in the row (${JSON.stringify(marked)})`);
        await shot(`search-note-${theme}`);

        await wb.quickInputBox.fill(texts.keywordC);
        const server = wb.quickInput.locator('.monaco-list-row', { hasText: texts.titleC });
        await rowShows(server.first(), `the server's description match (${theme})`);
        assert.ok(((await server.first().textContent()) ?? '').includes(detailC), 'said to be the server’s match');
        await shot(`search-server-${theme}`);
        await wb.closeQuickInput();
      }
      await wb.theme('light');
      // Picking the note's row opens A's panel scrolled to that note.
      await searchButton();
      await wb.quickInputBox.fill(texts.phraseQuery);
      await rowShows(
        wb.quickInput.locator('.monaco-list-row', { hasText: texts.phraseLine }).first(),
        "the support note's line, to open it",
      );
      await wb.quickInput.locator('.monaco-list-row', { hasText: texts.phraseLine }).first().click();
      await wb.webview().locator('.focused[data-note-id]', { hasText: texts.phraseLine }).waitFor({ timeout: 30_000 });
      await closeAllEditors();
    });

    it('offline: a ticket read earlier opens from its copy with its conversation, "Offline: as of …" with Retry, nothing to send, the draft kept', async () => {
      const openD = async () => {
        await wb.runCommand(commandTitle('command.openTicket.title'));
        await wb.answer(shownPattern('Open Ticket'), D, { row: D });
        return wb.webview();
      };
      /** Waits until the reply box holds `text` (the extension hands the page its stored draft once it is ready). */
      const replyIs = async (view: ReturnType<Workbench['webview']>, text: string, what: string) => {
        const box = view.locator('#reply-text');
        await box.waitFor({ timeout: 60_000 });
        await box.evaluate(
          (element, [expected, message]) =>
            new Promise<void>((resolve, reject) => {
              const area = element as HTMLTextAreaElement;
              const started = Date.now();
              const check = () => {
                if (area.value === expected) return resolve();
                if (Date.now() - started > 30_000)
                  return reject(new Error(`${message}: ${JSON.stringify(area.value)}`));
                requestAnimationFrame(check);
              };
              check();
            }),
          [text, what] as const,
        );
      };
      const answerShown = (view: ReturnType<Workbench['webview']>) =>
        view.locator('.notes [data-note-id]', { hasText: firstLine(texts.answerD) });
      // Read online, the conversation on screen (what the copy keeps), and a reply started.
      let view = await openD();
      await answerShown(view).waitFor({ timeout: 60_000 });
      await view.locator('#reply-text').fill(texts.draftD);
      await closeAllEditors();
      // Opened again, the reply is there: the extension has it (the panel that took it is gone).
      view = await openD();
      await replyIs(view, texts.draftD, 'the draft is kept when its panel closes');
      await closeAllEditors();
      // The network drops every request from now on; the reloaded window has nothing cached.
      await emulator('faults', 'POST', { kind: 'drop', times: 1_000_000 });
      try {
        await reload();
        const tickets = await pane(page, 'views.explorer.name');
        await tickets
          .getByText(
            shownPattern(
              'Offline: as of {0} ({1}). Showing the tickets loaded then; they refresh by themselves when the server answers.',
            ),
          )
          .first()
          .waitFor({ timeout: 90_000 });

        view = await openD();
        const banner = view.locator('.banner.offline');
        await banner.waitFor({ timeout: 90_000 });
        assert.match(
          (await banner.textContent()) ?? '',
          shownPattern(
            'Offline: as of {0}. The Ticket API cannot be reached; this is the copy read then, and nothing can be sent. It refreshes by itself when the server answers.',
          ),
        );
        await banner.locator('[data-action="retry"]').waitFor({ timeout: 10_000 });
        // The copy is painted with the banner: the conversation and the title are there at once.
        assert.strictEqual(await answerShown(view).count(), 1, 'the support answer is in the offline copy');
        assert.strictEqual(
          await view
            .locator('h1.title')
            .textContent()
            .then((t) => t?.trim()),
          texts.titleD,
        );
        // Nothing can be sent; the reply typed before the reload stays, and says why it waits.
        await view
          .locator('#reply-kept-offline', {
            hasText: shownText(
              'Offline: this reply cannot be sent now. It is kept here; send it once the server answers again.',
            ),
          })
          .waitFor({ timeout: 30_000 });
        await replyIs(view, texts.draftD, 'the draft typed before the reload is kept');
        assert.ok(!(await view.locator('#send-button').isVisible()), 'no Send while offline');
        await page.mouse.move(700, 700);
        await shot('offline-light');
        await wb.theme('dark');
        await shot('offline-dark');
        await wb.theme('light');
      } finally {
        await emulator('faults', 'DELETE');
      }
    });
  });
}
