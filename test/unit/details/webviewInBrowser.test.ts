// The details page in a real Chromium, under its own CSP, with every hostile string in every field: no script of theirs
// runs, no request leaves for anything but our stylesheet and script, and each string reads back as the same text.
// Also the page's half of the protocol: 'ready' first, data by message, clicks become messages with indexes only.
// Skipped when no Chromium is installed (npm run setup:vscode installs Debian's).
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { webviewPages } from '../webviewPages';
import type { Ticket, TicketNote } from '../../../src/api/types';
import { renderTicketBody, renderTicketHtml, type DetailsView } from '../../../src/features/details/render';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { readPageAssets, type InlineAssets } from '../../../src/common/pageAssets';
import { repoRoot } from '../manifest';
import * as path from 'path';

function hostileView(): DetailsView {
  const first = HOSTILE_STRINGS[0].value;
  const ticket: Ticket = {
    ticketId: '0005PYGCW',
    title: first,
    description: HOSTILE_STRINGS.map((h) => h.value).join('\n'),
    createTime: Date.now() - 3600_000,
    creatorId: '<img src=x onerror=alert(101)>',
    categoryId: '"><script>alert(102)</script>',
    status: { value: 3, label: '<svg onload=alert(103)>' },
    severity: { value: 2, label: '<iframe src="https://evil.example/"></iframe>' },
  };
  const notes: TicketNote[] = HOSTILE_STRINGS.map((h, i) => ({
    dialogId: String(i),
    createTime: Date.now() - (HOSTILE_STRINGS.length - i) * 60_000,
    content: h.value,
    userName: h.value.slice(0, 200),
    userRole: i % 2 ? 2 : 3,
    attachments: [
      { name: h.value.slice(0, 200), url: h.value },
      { name: `safe-${i}.log`, url: `https://oss.example.com/logs/${i}.log?Signature=${encodeURIComponent('a+b')}` },
    ],
  }));
  return { kind: 'ticket', ticket, notes };
}

/**
 * What transport and parser do to text (UTF-8 turns a lone surrogate into U+FFFD; CR LF -> LF; NUL is dropped in body
 * text), so read-back can be compared exactly.
 */
function asParsed(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\ufffd')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '');
}

describe('details page in Chromium under its CSP', function () {
  this.timeout(60_000);
  let documentHtml = '';
  const pages = webviewPages((url) => (url === '/page' ? documentHtml : undefined));
  const served = pages.served;

  /** Opens the page with a stand-in for the webview host API; returns what the page posted and saw. */
  /** inline: the stylesheets carried in the document, as the panel does in VS Code. */
  async function open(
    view: DetailsView,
    savedState?: unknown,
    inline?: InlineAssets,
  ): Promise<{ page: Page; posted: unknown[]; dialogs: string[]; requests: string[] }> {
    documentHtml = renderTicketHtml(view, {
      cspSource: pages.origin,
      nonce: 'dGVzdC1ub25jZS0xMjM0NTY=',
      styleUri: `${pages.origin}/media/details.css`,
      scriptUri: `${pages.origin}/media/details.js`,
      inline,
    });
    served.length = 0;
    const page = await pages.newPage(savedState);
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await pages.load(page, '/page');
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    return { page, posted, dialogs, requests };
  }

  async function assertInert(page: Page, dialogs: string[], requests: string[]): Promise<void> {
    await page.waitForTimeout(300);
    assert.deepStrictEqual(dialogs, [], 'no script of theirs ran');
    const foreign = requests.filter(
      (url) =>
        !url.startsWith(`${pages.origin}/page`) &&
        !url.startsWith(`${pages.origin}/media/details.`) &&
        url !== `${pages.origin}/media/common.css`,
    );
    assert.deepStrictEqual(foreign, [], 'no request left for anything but our page, stylesheets and script');
    // (Chromium itself asks for /favicon.ico for a top-level page; a webview frame does not.)
    assert.deepStrictEqual(
      served.filter(
        (url) =>
          !['/page', '/media/common.css', '/media/details.css', '/media/details.js', '/favicon.ico'].includes(url),
      ),
      [],
    );
    const injected = await page.evaluate(() => {
      const found: string[] = [];
      for (const element of Array.from(document.querySelectorAll('#root *'))) {
        if (
          ![
            'HEADER',
            'DIV',
            'H1',
            'H2',
            'BUTTON',
            'SPAN',
            'BDI',
            'DL',
            'DT',
            'DD',
            'TIME',
            'SECTION',
            'P',
            'OL',
            'UL',
            'LI',
            'A',
            'CODE',
          ].includes(element.tagName)
        ) {
          found.push(element.tagName);
        }
        for (const attribute of Array.from(element.attributes))
          if (/^on/i.test(attribute.name)) found.push(`${element.tagName}[${attribute.name}]`);
      }
      return found;
    });
    assert.deepStrictEqual(injected, [], 'no element or handler came from server text');
  }

  it('shows every hostile string as the same text when rendered into the document', async () => {
    const view = hostileView();
    const { page, posted, dialogs, requests } = await open(view);
    try {
      assert.deepStrictEqual(posted[0], { type: 'ready' }, 'the page says ready once it listens');
      await assertInert(page, dialogs, requests);
      const notes = await page.$$eval('.note-body', (elements) => elements.map((e) => e.textContent));
      const expected = HOSTILE_STRINGS.map((h) => asParsed(h.value));
      assert.strictEqual(notes.length, expected.length);
      notes.forEach((text, i) =>
        assert.strictEqual(text, expected[i], `[${HOSTILE_STRINGS[i].label}] reads back as text`),
      );
      assert.strictEqual(await page.$eval('h1.title', (e) => e.textContent), asParsed(HOSTILE_STRINGS[0].value));
      const links = await page.$$eval('a', (elements) => elements.map((e) => e.getAttribute('href')));
      assert.ok(
        links.length > 0 && links.every((href) => href === '#'),
        'links carry no URL: the extension opens them after asking',
      );
    } finally {
      await page.close();
    }
  });

  it('carrying its stylesheets, paints first, then loads its linked script under the same nonce: inert, ready, clicks work', async () => {
    const inline = readPageAssets(path.join(repoRoot, 'media'), 'details');
    assert.ok(inline, 'media/details.js and the stylesheets are built');
    const { page, posted, dialogs, requests } = await open(hostileView(), undefined, inline);
    try {
      assert.deepStrictEqual(posted[0], { type: 'ready' }, 'the page script ran');
      await assertInert(page, dialogs, requests);
      assert.deepStrictEqual(
        served.filter((url) => url.startsWith('/media/')),
        ['/media/details.js'],
        'the page script fetched, the stylesheets not: the document carries them',
      );
      await page.click('button[data-action="refresh"]');
      await page.waitForFunction(() =>
        (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'refresh'),
      );
    } finally {
      await page.close();
    }
  });

  it('stays inert when the body arrives by message (the path after the ready handshake)', async () => {
    const { page, dialogs, requests } = await open({ kind: 'loading', ticketId: '0005PYGCW' });
    try {
      assert.match((await page.textContent('#root')) ?? '', /Loading ticket 0005PYGCW/);
      const body = renderTicketBody(hostileView());
      await page.evaluate((b) => window.postMessage({ type: 'render', body: b }, '*'), body);
      await page.waitForSelector('.note-body');
      await assertInert(page, dialogs, requests);
      const count = await page.$$eval('.note-body', (elements) => elements.length);
      assert.strictEqual(count, HOSTILE_STRINGS.length);
      // Painted: the page says so (the extension waits for it before the category catalogue's requests).
      await page.waitForFunction(() =>
        (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'rendered'),
      );
    } finally {
      await page.close();
    }
  });

  it('turns clicks into messages with indexes only, and keeps the scroll position in the page state', async () => {
    const { page } = await open(hostileView());
    try {
      await page.click('a[data-action="openAttachment"][data-note="3"]');
      await page.click('button[data-action="refresh"]');
      const posted = await page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted);
      // (The page also said it painted the ticket its document carried: 'rendered'.)
      assert.deepStrictEqual(
        posted.slice(1).filter((m) => m.type !== 'rendered'),
        [{ type: 'openAttachment', note: 3, attachment: 1 }, { type: 'refresh' }],
      );
      await page.evaluate(() => window.scrollTo(0, 400));
      await page.waitForFunction(
        () => ((window as unknown as { __state?: { scrollY?: number } }).__state?.scrollY ?? 0) === 400,
      );
      const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
      assert.deepStrictEqual(state, { ticketId: '0005PYGCW', scrollY: 400 });
    } finally {
      await page.close();
    }
  });

  it('after a tab switch or reload, goes back to the saved position once the data arrives (the loading view is too short)', async () => {
    const { page, posted } = await open(
      { kind: 'loading', ticketId: '0005PYGCW' },
      { ticketId: '0005PYGCW', scrollY: 1500 },
    );
    try {
      assert.deepStrictEqual(posted, [{ type: 'ready' }]);
      const state = () => page.evaluate(() => (window as unknown as { __state: unknown }).__state);
      assert.deepStrictEqual(
        await state(),
        { ticketId: '0005PYGCW', scrollY: 1500 },
        'the position survives the loading view',
      );
      await page.evaluate((b) => window.postMessage({ type: 'render', body: b }, '*'), renderTicketBody(hostileView()));
      await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 2);
      await page.waitForTimeout(300);
      assert.deepStrictEqual(await state(), { ticketId: '0005PYGCW', scrollY: 1500 });
    } finally {
      await page.close();
    }
  });
  it('a note opened from the Inbox or search stays marked when the ticket renders again (a refresh)', async () => {
    const { page } = await open(hostileView());
    try {
      const marked = () => page.evaluate(() => document.querySelector('.focused')?.getAttribute('data-note-id'));
      await page.evaluate(() => window.postMessage({ type: 'focusNote', dialogId: '7' }, '*'));
      await page.waitForFunction(() => document.querySelector('.focused') !== null);
      assert.strictEqual(await marked(), '7');
      await page.evaluate((b) => {
        document.body.dataset.rendered = '';
        window.postMessage({ type: 'render', body: b }, '*');
      }, renderTicketBody(hostileView()));
      await page.waitForFunction(() => document.body.dataset.rendered === 'true');
      assert.strictEqual(await marked(), '7', 'still marked after the new render');
    } finally {
      await page.close();
    }
  });

  it("shows times in the browser's zone at once, and spells one out as a tooltip once the pointer reaches it", async () => {
    const { page } = await open(hostileView());
    try {
      const times = () =>
        page.$$eval('time[datetime]', (elements) =>
          elements.map((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') })),
        );
      const before = await times();
      assert.ok(before.length > 2);
      for (const time of before) assert.match(time.text, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      // Formatting the full date loads the display language's data: it waits for the pointer, not the page's start.
      assert.deepStrictEqual(
        before.map((time) => time.title),
        before.map(() => null),
      );
      await page.hover('time[datetime] >> nth=1');
      const expected = await page.$$eval('time[datetime]', (elements) =>
        new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'full', timeStyle: 'long' }).format(
          new Date(elements[1].getAttribute('datetime') ?? ''),
        ),
      );
      assert.strictEqual((await times())[1].title, expected);
    } finally {
      await page.close();
    }
  });

  it('shows status, severity and author badges legibly in a light and a dark theme (text contrast at least 4.5:1)', async () => {
    // VS Code's Light Modern and Dark Modern values of the variables the badges use.
    const themes: Record<string, Record<string, string>> = {
      light: {
        '--vscode-foreground': '#3b3b3b',
        '--vscode-editor-background': '#ffffff',
        '--vscode-charts-blue': '#1a85ff',
        '--vscode-charts-purple': '#652d90',
        '--vscode-charts-orange': '#d18616',
        '--vscode-charts-yellow': '#bf8803',
        '--vscode-charts-green': '#388a34',
        '--vscode-errorForeground': '#f85149',
        '--vscode-badge-background': '#cccccc',
        '--vscode-badge-foreground': '#3b3b3b',
        '--vscode-textCodeBlock-background': '#f8f8f8',
      },
      dark: {
        '--vscode-foreground': '#cccccc',
        '--vscode-editor-background': '#1f1f1f',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-purple': '#b180d7',
        '--vscode-charts-orange': '#d18616',
        '--vscode-charts-yellow': '#cca700',
        '--vscode-charts-green': '#89d185',
        '--vscode-errorForeground': '#f85149',
        '--vscode-badge-background': '#616161',
        '--vscode-badge-foreground': '#f8f8f8',
        '--vscode-textCodeBlock-background': '#2b2b2b',
      },
    };
    const notes: TicketNote[] = [
      {
        dialogId: '1',
        createTime: Date.now() - 60_000,
        content: 'hi',
        userName: 'Kevin',
        userRole: 3,
        attachments: [],
      },
      { dialogId: '2', createTime: Date.now(), content: 'hello', userName: 'me', userRole: 2, attachments: [] },
    ];
    for (const [theme, vars] of Object.entries(themes)) {
      for (const status of [1, 2, 3, 4, 5, 6]) {
        const ticket: Ticket = {
          ticketId: '0005PYGCW',
          title: 't',
          description: 'd',
          createTime: Date.now(),
          creatorId: '1',
          categoryId: '2',
          status: { value: status as Ticket['status']['value'], label: `status ${status}` },
          severity: { value: status % 2 ? 2 : 1, label: 'severity' },
        };
        const { page } = await open({ kind: 'ticket', ticket, notes });
        try {
          const ratios = await page.evaluate((vars) => {
            for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
            const channels = (css: string): number[] => {
              const probe = document.createElement('canvas').getContext('2d')!;
              probe.fillStyle = css;
              probe.fillRect(0, 0, 1, 1);
              return Array.from(probe.getImageData(0, 0, 1, 1).data).slice(0, 3);
            };
            const luminance = (rgb: number[]) => {
              const [r, g, b] = rgb.map((c) =>
                c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
              );
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            return Array.from(document.querySelectorAll('#root .badge')).map((badge) => {
              const style = getComputedStyle(badge);
              const [a, b] = [luminance(channels(style.color)), luminance(channels(style.backgroundColor))];
              return { badge: badge.className, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
            });
          }, vars);
          assert.ok(ratios.length >= 5, `badges found in ${theme}: ${JSON.stringify(ratios)}`);
          for (const { badge, ratio } of ratios)
            assert.ok(ratio >= 4.5, `${theme} theme, ${badge}: contrast ${ratio.toFixed(2)}:1`);
        } finally {
          await page.close();
        }
      }
    }
  });
});
