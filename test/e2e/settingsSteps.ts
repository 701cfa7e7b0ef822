// Our settings in VS Code's Settings editor, as a person finds them: by the product's name in the search box, and in
// the tree under the extension's titles. VS Code labels a setting from the words of its key: found by a search it reads
// "Aliyun Tickets: Endpoint" (the key is aliyunTickets.endpoint and stays so: users' settings.json keep working); in
// the tree, under our group's title, "Endpoint". Screenshots: test-results/ui/settings-<locale>-*.png.
import * as assert from 'assert';
import type { Browser, Locator, Page } from 'playwright-core';
import { configurationProperties, resolvedManifest } from '../unit/manifest';
import { launchChromium } from './browser';
import { manifestText } from './translations';
import { Workbench, e2eEnv } from './workbench';

const EXTENSION_ID = 'aliyun-tickets.aliyun-tickets';

export function describeSettings(locale: 'en' | 'zh-cn'): void {
  describe(`our settings in the Settings editor (${locale})`, function () {
    this.timeout(120_000);
    let browser: Browser;
    let page: Page;
    let wb: Workbench;
    const keys = Object.keys(configurationProperties(resolvedManifest(locale === 'en' ? undefined : locale)));
    const product = () => manifestText('displayName');
    const editor = () => page.locator('.settings-editor');
    const row = (key: string) => editor().locator(`.setting-item-contents[data-key="${key}"]`);

    /** Replaces the Settings editor's search text with `query` (empty clears it). */
    async function search(query: string): Promise<void> {
      await editor().locator('.settings-header .suggest-input-container .view-lines').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      if (query) await page.keyboard.type(query);
    }

    /** The category VS Code shows before a setting's label ("Aliyun Tickets" in "Aliyun Tickets: Endpoint"). */
    async function shownLabel(setting: Locator): Promise<{ category: string; label: string }> {
      await setting.waitFor({ timeout: 20_000 });
      const text = async (selector: string) => ((await setting.locator(selector).first().textContent()) ?? '').trim();
      return { category: await text('.setting-item-category'), label: await text('.setting-item-label') };
    }

    before(async () => {
      assert.strictEqual(
        process.env.TICKETS_E2E_LOCALE ?? 'en',
        locale,
        'the runner starts this suite in its language',
      );
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      wb = await Workbench.open(page, e2eEnv('TICKETS_E2E_CODE_SERVER_URL'), e2eEnv('TICKETS_E2E_WORKSPACE'));
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed')
        await wb?.screenshot(
          `failed-settings-${locale}-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 50)}.png`,
        );
    });

    after(async () => browser?.close());

    it('a search for the product’s name finds every setting', async () => {
      await wb.runCommand('Preferences: Open Settings (UI)');
      await editor().waitFor({ timeout: 30_000 });
      // Our settings only (@ext:), then the product's name as the person sees it everywhere else.
      await search(`@ext:${EXTENSION_ID} ${product()}`);
      const count = editor().locator('.settings-count-widget');
      await page
        .waitForFunction(
          ([selector, expected]) => document.querySelector(selector)?.textContent?.trim() === expected,
          ['.settings-editor .settings-count-widget', `${keys.length} Settings Found`] as const,
          { timeout: 20_000 },
        )
        .catch(async (error: unknown) => {
          assert.fail(`searching ${product()}: ${await count.textContent()} (of ${keys.length}): ${String(error)}`);
        });
      await wb.screenshot(`settings-${locale}-search.png`);
    });

    it('the tree lists every setting by its own name under the extension’s titles', async () => {
      // Extensions › Alibaba Cloud Tickets in the table of contents (a long list, drawn as it scrolls).
      await search('');
      // The search cleared: the whole tree again (its first page, Commonly Used), and the table of contents with it.
      await editor().locator('.settings-count-widget').waitFor({ state: 'hidden', timeout: 15_000 });
      const toc = editor().locator('.settings-toc-container .monaco-list-row');
      const extensions = toc.filter({ hasText: /^Extensions/ }).first();
      const expanded = (timeout: number) =>
        page
          .waitForFunction(
            (selector) =>
              Array.from(document.querySelectorAll(selector)).some(
                (row) => /^Extensions/.test(row.textContent ?? '') && row.getAttribute('aria-expanded') === 'true',
              ),
            '.settings-editor .settings-toc-container .monaco-list-row',
            { timeout },
          )
          .then(
            () => true,
            () => false,
          );
      // Its twistie opens it; the table of contents may still be redrawn from the search (and close it again).
      for (let attempt = 1; !(await expanded(attempt === 1 ? 1_000 : 5_000)); attempt++) {
        assert.ok(attempt <= 4, 'Extensions opens in the table of contents');
        await extensions.locator('.monaco-tl-twistie').click();
      }
      const ours = toc.filter({ hasText: product() }).first();
      await extensions.hover();
      for (let turn = 0; turn < 40 && !(await ours.isVisible()); turn++) await page.mouse.wheel(0, 200);
      await ours.click();
      for (const key of ['aliyunTickets.endpoint', 'aliyunTickets.idPattern']) {
        const shown = await shownLabel(row(key));
        assert.strictEqual(shown.category, '', `${key} is shown as "${shown.category}: ${shown.label}"`);
      }
      const groupTitles = await editor().locator('.settings-group-title-label').allTextContents();
      assert.ok(groupTitles.includes(product()), `the group's title is ${product()}: ${groupTitles.join(', ')}`);
      for (const theme of ['light', 'dark'] as const) {
        await wb.theme(theme);
        await wb.screenshot(`settings-${locale}-tree-${theme}.png`);
      }
    });
  });
}
