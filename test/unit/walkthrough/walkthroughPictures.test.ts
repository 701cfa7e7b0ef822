// The walkthrough's pictures show the UI in the page's language (issue 20 item 6): the Chinese sign-in page showed the
// English sign-in box. Each picture is cut from a UI test's screenshot (scripts/lib/doc-shots.mjs), so a Chinese page's
// picture comes from a screenshot of the Chinese suite (zh-cn-*.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { manifestStrings, repoRoot } from '../manifest';
import { markdownPictures } from '../vsix';

/* eslint-disable @typescript-eslint/no-require-imports -- an ES module script, loaded by Node's require(esm) */
const { DOC_SHOTS } = require(path.join(repoRoot, 'scripts', 'lib', 'doc-shots.mjs')) as {
  DOC_SHOTS: { file: string; from: string }[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Each walkthrough page of `language` (undefined: English) with the repository paths of the pictures it shows. */
function pagePictures(language?: string): { page: string; pictures: string[] }[] {
  return Object.entries(manifestStrings(language))
    .filter(([key]) => key.startsWith('walkthrough.') && key.endsWith('.markdown'))
    .map(([, page]) => ({
      page,
      pictures: markdownPictures(fs.readFileSync(path.join(repoRoot, page), 'utf8')).map((picture) =>
        path.posix.join(path.posix.dirname(page), picture),
      ),
    }));
}

/**
 * English pictures the Chinese pages still show: a Chinese hover and Tickets view (the sidebar only) would add about
 * 20 KB to a .vsix that has about 5 KB left of its 300 KB budget (bench/run.mjs).
 */
const ENGLISH_IN_CHINESE = ['docs/hover.png', 'docs/explorer-and-ticket.png'];

/** The screenshot a docs/ picture is cut from. */
function screenshotOf(picture: string): string | undefined {
  return DOC_SHOTS.find((shot) => `docs/${shot.file}` === picture)?.from;
}

describe('the walkthrough’s pictures', () => {
  it('a Chinese page shows the Chinese UI: each picture is cut from a screenshot of the zh-cn suite', () => {
    const pages = pagePictures('zh-cn');
    assert.ok(pages.filter((p) => p.pictures.length).length >= 3, 'the Chinese pages with pictures');
    const signIn = pages.find((p) => p.page.endsWith('sign-in.zh-cn.md'));
    assert.deepStrictEqual(signIn?.pictures, ['docs/sign-in.zh-cn.png'], 'the sign-in page shows the Chinese box');
    for (const { page, pictures } of pages)
      for (const picture of pictures.filter((p) => !ENGLISH_IN_CHINESE.includes(p))) {
        assert.ok(fs.existsSync(path.join(repoRoot, picture)), `${page}: ${picture} is there`);
        assert.match(screenshotOf(picture) ?? '(not made by doc-shots)', /^zh-cn-/, `${page} shows ${picture}`);
      }
  });

  it('an English page shows the English UI', () => {
    for (const { page, pictures } of pagePictures())
      for (const picture of pictures)
        assert.doesNotMatch(
          screenshotOf(picture) ?? '(not made by doc-shots)',
          /^zh-cn-|^\(/,
          `${page} shows ${picture}`,
        );
  });
});
