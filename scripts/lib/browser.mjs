// Debian's Chromium driven by playwright-core (launched as the UI tests launch it: test/e2e/browser.ts, compiled by
// `npm run compile`), plus a recorder of the notifications the workbench shows.
/* global document, window -- in the functions Playwright runs in the page */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, requireFiles } from './paths.mjs';

const require = createRequire(import.meta.url);
const E2E_BROWSER = path.join(ROOT, 'out', 'test', 'e2e', 'browser.js');

export async function launchChromium() {
  requireFiles([[E2E_BROWSER, 'npm run compile']]);
  return require(E2E_BROWSER).launchChromium();
}

/** Chromium with its profile kept in `userDataDir` (a BrowserContext: newPage() and close() as on a browser). */
export async function launchChromiumWithProfile(userDataDir, viewport) {
  requireFiles([[E2E_BROWSER, 'npm run compile']]);
  return require(E2E_BROWSER).launchChromiumWithProfile(userDataDir, viewport);
}

/**
 * Records the text of every notification toast the workbench shows (what the user reads), whether or not it is
 * still on screen later, with the links and icons its message drew. Must be called before page.goto.
 */
export async function recordNotifications(page) {
  const seen = [];
  await page.exposeFunction('__ticketsTestNotification', (text, drawn) => {
    seen.push({ text, at: Date.now(), ...drawn });
  });
  await page.addInitScript(() => {
    const known = new WeakMap();
    setInterval(() => {
      for (const item of document.querySelectorAll('.notification-list-item')) {
        const message = item.querySelector('.notification-list-item-message');
        const source = item.querySelector('.notification-list-item-source');
        const text = [message?.textContent ?? '', source?.textContent ?? ''].join(' ').trim();
        if (text && known.get(item) !== text) {
          known.set(item, text);
          // What the message drew besides text: links (a parsed [label](target)) and icons.
          const drawn = {
            links: Array.from(message?.querySelectorAll('a') ?? []).map(
              (a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? a.textContent ?? '',
            ),
            icons: Array.from(message?.querySelectorAll('.codicon') ?? []).map((icon) => icon.className),
          };
          // @ts-expect-error exposed by Playwright
          window.__ticketsTestNotification(text, drawn);
        }
      }
    }, 100);
  });
  return seen;
}
