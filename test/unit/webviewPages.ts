// The webview pages (media/details.js, media/newTicket.js) in a real Chromium, as a webview runs them: the HTML the
// extension renders is served beside media/ from one loopback origin, under the page's own CSP, and the page gets a
// stand-in for the webview host API that records what it posts. A describe block that uses it is skipped when no
// Chromium is installed.
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from './manifest';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const MEDIA = path.join(repoRoot, 'media');

export interface WebviewPages {
  /** http://127.0.0.1:<port>, the origin of the pages and of media/ (what the HTML's cspSource names). */
  readonly origin: string;
  /** Every path the server was asked for, in order (a page must load nothing but its own files). */
  readonly served: string[];
  /** A new Chromium page with the host stand-in installed (`savedState`: what getState() returns). */
  newPage(savedState?: unknown): Promise<Page>;
  /** Loads `path` of the server into `page` and waits for the page script's first message (it is running). */
  load(page: Page, path: string): Promise<void>;
}

/**
 * Call inside a describe block: registers the hooks that start the server and Chromium and stop them. `render(path)`
 * answers a request for a page with its HTML, or undefined for a file of media/ (or a 404).
 */
export function webviewPages(render: (path: string) => string | undefined): WebviewPages {
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  let origin = '';
  const served: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      served.push(url);
      const html = render(url);
      if (html !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
        return;
      }
      const file = url.startsWith('/media/') ? path.join(MEDIA, path.basename(url)) : '';
      if (file && fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
        res.end(fs.readFileSync(file));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });

  after(async () => {
    await browser?.close();
    // Skipped before the server started (no Chromium): nothing to close, and waiting on it would hang the hook.
    if (server) await new Promise((resolve) => server!.close(resolve));
  });

  return {
    get origin() {
      return origin;
    },
    served,
    async newPage(savedState) {
      if (!browser) throw new Error('Chromium is started in the before hook; open pages inside a test');
      const page = await browser.newPage();
      await page.addInitScript((state) => {
        const w = window as unknown as {
          __posted: unknown[];
          __state: unknown;
          __statesSet: string[];
          acquireVsCodeApi: () => unknown;
        };
        w.__posted = [];
        w.__state = state;
        // Every state the page ever set, as VS Code would store it (JSON): what reached the webview state at all.
        w.__statesSet = [];
        w.acquireVsCodeApi = () => ({
          postMessage: (message: unknown) => w.__posted.push(message),
          getState: () => w.__state,
          setState: (next: unknown) => {
            w.__statesSet.push(JSON.stringify(next));
            w.__state = next;
          },
        });
      }, savedState);
      return page;
    },
    async load(page, pagePath) {
      await page.goto(`${origin}${pagePath}`);
      await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    },
  };
}
