// The acting part of the details page in a real Chromium under its CSP: what is typed goes to the page state at once
// and to the extension shortly after; a stored draft fills an empty box but never overwrites what the page has;
// Ctrl+Enter sends; the buttons follow the 'acting' message; a hostile file name stays text; the rating form asks
// for what is missing and Escape closes it. Skipped when no Chromium is installed.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { webviewPages } from '../webviewPages';
import type { Ticket } from '../../../src/api/types';
import type { ActingState, ToPageMessage } from '../../../src/features/details/protocol';
import { resetL10n } from '../../../src/common/l10n';
import { renderTicketHtml } from '../../../src/features/details/render';
import { actingPartMessage } from '../../../src/features/details/actingHtml';
import { useLanguage } from '../l10nBundle';
import { FAKE } from '../secret-guard/corpus';

const TICKET: Ticket = {
  ticketId: '0005PYGCW',
  title: 'ECS renewal failed',
  description: 'd',
  createTime: Date.now(),
  creatorId: '1',
  categoryId: '7161',
  status: { value: 3, label: 'Waiting for your feedback' },
  severity: { value: 1, label: 'Common' },
};
const OPEN: ActingState = { actions: { reply: true, close: true, reopen: false, rate: false }, attachments: [] };

describe('details page acting part in Chromium', function () {
  this.timeout(60_000);
  // The extension renders in the display language; the page follows whatever it was given.
  const pages = webviewPages((url) => {
    if (url !== '/page' && url !== '/page-zh-cn') return undefined;
    if (url === '/page-zh-cn') useLanguage('zh-cn');
    try {
      return renderTicketHtml(
        { kind: 'ticket', ticket: TICKET, notes: [] },
        {
          cspSource: pages.origin,
          nonce: 'YWN0aW5nLXBhZ2UtdGVzdA==',
          styleUri: `${pages.origin}/media/details.css`,
          scriptUri: `${pages.origin}/media/details.js`,
        },
      );
    } finally {
      resetL10n();
    }
  });

  /** The page once it said 'ready' and got what the extension then sends first: the acting part, in its language. */
  async function open(savedState?: unknown, url = '/page'): Promise<Page> {
    const page = await pages.newPage(savedState);
    await pages.load(page, url);
    if (url === '/page-zh-cn') useLanguage('zh-cn');
    try {
      await deliver(page, actingPartMessage());
    } finally {
      resetL10n();
    }
    return page;
  }
  const deliver = (page: Page, message: ToPageMessage) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const posted = (page: Page) =>
    page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted);
  const state = (page: Page) =>
    page.evaluate(() => (window as unknown as { __state: Record<string, unknown> }).__state);
  /** Every state the page set so far, as JSON. */
  const statesSet = (page: Page) => page.evaluate(() => (window as unknown as { __statesSet: string[] }).__statesSet);

  it('shows the reply box only when the status allows it, keeps what is typed, and sends it with Ctrl+Enter', async () => {
    const page = await open();
    try {
      assert.ok(!(await page.isVisible('#acting')), 'nothing to act on before the extension says so');
      await deliver(page, { type: 'acting', state: OPEN });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      assert.ok(await page.isVisible('#close-button'));
      assert.ok(!(await page.isVisible('#rate-button')));
      await page.fill('#reply-text', 'First line\nSecond line');
      assert.deepStrictEqual(
        (await state(page)).draft,
        { text: 'First line\nSecond line', encrypt: false },
        'in the page state at once',
      );
      // Confidential: the text leaves the page state (stored in clear) and goes to the extension at once.
      await page.check('#reply-encrypt');
      assert.deepStrictEqual(
        (await state(page)).draft,
        { text: '', encrypt: true },
        'no confidential text in the page state',
      );
      assert.deepStrictEqual(
        (await posted(page)).filter((m) => m.type === 'draftChanged').at(-1),
        { type: 'draftChanged', draft: { text: 'First line\nSecond line', encrypt: true } },
        'the extension has it without waiting',
      );
      await page.press('#reply-text', 'Control+Enter');
      const sent = (await posted(page)).filter((m) => m.type === 'send');
      assert.deepStrictEqual(sent, [{ type: 'send', draft: { text: 'First line\nSecond line', encrypt: true } }]);
      // While it is sending the box is read-only and the button says so; a second Ctrl+Enter sends nothing.
      await deliver(page, { type: 'acting', state: { ...OPEN, busy: 'send' } });
      await page.waitForFunction(() => (document.getElementById('reply-text') as HTMLTextAreaElement).readOnly);
      assert.strictEqual(await page.textContent('#send-button'), 'Sending…');
      assert.ok(await page.isDisabled('#send-button'));
      await page.press('#reply-text', 'Control+Enter');
      assert.strictEqual((await posted(page)).filter((m) => m.type === 'send').length, 1);
      // Sent: the extension empties the box.
      await deliver(page, { type: 'draft', draft: { text: '', encrypt: false }, replace: true });
      await deliver(page, { type: 'acting', state: { ...OPEN, notice: { kind: 'success', text: 'Reply sent.' } } });
      await page.waitForSelector('#acting-notice:has-text("Reply sent.")');
      assert.strictEqual(await page.inputValue('#reply-text'), '');
      assert.strictEqual(await page.isChecked('#reply-encrypt'), false);
    } finally {
      await page.close();
    }
  });

  it('gets the acting part after the first document, styled, and once: a second one (another account) keeps the box', async () => {
    const page = await pages.newPage();
    try {
      await pages.load(page, '/page');
      assert.strictEqual(await page.$('#acting'), null, 'the first document carries only what it shows');
      await deliver(page, actingPartMessage());
      await deliver(page, { type: 'acting', state: OPEN });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      // Its look came with it (acting.css, bundled into the page script): the box spans the page.
      const widths = await page.evaluate(() => [
        document.getElementById('reply-text')!.getBoundingClientRect().width,
        document.getElementById('root')!.getBoundingClientRect().width,
      ]);
      assert.ok(Math.abs(widths[0] - widths[1]) < 2, `reply box ${widths[0]} px wide in a ${widths[1]} px page`);
      await page.fill('#reply-text', 'Kept');
      await deliver(page, actingPartMessage());
      await deliver(page, { type: 'acting', state: OPEN });
      assert.strictEqual(await page.locator('#acting').count(), 1);
      assert.strictEqual(await page.inputValue('#reply-text'), 'Kept');
    } finally {
      await page.close();
    }
  });

  it('tells the extension every keystroke at once, so closing the tab right after typing loses nothing', async () => {
    const page = await open();
    try {
      await deliver(page, { type: 'acting', state: OPEN });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      await page.type('#reply-text', 'abc');
      // Read in the same breath as the last keystroke: a timer waiting in the page would die with it on Ctrl+W.
      const changes = (await posted(page)).filter((m) => m.type === 'draftChanged');
      assert.deepStrictEqual(
        changes.map((m) => (m as unknown as { draft: { text: string } }).draft.text),
        ['a', 'ab', 'abc'],
      );
    } finally {
      await page.close();
    }
  });

  it("a confidential draft comes back from the extension after a tab switch (the page's state has no text of it)", async () => {
    const page = await open({ ticketId: '0005PYGCW', draft: { text: '', encrypt: true } });
    try {
      await deliver(page, { type: 'acting', state: OPEN });
      await deliver(page, { type: 'draft', draft: { text: 'kept in SecretStorage', encrypt: true }, replace: false });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      assert.strictEqual(await page.inputValue('#reply-text'), 'kept in SecretStorage');
      assert.ok(await page.isChecked('#reply-encrypt'));
      assert.deepStrictEqual((await state(page)).draft, { text: '', encrypt: true });
    } finally {
      await page.close();
    }
  });

  it('after a tab switch or a reload the page keeps its own newer text and tells the extension; a stored draft fills only an empty box', async () => {
    const page = await open({ ticketId: '0005PYGCW', draft: { text: 'typed before the switch', encrypt: false } });
    try {
      await deliver(page, { type: 'acting', state: OPEN });
      await deliver(page, { type: 'draft', draft: { text: 'older stored text', encrypt: true }, replace: false });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      assert.strictEqual(await page.inputValue('#reply-text'), 'typed before the switch');
      // The extension stored the older text (a reload took its pending write): the page tells it what it kept.
      assert.deepStrictEqual(
        (await posted(page)).filter((m) => m.type === 'draftChanged'),
        [{ type: 'draftChanged', draft: { text: 'typed before the switch', encrypt: false } }],
        'the extension stores the text the page kept',
      );
      await deliver(page, {
        type: 'draft',
        draft: { text: 'typed before the switch', encrypt: false },
        replace: false,
      });
      assert.strictEqual(
        (await posted(page)).filter((m) => m.type === 'draftChanged').length,
        1,
        'nothing to tell when the extension has the same text',
      );
    } finally {
      await page.close();
    }
    const fresh = await open();
    try {
      await deliver(fresh, { type: 'acting', state: OPEN });
      await deliver(fresh, {
        type: 'draft',
        draft: { text: 'stored across the reload', encrypt: true },
        replace: false,
      });
      await fresh.waitForFunction(
        () => (document.getElementById('reply-text') as HTMLTextAreaElement).value === 'stored across the reload',
      );
      assert.strictEqual(await fresh.isChecked('#reply-encrypt'), true);
    } finally {
      await fresh.close();
    }
  });

  it('a reply the ticket no longer takes stays in view read-only, with Discard instead of Send', async () => {
    const page = await open({ ticketId: '0005PYGCW', draft: { text: 'One more thing', encrypt: false } });
    const completed: ActingState = {
      actions: { reply: false, close: false, reopen: true, rate: true },
      attachments: [{ id: 'a1', name: 'trace.log', size: 2048, state: 'uploaded', progress: 1 }],
      notice: { kind: 'error', text: 'Support takes no replies on this ticket now: it is Completed.' },
    };
    try {
      await deliver(page, { type: 'acting', state: completed });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      assert.strictEqual(await page.inputValue('#reply-text'), 'One more thing');
      assert.ok(await page.evaluate(() => (document.getElementById('reply-text') as HTMLTextAreaElement).readOnly));
      assert.ok(await page.isVisible('#reply-kept'), 'it says why the text cannot be sent');
      assert.ok(!(await page.isVisible('#send-button')));
      assert.ok(!(await page.isVisible('#attach-button')));
      assert.ok(await page.isVisible('.draft-attachment:has-text("trace.log")'));
      assert.ok(await page.isDisabled('.draft-attachment button'), 'nothing to edit in a kept reply');
      assert.ok(await page.isDisabled('#reply-encrypt'));
      await page.press('#reply-text', 'Control+Enter');
      assert.strictEqual((await posted(page)).filter((m) => m.type === 'send').length, 0);
      await page.click('#discard-button');
      assert.deepStrictEqual(
        (await posted(page)).filter((m) => m.type === 'discardDraft'),
        [{ type: 'discardDraft' }],
      );
      // The extension emptied it: the box goes; Reopen and Rate stay.
      await deliver(page, { type: 'draft', draft: { text: '', encrypt: false }, replace: true });
      await deliver(page, { type: 'acting', state: { ...completed, attachments: [], notice: undefined } });
      await page.waitForSelector('#reply-form', { state: 'hidden' });
      assert.ok(await page.isVisible('#reopen-button'));
      // Replyable again (reopened): the box is editable with Send.
      await deliver(page, { type: 'draft', draft: { text: 'Back again', encrypt: false }, replace: true });
      await deliver(page, { type: 'acting', state: OPEN });
      await page.waitForSelector('#send-button', { state: 'visible' });
      assert.ok(!(await page.evaluate(() => (document.getElementById('reply-text') as HTMLTextAreaElement).readOnly)));
      assert.ok(!(await page.isVisible('#reply-kept')));
      assert.ok(!(await page.isVisible('#discard-button')));
    } finally {
      await page.close();
    }
  });

  it('offline, a reply being written stays in view and says it waits for the server, not that the ticket takes none', async () => {
    const page = await open({ ticketId: '0005PYGCW', draft: { text: 'Expanded the disk', encrypt: false } });
    const offline: ActingState = {
      actions: { reply: false, close: false, reopen: false, rate: false },
      attachments: [],
      offline: true,
    };
    try {
      await deliver(page, { type: 'acting', state: offline });
      await page.waitForSelector('#reply-kept-offline', { state: 'visible' });
      assert.strictEqual(await page.inputValue('#reply-text'), 'Expanded the disk');
      assert.ok(!(await page.isVisible('#reply-kept')), 'not "support takes no replies"');
      assert.ok(!(await page.isVisible('#send-button')));
      // The server answers: Send is back with the same text.
      await deliver(page, { type: 'acting', state: OPEN });
      await page.waitForSelector('#send-button', { state: 'visible' });
      assert.ok(!(await page.isVisible('#reply-kept-offline')));
      assert.strictEqual(await page.inputValue('#reply-text'), 'Expanded the disk');
    } finally {
      await page.close();
    }
  });

  it('lists attachments as text with progress and a Remove button that posts only the id', async () => {
    const page = await open();
    try {
      const hostile = '<img src=x onerror=alert(1)>.log';
      await deliver(page, {
        type: 'acting',
        state: {
          ...OPEN,
          attachments: [
            { id: 'a1', name: hostile, size: 2048, state: 'uploading', progress: 0.4 },
            { id: 'a2', name: 'big.bin', size: 1, state: 'failed', progress: 0, error: 'too large' },
          ],
        },
      });
      await page.waitForSelector('.draft-attachment');
      assert.strictEqual(await page.textContent('.draft-attachment.uploading .name'), hostile);
      assert.strictEqual(await page.locator('#attachment-list img').count(), 0);
      assert.match((await page.textContent('.draft-attachment.uploading')) ?? '', /uploading 40%/);
      assert.match((await page.textContent('.draft-attachment.failed')) ?? '', /not uploaded: too large/);
      await page.click('.draft-attachment.failed button');
      assert.deepStrictEqual(
        (await posted(page)).filter((m) => m.type === 'removeAttachment'),
        [{ type: 'removeAttachment', id: 'a2' }],
      );
    } finally {
      await page.close();
    }
  });

  it('the rating form asks for what is missing, sends the choice, and Escape closes it back to its button', async () => {
    const page = await open();
    try {
      await deliver(page, {
        type: 'acting',
        state: { actions: { reply: false, close: false, reopen: true, rate: true }, attachments: [] },
      });
      await page.click('#rate-button');
      await page.click('#rate-submit');
      assert.strictEqual(await page.textContent('#rate-problem'), 'Say whether the problem was solved.');
      await page.check('input[name="solved"][value="no"]');
      await page.click('#rate-submit');
      assert.strictEqual(await page.textContent('#rate-problem'), 'Choose a score from 1 to 5 stars.');
      await page.check('input[name="score"][value="2"]');
      await page.fill('#rate-comment', 'Took a week.');
      assert.deepStrictEqual(
        (await state(page)).rate,
        { open: true, solved: false, score: 2, comment: 'Took a week.' },
        'kept for a tab switch',
      );
      await page.click('#rate-submit');
      assert.deepStrictEqual(
        (await posted(page)).filter((m) => m.type === 'rate'),
        [{ type: 'rate', solved: false, score: 2, comment: 'Took a week.' }],
      );
      await page.press('#rate-comment', 'Escape');
      assert.ok(!(await page.isVisible('#rate-form')));
      assert.strictEqual(
        await page.evaluate(() => document.activeElement?.id),
        'rate-button',
        'focus goes back to the button',
      );
      await page.click('#reopen-button');
      assert.strictEqual(
        await page.evaluate(() => document.activeElement?.id),
        'reopen-reason',
        'focus lands in the reason box',
      );
    } finally {
      await page.close();
    }
  });

  it('asks for the reopen reason beside its box, as the rating does, and says what was rated in place of Rate', async () => {
    const page = await open();
    try {
      await deliver(page, {
        type: 'acting',
        state: {
          actions: { reply: false, close: false, reopen: true, rate: false },
          attachments: [],
          rated: 'You rated this ticket 4 of 5 and said the problem was solved.',
        },
      });
      await page.waitForSelector('#rated-note', { state: 'visible' });
      assert.strictEqual(
        await page.textContent('#rated-note'),
        'You rated this ticket 4 of 5 and said the problem was solved.',
      );
      assert.ok(!(await page.isVisible('#rate-button')));
      await page.click('#reopen-button');
      await page.click('#reopen-submit');
      assert.strictEqual(
        await page.textContent('#reopen-problem'),
        'Say why the ticket is reopened: the reason is sent to support.',
      );
      assert.ok(await page.isVisible('#reopen-problem'), 'inside the form');
      assert.ok(!(await page.isVisible('#acting-notice')), 'not in the banner above');
      assert.strictEqual(await page.evaluate(() => document.activeElement?.id), 'reopen-reason');
      assert.strictEqual((await posted(page)).filter((m) => m.type === 'reopen').length, 0);
      await page.fill('#reopen-reason', 'It broke again.');
      await page.click('#reopen-submit');
      assert.ok(!(await page.isVisible('#reopen-problem')));
      assert.deepStrictEqual(
        (await posted(page)).filter((m) => m.type === 'reopen'),
        [{ type: 'reopen', reason: 'It broke again.' }],
      );
    } finally {
      await page.close();
    }
  });

  it('never puts text shaped like a key in its state: the reply is withheld (the extension keeps it), forms masked', async () => {
    const reply = `Our key ${FAKE.akId} with AccessKeySecret=${FAKE.akSecret} stopped working.`;
    const keysIn = (states: string[]) =>
      [FAKE.akId, FAKE.akSecret].filter((key) => states.some((json) => json.includes(key)));
    const page = await open();
    let saved: unknown;
    try {
      await deliver(page, {
        type: 'acting',
        state: { actions: { reply: true, close: true, reopen: true, rate: false }, attachments: [] },
      });
      await page.waitForSelector('#reply-text', { state: 'visible' });
      await page.fill('#reply-text', reply); // pasted, not marked Confidential
      await page.type('#reply-text', ' Thanks');
      assert.strictEqual(await page.inputValue('#reply-text'), `${reply} Thanks`, 'the box shows it all');
      const changes = (await posted(page)).filter((m) => m.type === 'draftChanged');
      assert.deepStrictEqual(
        (changes.at(-1) as unknown as { draft: unknown }).draft,
        { text: `${reply} Thanks`, encrypt: false },
        'the extension has every character (it keeps such a text in SecretStorage)',
      );
      assert.deepStrictEqual((await state(page)).draft, { text: '', encrypt: false });

      // The reopen reason is the page's alone until sent: the key in it is kept masked.
      await page.click('#reopen-button');
      await page.fill('#reopen-reason', `Broken again with ${FAKE.akId}, see above`);
      assert.match(
        String((await state(page)).reopen && ((await state(page)).reopen as { reason: string }).reason),
        /^Broken again with LTAI•+\w\w, see above$/,
      );
      const states = await statesSet(page);
      assert.ok(states.length > 8, `the page set its state as it went (${states.length} times)`);
      assert.deepStrictEqual(keysIn(states), [], 'no key in any state the page ever set');
      saved = await state(page);
    } finally {
      await page.close();
    }
    // After a tab switch the page starts from that state: the extension's copy fills the box again.
    const again = await open(saved);
    try {
      await deliver(again, { type: 'acting', state: OPEN });
      await deliver(again, { type: 'draft', draft: { text: reply, encrypt: false }, replace: false });
      await again.waitForFunction(
        (text) => (document.getElementById('reply-text') as HTMLTextAreaElement).value === text,
        reply,
      );
      assert.deepStrictEqual(keysIn(await statesSet(again)), []);
    } finally {
      await again.close();
    }
  });

  it('speaks the language it was rendered in: busy buttons, attachment states and its own checks in Chinese', async () => {
    const page = await open(undefined, '/page-zh-cn');
    try {
      await deliver(page, {
        type: 'acting',
        state: {
          actions: { reply: true, close: true, reopen: false, rate: true },
          busy: 'send',
          attachments: [
            { id: 'a1', name: '日志.txt', size: 2048, state: 'uploading', progress: 0.4 },
            { id: 'a2', name: 'big.bin', size: 1, state: 'failed', progress: 0, error: '过大' },
          ],
        },
      });
      await page.waitForSelector('.draft-attachment');
      // The creation time's tooltip (written when the pointer reaches it) spells the date out in the display language.
      await page.hover('time');
      assert.match((await page.getAttribute('time', 'title')) ?? '', /\d{4}年\d{1,2}月\d{1,2}日/);
      assert.strictEqual(await page.textContent('#send-button'), '正在发送…');
      assert.strictEqual(
        await page.getAttribute('#reply-text', 'placeholder'),
        '请输入回复内容。按 Ctrl+Enter（⌘+Enter）发送。',
      );
      assert.match((await page.textContent('.draft-attachment.uploading')) ?? '', /正在上传 40%/);
      assert.match((await page.textContent('.draft-attachment.failed')) ?? '', /未上传：过大/);
      assert.strictEqual(
        await page.getAttribute('.draft-attachment.uploading progress', 'aria-label'),
        '正在上传 日志.txt',
      );
      assert.strictEqual(await page.getAttribute('.draft-attachment.failed button', 'aria-label'), '移除 big.bin');
      await deliver(page, {
        type: 'acting',
        state: { actions: { reply: true, close: true, reopen: false, rate: true }, attachments: [] },
      });
      await page.waitForFunction(() => document.getElementById('send-button')?.textContent === '发送回复');
      assert.strictEqual(await page.textContent('#close-button'), '关闭工单…');
      await page.click('#rate-button');
      await page.click('#rate-submit');
      assert.strictEqual(await page.textContent('#rate-problem'), '请选择问题是否已解决。');
    } finally {
      await page.close();
    }
  });
});
