// The .vsix carries the pictures the installed extension shows (the README on its details page, the walkthrough's
// pages) and no other: the user guide's pictures stay in the repository with the guide, which is not packaged. The
// .vsix has a size budget (npm run bench: < 300 KB) that pictures nobody sees in VS Code would spend.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { manifestStrings, repoRoot } from '../manifest';
import { markdownPictures, shippedInVsix } from '../vsix';

const read = (relativePath: string) => fs.readFileSync(path.join(repoRoot, relativePath), 'utf8');

/** The repository's pictures (relative paths) that a packaged page shows: the README and each walkthrough page. */
function picturesShown(): Set<string> {
  const pages = new Set(['README.md']);
  for (const language of [undefined, 'zh-cn'])
    for (const [key, value] of Object.entries(manifestStrings(language)))
      if (key.startsWith('walkthrough.') && key.endsWith('.markdown')) pages.add(value);
  const shown = new Set<string>();
  for (const page of pages)
    for (const picture of markdownPictures(read(page)))
      if (!/^[a-z]+:/i.test(picture)) shown.add(path.posix.join(path.posix.dirname(page), picture));
  return shown;
}

describe('the pictures in the .vsix', () => {
  it('reads .vscodeignore as vsce does: the last matching pattern decides', () => {
    assert.ok(shippedInVsix('media/walkthrough/sign-in.md'));
    assert.ok(!shippedInVsix('src/extension.ts'), 'src/ would be packaged');
    assert.ok(!shippedInVsix('docs/guide/x.png'), 'a picture no packaged page shows would be packaged');
  });

  it('ships each picture the README and the walkthrough show, and none of the guide’s other pictures', () => {
    const shown = picturesShown();
    assert.ok(shown.size >= 3, `found the pictures the README shows (${[...shown].join(', ')})`);
    for (const picture of shown) assert.ok(shippedInVsix(picture), `${picture} is shown but left out of the .vsix`);
    const others = fs
      .readdirSync(path.join(repoRoot, 'docs'))
      .filter((name) => /\.(png|gif|jpe?g|svg)$/.test(name))
      .map((name) => `docs/${name}`)
      .filter((picture) => !shown.has(picture));
    assert.ok(others.length > 0, 'the guide has pictures of its own (docs/*.md)');
    assert.deepStrictEqual(
      others.filter((picture) => shippedInVsix(picture)),
      [],
      'pictures no packaged page shows are packaged',
    );
  });
});
