// The panel's document carries its stylesheet and script (by nonce) when they can be read, so that VS Code shows it
// without first fetching them through the webview's resource loader; the CSP stays as strict.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderTicketHtml } from '../../../src/features/details/render';
import { inlinable, inlinePageAssets } from '../../../src/features/details/pageAssets';
import { FIXTURE_NOW, note, PAGE_RESOURCES, ticket } from '../../fixtures/tickets';
import { repoRoot } from '../manifest';

describe('details page: stylesheet and script in the document', () => {
  it('puts both in the document by nonce, links nothing, and the CSP allows only that nonce', () => {
    const inline = { style: 'main { color: red; }', script: 'console.log("page");' };
    const view = { kind: 'ticket' as const, ticket: ticket(), notes: [note()] };
    const html = renderTicketHtml(view, { ...PAGE_RESOURCES, inline }, { now: FIXTURE_NOW });
    const nonce = PAGE_RESOURCES.nonce;
    assert.ok(html.includes(`<style nonce="${nonce}">${inline.style}</style>`), 'the stylesheet, by nonce');
    assert.ok(html.includes(`<script nonce="${nonce}">${inline.script}</script>`), 'the script, by nonce');
    assert.ok(!html.includes('<link') && !html.includes(' src='), 'nothing linked');
    const policy = /content="([^"]+)"/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';
    assert.ok(policy.includes(`script-src 'nonce-${nonce}';`), policy);
    assert.ok(!policy.includes('unsafe-inline'), policy);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the CSP comes first');
  });

  it('reads the built page (media/details.css and details.js) once, and leaves out text that would end its element', () => {
    const built = inlinePageAssets(path.join(repoRoot, 'media'));
    assert.ok(built, 'media/details.css and media/details.js are read (npm run build writes the script)');
    assert.strictEqual(built.style, fs.readFileSync(path.join(repoRoot, 'media', 'details.css'), 'utf8'));
    assert.ok(built.script.includes('ready'), 'the page script announces itself');
    // Read once per window: another folder gets the same texts.
    assert.strictEqual(inlinePageAssets(os.tmpdir()), built);
    assert.deepStrictEqual(inlinable('a {}', 'x = 1;'), { style: 'a {}', script: 'x = 1;' });
    assert.strictEqual(inlinable('a {}', 'x = "</SCRIPT><script>alert(1)";'), undefined);
    assert.strictEqual(inlinable('a {} </style><script>', 'x = 1;'), undefined);
  });
});
