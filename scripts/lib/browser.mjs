// Debian's Chromium driven by playwright-core, plus a recorder of the notifications the workbench shows.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Records the text of every notification toast the workbench shows (what the user reads), whether or not it is
 * still on screen later. Must be called before page.goto.
 */
export async function recordNotifications(page) {
  const seen = [];
  await page.exposeFunction('__ticketsTestNotification', (text) => { seen.push({ text, at: Date.now() }); });
  await page.addInitScript(() => {
    const known = new WeakMap();
    setInterval(() => {
      for (const item of document.querySelectorAll('.notification-list-item')) {
        const message = item.querySelector('.notification-list-item-message');
        const source = item.querySelector('.notification-list-item-source');
        const text = [message?.textContent ?? '', source?.textContent ?? ''].join(' ').trim();
        if (text && known.get(item) !== text) {
          known.set(item, text);
          // @ts-ignore exposed by Playwright
          window.__ticketsTestNotification(text);
        }
      }
    }, 100);
  });
  return seen;
}
