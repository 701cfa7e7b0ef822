// A loopback HTTP endpoint through which tests running inside the extension host act and look as the person at the
// browser would: read the notification toasts, read and type into the quick input (the input boxes the extension
// opens), press keys, read the webviews' HTML, take screenshots. The runner owns the Playwright page; the tests
// only see this endpoint (TICKETS_TEST_PROBE_URL).
/* global document -- in the functions Playwright runs in the page */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const QUICK_INPUT = '.quick-input-widget';

export async function startProbe({ notifications, screenshotDir }) {
  let page;
  /** Every address the workbench opened in a new browser tab (what a link to the outside hands the browser). */
  const opened = [];
  const routes = {
    'GET /opened': async () => opened,
    'GET /notifications': async () => notifications,
    'GET /quick-input': async () =>
      page.evaluate((selector) => {
        const widget = document.querySelector(selector);
        const visible = !!widget && widget.style.display !== 'none' && widget.getBoundingClientRect().height > 0;
        const input = widget?.querySelector('.quick-input-box input');
        const text = (s) => widget?.querySelector(s)?.textContent?.trim() ?? '';
        return {
          visible,
          title: text('.quick-input-title'),
          message: text('.quick-input-message'),
          placeholder: input?.getAttribute('placeholder') ?? '',
          inputType: input?.getAttribute('type') ?? '',
          // The input box marks a failed validateInput with a severity class (error / warning / info).
          severity:
            ['error', 'warning', 'info'].find((c) =>
              widget?.querySelector('.quick-input-box .monaco-inputbox')?.classList.contains(c),
            ) ?? '',
          value: input?.value ?? '',
          rows: Array.from(widget?.querySelectorAll('.monaco-list-row') ?? []).map(
            (row) => row.textContent?.trim() ?? '',
          ),
        };
      }, QUICK_INPUT),
    // Replaces the quick input's text, as a person selecting all and typing would.
    'POST /quick-input/fill': async ({ text }) => {
      const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(String(text));
      return { ok: true };
    },
    'POST /press': async ({ key }) => {
      await page.keyboard.press(String(key));
      return { ok: true };
    },
    // A key pressed in the quick input itself (focusing it first, as a click would), whatever had focus before.
    'POST /quick-input/press': async ({ key }) => {
      await page.locator(`${QUICK_INPUT} .quick-input-box input`).press(String(key), { timeout: 10_000 });
      return { ok: true };
    },
    // Clicks a button of the quick input's title bar, found by its tooltip (its aria-label), as a person would.
    'POST /quick-input/button': async ({ label }) => {
      await page
        .locator(`${QUICK_INPUT} .quick-input-titlebar .action-label[aria-label*="${String(label).replace(/"/g, '')}"]`)
        .first()
        .click({ timeout: 10_000 });
      return { ok: true };
    },
    // Scrolls the notification center's list (it draws only the rows in view): the recorder then sees the next ones.
    'POST /notifications/scroll': async ({ by }) => {
      const list = page.locator('.notifications-center .notifications-list-container').first();
      await list.hover({ timeout: 5_000 });
      await page.mouse.wheel(0, Number(by) || 300);
      return { ok: true };
    },
    // The status-bar items whose accessible name contains `name`: their text and the icons they draw.
    'POST /status-bar': async ({ name }) =>
      page.evaluate((part) => {
        const items = Array.from(document.querySelectorAll('.statusbar-item'));
        const named = (item) =>
          [item, ...item.querySelectorAll('[aria-label]')].some((el) =>
            (el.getAttribute('aria-label') ?? '').includes(part),
          );
        return items.filter(named).map((item) => ({
          text: item.textContent?.trim() ?? '',
          icons: Array.from(item.querySelectorAll('.codicon')).map((icon) => icon.className),
        }));
      }, String(name)),
    'GET /webviews': async () => {
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      const out = [];
      for (const frame of frames) {
        try {
          out.push({ url: frame.url(), html: await frame.content() });
        } catch {
          /* detached meanwhile */
        }
      }
      return out;
    },
    'POST /screenshot': async ({ name }) => {
      mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${String(name).replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file });
      return { file };
    },
  };

  const server = http.createServer(async (req, res) => {
    const route = routes[`${req.method} ${req.url}`];
    if (!route || !page) {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const result = await route(body ? JSON.parse(body) : {});
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(err?.message ?? err) }));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    attach(p) {
      page = p;
      // A new tab's first request is the address exactly as the browser was asked to open it; the tab is closed then
      // (the machine is offline; nothing would load).
      p.context().on('request', (request) => {
        let tab;
        try {
          tab = request.isNavigationRequest() ? request.frame().page() : undefined;
        } catch {
          return; // a service worker's request has no frame
        }
        if (!tab || tab === page || tab.mainFrame() !== request.frame()) return;
        opened.push({ url: request.url(), at: Date.now() });
        void tab.close().catch(() => undefined);
      });
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
