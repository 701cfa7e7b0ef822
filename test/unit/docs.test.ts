// The README is a user's front page: the two commands a newcomer needs near the top, under 12 KB, and every page of
// the user guide (docs/*.md) linked from it; no link in the README, the guide or CONTRIBUTING.md leads nowhere.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const guidePages = (): string[] =>
  fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);

/** The relative targets of a markdown file's links and images, with their #fragments. */
export function relativeLinks(markdown: string): { target: string; fragment?: string }[] {
  const links: { target: string; fragment?: string }[] = [];
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  for (const match of withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const href = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    const [target, fragment] = href.split('#');
    links.push({ target, fragment });
  }
  return links;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    anchors.add(
      match[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return anchors;
}

describe('README, user guide and CONTRIBUTING.md', () => {
  it('the README is a front page: under 12 KB, the two newcomer commands in its first lines', () => {
    const readme = read('README.md');
    assert.ok(Buffer.byteLength(readme) < 12_000, `README.md is ${Buffer.byteLength(readme)} bytes`);
    const top = readme.split('\n').slice(0, 12).join('\n');
    assert.match(top, /npm ci && npm start/);
    assert.match(top, /npm ci && npm test/);
  });

  it('every guide page is linked from the README or the guide index, and links back', () => {
    const readme = read('README.md');
    const index = read('docs/README.md');
    assert.match(readme, /\(docs\/README\.md\)/, 'the README links the guide index');
    for (const page of guidePages().filter((p) => p !== 'docs/README.md')) {
      const name = path.basename(page);
      assert.ok(index.includes(`](${name})`), `docs/README.md links ${name}`);
      assert.ok(read(page).includes('](../README.md)'), `${page} links back to the README`);
    }
  });

  it('no relative link or picture leads nowhere, anchors included', () => {
    const broken: string[] = [];
    for (const file of ['README.md', 'CONTRIBUTING.md', ...guidePages()]) {
      for (const { target, fragment } of relativeLinks(read(file))) {
        const resolved = target ? path.join(path.dirname(file), target) : file;
        if (!fs.existsSync(path.join(ROOT, resolved))) {
          broken.push(`${file} → ${target}`);
          continue;
        }
        if (fragment && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(fragment)) {
          broken.push(`${file} → ${target}#${fragment}`);
        }
      }
    }
    assert.deepStrictEqual(broken, []);
  });

  it('the link checker finds a broken link and a missing anchor (it can fail)', () => {
    const links = relativeLinks(
      '[a](docs/nowhere.md) `[b](x.md)` ![c](docs/hover.png) [d](https://x.y) [e](#Not-There)',
    );
    assert.deepStrictEqual(links, [
      { target: 'docs/nowhere.md', fragment: undefined },
      { target: 'docs/hover.png', fragment: undefined },
      { target: '', fragment: 'Not-There' },
    ]);
    assert.ok(headingAnchors('## Hovers and links on ticket ids').has('hovers-and-links-on-ticket-ids'));
    assert.ok(!headingAnchors('## Hovers').has('Not-There'));
  });
});
