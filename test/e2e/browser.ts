// Debian's Chromium through playwright-core, for the UI tests and the integration runner (scripts/lib/browser.mjs).
import * as path from 'path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchChromium(): Promise<Browser> {
  // CHROMIUM_PATH: the same override scripts/lib/paths.mjs honours when checking that set-up installed it.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Chromium with its profile in `userDataDir` (kept after close): VS Code in a browser keeps extension state there, in
 * IndexedDB, and the integration runner scans it for what must never be stored in clear.
 */
export function launchChromiumWithProfile(
  userDataDir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
  });
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where screenshots go (ignored by git); the runner passes it, with a default for running mocha by hand. */
export const RESULTS_DIR = process.env.TICKETS_E2E_RESULTS || path.join(REPO_ROOT, 'test-results', 'ui');
