// The Get Started walkthrough's pages follow the display language: each step's media.markdown is a %key% reference
// (VS Code resolves it like any manifest string), English in package.nls.json and a Chinese page in
// package.nls.zh-cn.json; both files exist, are packaged, and the Chinese one is Chinese with the same links.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { manifestStrings, NLS_REFERENCE, rawManifest, repoRoot } from '../manifest';
import { markdownPictures as pictures, shippedInVsix as shipped } from '../vsix';

interface Step {
  id: string;
  media: { markdown?: string };
}

function steps(): Step[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json is untyped JSON
  const walkthroughs = (rawManifest() as any).contributes.walkthroughs as Array<{ steps: Step[] }>;
  return walkthroughs.flatMap((w) => w.steps);
}

/** The `command:aliyunTickets.…` links of a page (a page that asks the user to click runs the same command in both). */
const commandLinks = (text: string) => [...text.matchAll(/command:(aliyunTickets\.[\w.]+)/g)].map((m) => m[1]).sort();
const CJK = /[\u4e00-\u9fff]/;
const read = (relativePath: string) => fs.readFileSync(path.join(repoRoot, relativePath), 'utf8');

describe('the walkthrough in English and Chinese', () => {
  it('every step’s markdown is a %key% reference, so it follows the display language', () => {
    const all = steps();
    assert.strictEqual(all.length, 6);
    for (const step of all)
      assert.match(String(step.media.markdown), NLS_REFERENCE, `${step.id}: media.markdown is a fixed path`);
  });

  it('each page named in package.nls.json and package.nls.zh-cn.json exists and is packaged', () => {
    for (const language of [undefined, 'zh-cn']) {
      const strings = manifestStrings(language);
      for (const step of steps()) {
        const key = NLS_REFERENCE.exec(String(step.media.markdown))?.[1] ?? '';
        const page = strings[key];
        assert.ok(page, `${step.id}: no page for ${language ?? 'English'}`);
        assert.ok(fs.existsSync(path.join(repoRoot, page)), `${page} does not exist`);
        assert.ok(shipped(page), `${page} is left out of the .vsix by .vscodeignore`);
        assert.match(read(page), /^## /, `${page} has no heading`);
        for (const picture of pictures(read(page))) {
          const file = path.posix.join(path.posix.dirname(page), picture);
          assert.ok(fs.existsSync(path.join(repoRoot, file)), `${page}: the picture ${picture} does not exist`);
          assert.ok(shipped(file), `${page}: the picture ${picture} is not packaged`);
        }
      }
    }
  });

  it('the Chinese pages are Chinese, with the English page’s command links and pictures', () => {
    const english = manifestStrings();
    const chinese = manifestStrings('zh-cn');
    for (const step of steps()) {
      const key = NLS_REFERENCE.exec(String(step.media.markdown))?.[1] ?? '';
      assert.notStrictEqual(chinese[key], english[key], `${step.id}: Chinese shows the English page`);
      const en = read(english[key]);
      const zh = read(chinese[key]);
      assert.match(zh.split('\n')[0], CJK, `${chinese[key]}: the heading is not Chinese`);
      const latinWords = zh.replace(/`[^`]*`|\([^)]*\)|<[^>]+>/g, '').match(/[A-Za-z]{4,}/g) ?? [];
      const cjk = [...zh].filter((c) => CJK.test(c)).length;
      assert.ok(cjk > 3 * latinWords.length, `${chinese[key]}: mostly not Chinese (${latinWords.join(' ')})`);
      assert.deepStrictEqual(commandLinks(zh), commandLinks(en), `${chinese[key]}: command links differ`);
      // The same pictures; one taken of the Chinese UI is named *.zh-cn.png (walkthroughPictures.test).
      assert.deepStrictEqual(
        pictures(zh).map((picture) => picture.replace(/\.zh-cn\.png$/, '.png')),
        pictures(en),
        `${chinese[key]}: pictures differ`,
      );
    }
  });
});
