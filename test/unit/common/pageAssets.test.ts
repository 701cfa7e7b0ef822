// The shell both webviews share (common/pageAssets.ts): one CSP with a nonce of the document's own, the shared
// stylesheet (media/common.css) before the page's, and the files carried in the document (by nonce) when they can be
// read, so that VS Code shows it without first fetching them through the webview's resource loader.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AFTER_PAINT_LOADER,
  inlinable,
  PAGE_SCRIPT,
  readPageAssets,
  readPageFiles,
  renderPage,
  sharedStyleUri,
} from '../../../src/common/pageAssets';
import { renderTicketHtml } from '../../../src/features/details/render';
import { renderNewTicketHtml } from '../../../src/features/new-ticket/render';
import { FIXTURE_NOW, note, PAGE_RESOURCES, ticket } from '../../fixtures/tickets';
import { unescapeHtml } from '../../fixtures/html';
import { repoRoot } from '../manifest';

const MEDIA = path.join(repoRoot, 'media');
const ticketPage = (resources: Parameters<typeof renderTicketHtml>[1]) =>
  renderTicketHtml({ kind: 'ticket', ticket: ticket(), notes: [note()] }, resources, { now: FIXTURE_NOW });
const formPage = (resources: Parameters<typeof renderNewTicketHtml>[0]) =>
  renderNewTicketHtml(resources, { isMac: false });

/** The document's policy, unescaped. */
const policyOf = (html: string) => unescapeHtml(/content="([^"]+)"/.exec(html)?.[1] ?? '');
/** The document without its <body>: what the shell wrote. */
const headOf = (html: string) => html.slice(0, html.indexOf('<body'));

describe('webview pages: the shared shell, CSP and stylesheet (common/pageAssets.ts)', () => {
  it('both pages put their stylesheets in the document by nonce; the form its script, the panel a loader of its linked script', () => {
    const inline = { style: 'main { color: red; }', script: 'console.log("page");' };
    const nonce = PAGE_RESOURCES.nonce;
    const panel = ticketPage({ ...PAGE_RESOURCES, inline });
    const form = formPage({ ...PAGE_RESOURCES, inline });
    // The form runs its script as the document is written; the panel's runs after the first paint: the document
    // carries only the loader (by nonce), which loads the linked page script then, as a new element by nonce.
    assert.ok(form.includes(`<script nonce="${nonce}">${inline.script}</script>`), 'the script, by nonce');
    assert.ok(!panel.includes(inline.script), 'the panel does not carry its script');
    assert.ok(
      panel.includes(`<script nonce="${nonce}" data-src="${PAGE_RESOURCES.scriptUri}">${AFTER_PAINT_LOADER}</script>`),
      'the loader, by nonce, with the page script to load',
    );
    assert.strictEqual(panel.match(/<script nonce=/g)?.length, 1, 'one script by nonce');
    assert.ok(!form.includes(' src=') && !form.includes('data-src'), 'the form links no script');
    for (const html of [panel, form]) {
      assert.ok(html.includes(`<style nonce="${nonce}">${inline.style}</style>`), 'the stylesheet, by nonce');
      assert.ok(!html.includes('<link'), 'no stylesheet linked');
      const policy = policyOf(html);
      assert.ok(policy.includes(`script-src 'nonce-${nonce}';`), policy);
      assert.ok(!policy.includes('unsafe-inline'), policy);
      assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the CSP comes first');
    }
  });

  it('gives the panel and the form one shell: the same CSP, and the shared stylesheet linked before their own', () => {
    const form = formPage({ ...PAGE_RESOURCES, styleUri: `${PAGE_RESOURCES.cspSource}/ext/media/newTicket.css` });
    const panel = ticketPage(PAGE_RESOURCES);
    assert.strictEqual(policyOf(form), policyOf(panel));
    assert.match(policyOf(form), /^default-src 'none'; .*form-action 'none'$/);
    const links = (html: string) =>
      [...headOf(html).matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepStrictEqual(links(panel), [
      'https://file+.vscode-resource.vscode-cdn.net/ext/media/common.css',
      PAGE_RESOURCES.styleUri,
    ]);
    assert.deepStrictEqual(links(form), [
      'https://file+.vscode-resource.vscode-cdn.net/ext/media/common.css',
      `${PAGE_RESOURCES.cspSource}/ext/media/newTicket.css`,
    ]);
    assert.strictEqual(sharedStyleUri('s.css'), 'common.css');
  });

  it('escapes what it is given: a title and body attributes cannot leave their place', () => {
    const html = renderPage(
      'newTicket',
      { ...PAGE_RESOURCES, nonce: 'n"><script>alert(1)</script>' },
      {
        title: '</title><script>alert(2)</script>',
        bodyAttributes: { 'data-x': '"><img src=x onerror=alert(3)>' },
        body: '<p>ok</p>',
      },
    );
    assert.ok(!/<script>alert|<img/.test(html), html);
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>'));
    assert.ok(html.includes('<body data-x="&quot;&gt;&lt;img src=x onerror=alert(3)&gt;">'));
  });

  it('reads media/common.css then the page’s own stylesheet, and the built script of the page that carries it, once per page', () => {
    const shared = fs.readFileSync(path.join(MEDIA, 'common.css'), 'utf8');
    for (const page of ['details', 'newTicket'] as const) {
      const built = readPageAssets(MEDIA, page);
      assert.ok(built, `media/${page}.css and .js are read (npm run build writes the script)`);
      assert.strictEqual(built.style, `${shared}\n${fs.readFileSync(path.join(MEDIA, `${page}.css`), 'utf8')}`);
      // Only the form carries its script; the panel's is linked, loaded after the first paint.
      const script =
        PAGE_SCRIPT[page] === 'inDocument' ? fs.readFileSync(path.join(MEDIA, `${page}.js`), 'utf8') : undefined;
      assert.strictEqual(built.script, script, page);
      // Read once per window: another folder gets the same texts.
      assert.strictEqual(readPageAssets(os.tmpdir(), page), built);
    }
    assert.strictEqual(readPageAssets(MEDIA, 'details')?.script, undefined, 'the panel does not read its script');
    assert.notStrictEqual(readPageAssets(MEDIA, 'details'), readPageAssets(MEDIA, 'newTicket'));
  });

  it('leaves out text that would end its element early (then the document links the files)', () => {
    assert.deepStrictEqual(inlinable('a {}', 'x = 1;'), { style: 'a {}', script: 'x = 1;' });
    assert.deepStrictEqual(
      inlinable('a {}'),
      { style: 'a {}' },
      'a page whose script is linked: its stylesheets alone',
    );
    assert.strictEqual(inlinable('a {}', 'x = "</SCRIPT><script>alert(1)";'), undefined);
    assert.strictEqual(inlinable('a {} </style><script>', 'x = 1;'), undefined);
  });

  it('carries the panel’s stylesheets whatever its linked script holds: only a carried script is checked', () => {
    // The panel's script is not in its document, so text in it that would end a <script> element early must not make
    // the panel link its stylesheets (which VS Code waits for before showing the document). The form's would.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'page-assets-'));
    try {
      fs.writeFileSync(path.join(folder, 'common.css'), 'body {}');
      for (const page of ['details', 'newTicket']) {
        fs.writeFileSync(path.join(folder, `${page}.css`), 'main {}');
        fs.writeFileSync(path.join(folder, `${page}.js`), 'x = "</script>";');
      }
      const panel = readPageFiles(folder, 'details');
      assert.deepStrictEqual(panel, { style: 'body {}\nmain {}' });
      assert.ok(ticketPage({ ...PAGE_RESOURCES, inline: panel }).includes('<style nonce='), 'carried by nonce');
      assert.strictEqual(readPageFiles(folder, 'newTicket'), undefined, 'the form links its files');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps each page’s stylesheet to what the shared one does not already say', () => {
    // A rule restated word for word in a page's stylesheet would drift from the shared one: say it once, in common.css.
    const rules = (css: string) =>
      new Set(
        [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/[^{}]+\{[^}]*\}/g)].map((m) =>
          m[0].replace(/\s+/g, ' ').trim(),
        ),
      );
    const shared = rules(fs.readFileSync(path.join(MEDIA, 'common.css'), 'utf8'));
    for (const page of ['details.css', 'newTicket.css']) {
      const restated = [...rules(fs.readFileSync(path.join(MEDIA, page), 'utf8'))].filter((rule) => shared.has(rule));
      assert.deepStrictEqual(restated, [], page);
    }
  });
});
