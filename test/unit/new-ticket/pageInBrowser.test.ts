// The New Ticket page in a real Chromium under its CSP, rendered by the host in Chinese (the real zh-cn bundle) and in
// English: what the page script writes itself (statuses, attachment rows, the Submit button while sending) is in the
// language the host rendered, since the script has no text of its own. Skipped when no Chromium is installed.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { webviewPages } from '../webviewPages';
import { resetL10n } from '../../../src/common/l10n';
import { EMPTY_DRAFT } from '../../../src/features/new-ticket/draft';
import type { ToFormMessage } from '../../../src/features/new-ticket/protocol';
import { renderNewTicketHtml } from '../../../src/features/new-ticket/render';
import { useLanguage } from '../l10nBundle';

interface Shown {
  heading: string;
  productStatus: string;
  categoryStatus: string;
  attachment: string;
  removeLabel: string;
  upload: string;
  submit: string;
  firstCategory: string;
}

describe('New Ticket page in Chromium: the page script’s text comes from the host', function () {
  this.timeout(60_000);
  let documentHtml = '';
  const pages = webviewPages((url) => (url === '/page' ? documentHtml : undefined));
  after(() => resetL10n());

  /** Renders the page in the current language, plays the host's messages to it, and reads what it shows. */
  async function show(): Promise<Shown> {
    documentHtml = renderNewTicketHtml(
      {
        cspSource: pages.origin,
        nonce: 'dGVzdC1ub25jZS0xMjM0NTY=',
        styleUri: `${pages.origin}/media/newTicket.css`,
        scriptUri: `${pages.origin}/media/newTicket.js`,
      },
      { isMac: false },
    );
    const page: Page = await pages.newPage();
    try {
      await pages.load(page, '/page');
      const messages: ToFormMessage[] = [
        {
          type: 'draft',
          draft: { ...EMPTY_DRAFT, productId: 'ecs', productName: 'ECS', description: 'Disk full' },
        },
        { type: 'productsFailed', message: 'ECONNRESET' },
        { type: 'categories', productId: 'ecs', categories: [{ categoryId: '1', categoryName: 'Disk' }] },
        {
          type: 'attachments',
          attachments: [{ name: 'app.log', objectKey: 'k', size: 3072 }],
          uploading: { name: 'b.png', percent: 40 },
        },
        { type: 'sending', sending: true },
      ];
      for (const message of messages) await page.evaluate((m) => window.postMessage(m, '*'), message);
      await page.waitForFunction(() => document.body.dataset.sending === 'true');
      return await page.evaluate(() => {
        const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
        return {
          heading: text('#heading'),
          productStatus: text('#productStatus'),
          categoryStatus: text('#categoryStatus'),
          attachment: text('#attachments li span'),
          removeLabel: document.querySelector('#attachments li button')?.getAttribute('aria-label') ?? '',
          upload: text('#uploadStatus'),
          submit: text('#submit'),
          firstCategory: text('#category option'),
        };
      });
    } finally {
      await page.close();
    }
  }

  it('in English by default', async () => {
    resetL10n();
    assert.deepStrictEqual(await show(), {
      heading: 'New support ticket',
      productStatus: 'Products could not be loaded: ECONNRESET',
      categoryStatus: '',
      attachment: 'app.log (3 KB)',
      removeLabel: 'Remove app.log',
      upload: 'Uploading b.png: 40%',
      submit: 'Submitting…',
      firstCategory: 'Choose a category',
    });
  });

  it('in Chinese when the host renders it under zh-cn', async () => {
    useLanguage('zh-cn');
    assert.deepStrictEqual(await show(), {
      heading: '新建工单',
      productStatus: '无法加载产品：ECONNRESET',
      categoryStatus: '',
      attachment: 'app.log（3 KB）',
      removeLabel: '移除 app.log',
      upload: '正在上传 b.png：40%',
      submit: '正在提交…',
      firstCategory: '请选择问题分类',
    });
  });
});

describe('New Ticket page in Chromium: what the form marks follows the draft', function () {
  this.timeout(60_000);
  let documentHtml = '';
  const pages = webviewPages((url) => (url === '/page' ? documentHtml : undefined));

  async function open(): Promise<Page> {
    resetL10n();
    documentHtml = renderNewTicketHtml(
      {
        cspSource: pages.origin,
        nonce: 'dGVzdC1ub25jZS0xMjM0NTY=',
        styleUri: `${pages.origin}/media/newTicket.css`,
        scriptUri: `${pages.origin}/media/newTicket.js`,
      },
      { isMac: false },
    );
    const page = await pages.newPage();
    await pages.load(page, '/page');
    return page;
  }
  const post = (page: Page, message: ToFormMessage) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const shown = (page: Page) =>
    page.evaluate(() => ({
      category: document.querySelector('#category option')?.textContent ?? '',
      categoryDisabled: (document.querySelector('#category') as HTMLSelectElement).disabled,
      summary: document.querySelector('#problems')?.textContent ?? '',
      invalid: Array.from(document.querySelectorAll('[aria-invalid="true"]')).map((el) => el.id),
      focused: document.activeElement?.id ?? '',
    }));

  it('before a product is chosen the category list asks for one; while its categories load it says so', async () => {
    const page = await open();
    try {
      await post(page, { type: 'draft', draft: { ...EMPTY_DRAFT } });
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      assert.deepStrictEqual(
        (({ category, categoryDisabled }) => ({ category, categoryDisabled }))(await shown(page)),
        {
          category: 'Choose a product first',
          categoryDisabled: true,
        },
      );
      await post(page, { type: 'draft', draft: { ...EMPTY_DRAFT, productId: '4', productName: 'ECS' } });
      assert.strictEqual((await shown(page)).category, 'Loading categories…');
      await post(page, { type: 'categories', productId: '4', categories: [] });
      assert.strictEqual((await shown(page)).category, 'This product has no categories');
    } finally {
      await page.close();
    }
  });

  it('tells the extension every edit at once, so Escape right after typing loses nothing', async () => {
    const page = await open();
    try {
      await post(page, { type: 'draft', draft: { ...EMPTY_DRAFT } });
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      await page.type('#title', 'Disk');
      // Read in the same breath as the last keystroke: a timer waiting in the page would die with it on Escape.
      const titles = await page.evaluate(() =>
        (window as unknown as { __posted: Array<{ type: string; draft?: { title: string } }> }).__posted
          .filter((m) => m.type === 'draftChanged')
          .map((m) => m.draft?.title),
      );
      assert.deepStrictEqual(titles, ['D', 'Di', 'Dis', 'Disk']);
    } finally {
      await page.close();
    }
  });

  it('a live re-check clears the marks and the summary of fixed fields and leaves the focus where the user types', async () => {
    const page = await open();
    try {
      await post(page, { type: 'draft', draft: { ...EMPTY_DRAFT, productId: '4', categoryId: '7161' } });
      await post(page, {
        type: 'problems',
        problems: [
          { field: 'description', message: 'Describe the problem.', blocking: true },
          { field: 'email', message: 'Not an e-mail address.', blocking: false },
        ],
      });
      assert.deepStrictEqual((await shown(page)).invalid, ['description']);
      assert.strictEqual((await shown(page)).focused, 'description', 'Submit takes the user to the first problem');
      await page.focus('#email');
      await post(page, {
        type: 'problems',
        problems: [{ field: 'email', message: 'Not an e-mail address.', blocking: false }],
        live: true,
      });
      assert.deepStrictEqual(await shown(page), {
        category: 'Loading categories…',
        categoryDisabled: false,
        summary: 'Not an e-mail address.',
        invalid: [],
        focused: 'email',
      });
      await post(page, { type: 'problems', problems: [], live: true });
      assert.strictEqual((await shown(page)).summary, '');
    } finally {
      await page.close();
    }
  });

  it('Submit pressed at the bottom takes the user to the first problem with its label in view, not the box alone', async () => {
    const page = await open();
    try {
      await page.setViewportSize({ width: 900, height: 420 });
      await post(page, { type: 'draft', draft: { ...EMPTY_DRAFT, description: 'Disk full' } });
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      // Where the user is when pressing Submit: at the end of the form.
      await page.evaluate(() => document.querySelector('#submit')!.scrollIntoView({ block: 'end' }));
      await post(page, {
        type: 'problems',
        problems: [{ field: 'product', message: 'Choose the product the problem is about.', blocking: true }],
      });
      const seen = await page.evaluate(() => {
        const inView = (selector: string) => {
          const box = document.querySelector(selector)!.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        };
        return {
          focused: document.activeElement?.id ?? '',
          label: inView('label[for="productSearch"]'),
          box: inView('#productSearch'),
        };
      });
      assert.deepStrictEqual(seen, { focused: 'productSearch', label: true, box: true });
    } finally {
      await page.close();
    }
  });
});
