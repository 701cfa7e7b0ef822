// A person at the real VS Code (code-server) in Chromium: the command palette, input boxes, notifications, the
// sidebar, editors and webviews, with the selectors checked in /work/shared/recipes/code-server.md.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './browser';

const QUICK_INPUT = '.quick-input-widget';

export function e2eEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI tests with npm run test:ui`);
  return value;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens the workbench on `folder` and waits until it (and the extension host) is up. */
  static async open(page: Page, serverUrl: string, folder: string): Promise<Workbench> {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 30_000 });
    return new Workbench(page);
  }

  get quickInput(): Locator {
    return this.page.locator(QUICK_INPUT);
  }

  get quickInputBox(): Locator {
    return this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
  }

  /** F1, type the command's full title, wait for its row, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    await this.quickInputBox.waitFor({ state: 'visible' });
    await this.quickInputBox.fill(`>${title}`);
    await this.page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: title }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Waits for an input box (or quick pick) whose title matches, types `text` and (unless told not to) presses Enter.
   * An input box validates the typed value on Enter itself (VS Code awaits validateInput before accepting). A quick
   * pick that builds its rows from the value in the extension host (Open Ticket) needs `row`: Enter waits until a row
   * with that text shows, or it would accept the rows of the previous value.
   */
  async answer(
    title: RegExp,
    text: string,
    { enter = true, row }: { enter?: boolean; row?: string } = {},
  ): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ timeout: 15_000 });
    await this.quickInputBox.fill(text);
    if (row)
      await this.page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: row }).first().waitFor({ timeout: 15_000 });
    if (enter) await this.quickInputBox.press('Enter');
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
  }

  /** The text of the first notification toast that matches. */
  async toast(match: RegExp, timeout = 20_000): Promise<string> {
    const toast = this.page
      .locator('.notifications-toasts .notification-list-item-message', { hasText: match })
      .first();
    await toast.waitFor({ timeout });
    return (await toast.textContent()) ?? '';
  }

  /** The page inside the active webview: two iframes deep. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, name);
    await this.page.screenshot({ path: file });
    return file;
  }
}
