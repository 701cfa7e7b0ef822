// The New Ticket page in a real Chromium under its CSP, rendered by the host in Chinese (the real zh-cn bundle) and in
// English: what the page script writes itself (statuses, attachment rows, the Submit button while sending) is in the
// language the host rendered, since the script has no text of its own. Skipped when no Chromium is installed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { formatMessage, resetL10n, setL10n } from '../../../src/common/l10n';
import { EMPTY_DRAFT } from '../../../src/features/new-ticket/draft';
import type { ToFormMessage } from '../../../src/features/new-ticket/protocol';
import { renderNewTicketHtml } from '../../../src/features/new-ticket/render';
import { repoRoot } from '../manifest';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const MEDIA = path.join(repoRoot, 'media');

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
  let browser: Browser | undefined;
  let server: http.Server;
  let origin = '';
  let documentHtml = '';

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    server = http.createServer((req, res) => {
      if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(documentHtml);
        return;
      }
      const file = req.url?.startsWith('/media/') ? path.join(MEDIA, path.basename(req.url)) : '';
      if (file && fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
        res.end(fs.readFileSync(file));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });

  after(async () => {
    resetL10n();
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  /** Renders the page in the current language, plays the host's messages to it, and reads what it shows. */
  async function show(): Promise<Shown> {
    documentHtml = renderNewTicketHtml(
      {
        cspSource: origin,
        nonce: 'dGVzdC1ub25jZS0xMjM0NTY=',
        styleUri: `${origin}/media/newTicket.css`,
        scriptUri: `${origin}/media/newTicket.js`,
      },
      { isMac: false },
    );
    const page: Page = await browser!.newPage();
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { __posted: unknown[]; acquireVsCodeApi: () => unknown };
        w.__posted = [];
        w.acquireVsCodeApi = () => ({ postMessage: (message: unknown) => w.__posted.push(message) });
      });
      await page.goto(`${origin}/page`);
      await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
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
    const zh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
      string,
      string
    >;
    setL10n((message, ...args) => formatMessage(zh[message] ?? message, ...args), 'zh-cn');
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
