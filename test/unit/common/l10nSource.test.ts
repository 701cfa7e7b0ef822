// No user-facing string of src/ bypasses the translate call (the checks are in l10nCheck.ts):
// (b) each t('…') message has its zh-cn translation with the same {n} placeholders, and each error and describeError
//     sentence carries its template;
// (c) in the covered folders, no Latin-letter text literal reaches a user-facing place without t().
// Each check is also run on a probe, so that a check that stopped seeing anything fails.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { bundle } from '../l10nBundle';
import { repoRoot } from '../manifest';
import {
  bypassingLiterals,
  COVERED,
  LANGUAGES,
  placeholders,
  srcRoot,
  translateMessages,
  tsFiles,
  untemplatedErrors,
  untranslatedReturns,
} from './l10nCheck';

describe('translations: every message of src/ translated, none bypassing t()', () => {
  it('(b) every t() message in src has a literal message and a translation with the same placeholders, and no translation is orphaned', () => {
    const { messages, notLiteral } = translateMessages();
    assert.deepStrictEqual(notLiteral, [], 't() needs its message as a string literal (the bundle is keyed by it)');
    assert.ok(messages.size > 80, `only ${messages.size} messages found: the extractor is broken`);
    for (const language of LANGUAGES) {
      const translations = bundle(language);
      const missing = [...messages]
        .filter(([message]) => !translations[message]?.trim())
        .map(([m, at]) => `${at}: ${m}`);
      assert.deepStrictEqual(missing, [], `messages without a ${language} translation`);
      for (const [message, at] of messages) {
        assert.deepStrictEqual(
          placeholders(translations[message]),
          placeholders(message),
          `${at}: "${message}" in ${language}: placeholders differ`,
        );
      }
      const orphaned = Object.keys(translations).filter((message) => !messages.has(message));
      assert.deepStrictEqual(orphaned, [], `l10n/bundle.l10n.${language}.json has messages no code uses`);
    }
  });

  it('(b) no message is in a bundle twice (JSON.parse keeps the last, so one translation would hide the other)', () => {
    for (const language of LANGUAGES) {
      const file = path.join(repoRoot, 'l10n', `bundle.l10n.${language}.json`);
      const keys = [...fs.readFileSync(file, 'utf8').matchAll(/^\s*("(?:[^"\\]|\\.)*")\s*:/gm)].map((m) =>
        JSON.parse(m[1]),
      );
      const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
      assert.deepStrictEqual(twice, [], `bundle.l10n.${language}.json has these messages twice`);
      assert.strictEqual(keys.length, Object.keys(bundle(language)).length, 'every message of the file was read');
    }
  });

  it('(b) every error src makes carries its sentence as a template (messageText), unless it is for the log only', () => {
    const found = tsFiles(srcRoot).flatMap((file) => untemplatedErrors(file));
    assert.deepStrictEqual(
      found.map((f) => `${f.where}: ${f.text}`),
      [],
    );
  });

  it('(b) describeError and its helpers give every sentence to translate()', () => {
    const found = tsFiles(path.join(srcRoot, 'api')).flatMap((file) => untranslatedReturns(file));
    assert.deepStrictEqual(
      found.map((f) => `${f.where}: ${f.text}`),
      [],
    );
    // The scan sees describeError itself (a renamed parameter would blind it).
    const errors = path.join(srcRoot, 'api', 'errorWording.ts');
    const probe = fs
      .readFileSync(errors, 'utf8')
      .replace("case 'timeout':", "case 'timeout':\n      return 'The Ticket API did not answer in time.';");
    assert.deepStrictEqual(
      untranslatedReturns(errors, probe).map((f) => f.text),
      ['The Ticket API did not answer in time.'],
    );
  });

  it('(b) the error check catches English messages and a message passed in, and passes templates and copies', () => {
    const probe = [
      "new TicketApiError({ code: 'A', kind: 'config', message: 'The endpoint is bad.' });",
      // eslint-disable-next-line no-template-curly-in-string -- source text of a template, on purpose
      "new TicketApiError({ code: 'B', kind: 'network', message: `Could not reach ${host}.` });",
      "const made = (message: string) => new TicketApiError({ code: 'C', kind: 'badRequest', message });",
      "new TicketApiError({ code: 'D', kind: 'config', text: messageText('Fine {0}.', x) });",
      'new TicketApiError({ code: err.code, kind: err.kind, message: clean(err.message) });',
      '// l10n-exempt: for the log',
      "new TicketApiError({ code: 'E', kind: 'timeout', message: 'Log only.' });",
    ].join('\n');
    const texts = untemplatedErrors('probe.ts', probe).map((f) => f.text);
    // eslint-disable-next-line no-template-curly-in-string -- the template's source text, as reported
    assert.deepStrictEqual(texts, ['The endpoint is bad.', '`Could not reach ${host}.`', 'message']);
  });

  it('(c) no user-facing literal bypasses t() in the covered folders', () => {
    const found = COVERED.flatMap((dir) => tsFiles(path.join(repoRoot, dir))).flatMap((file) =>
      bypassingLiterals(file),
    );
    assert.deepStrictEqual(
      found.map((f) => `${f.where}: ${f.text}`),
      [],
    );
  });

  it('(c) the check catches a literal in a notification, a label, a return and a template, and passes t()', () => {
    const probe = [
      "void vscode.window.showWarningMessage('Bad thing', 'Retry');",
      // eslint-disable-next-line no-template-curly-in-string -- source text of a template, on purpose
      "const item = { label: `Load ${n} more`, description: t('fine {0}', n) };",
      "function f() { return 'Not translated'; }",
      "const ok = t('Translated') + '$(bell) ' + ': ';",
      "pick.placeholder = cond ? t('Yes') : 'No way';",
      "return 'model text'; // l10n-exempt: read by the model",
    ].join('\n');
    const texts = bypassingLiterals('probe.ts', probe).map((f) => f.text);
    // eslint-disable-next-line no-template-curly-in-string -- the template's source text, as reported
    assert.deepStrictEqual(texts, ['Bad thing', 'Retry', '`Load ${n} more`', 'Not translated', 'No way']);
  });

  it('(c) the check reads HTML as a reader does and catches the page script’s own words', () => {
    /* eslint-disable no-template-curly-in-string -- source text of templates, on purpose */
    const probe = [
      'const a = () => `<p class="muted">No messages yet.</p>`;',
      "const b = () => `<button type=\"button\" class=\"secondary\" ${dataAction(x)}${busy ? ' disabled' : ''}>${escapeHtml(t('Refresh'))}</button>`;",
      'const c = () => `<a href="#" title="Opens ${where}">${label}</a>`;',
      'const d = () => `<span class="badge" title="${escapeHtml(t(\'Status\'))}">${label}</span>`;',
      'const e = () => `data-action="${action}"`;',
      'const f = () => \'<span class="muted">unknown</span>\';',
      "remove.textContent = 'Remove';",
      'status.textContent = ` ${state}`;',
      "bar.setAttribute('aria-label', `Uploading ${name}`);",
      "form.setAttribute('aria-busy', 'true');",
    ].join('\n');
    const texts = bypassingLiterals('probe.ts', probe).map((f) => f.text);
    assert.deepStrictEqual(texts, [
      '<p class="muted">No messages yet.</p>',
      '`<a href="#" title="Opens ${where}">${label}</a>`',
      '<span class="muted">unknown</span>',
      'Remove',
      '`Uploading ${name}`',
    ]);
    /* eslint-enable no-template-curly-in-string */
  });

  it('(c) the check catches a page script’s literal text and the English in rendered HTML, and passes markup', () => {
    const probe = [
      "status.textContent = 'Loading products…';",
      // eslint-disable-next-line no-template-curly-in-string -- source text of a template, on purpose
      "button.setAttribute('aria-label', `Remove ${name}`);",
      "button.setAttribute('data-kind', 'remove');",
      'function option(value: string, label: string) { return document.createElement(value + label); }',
      "category.append(option('', 'Choose a category'), option('id', s.chooseCategory));",
      "const $ = (id: string) => document.getElementById(id); $('productSearch');",
      // eslint-disable-next-line no-template-curly-in-string -- source text of a template, on purpose
      'const html = () => `<div class="field"><label for="x">${s.product}</label><input placeholder="${s.search}"></div>`;',
      'const bad = () => `<h1 id="heading">New support ticket</h1>`;',
      // eslint-disable-next-line no-template-curly-in-string -- source text of a template, on purpose
      'const badAttribute = () => `<input id="x" placeholder="Search products" value="${v}">`;',
    ].join('\n');
    const texts = bypassingLiterals('page.ts', probe).map((f) => f.text);
    assert.deepStrictEqual(texts, [
      'Loading products…',
      // eslint-disable-next-line no-template-curly-in-string -- the template's source text, as reported
      '`Remove ${name}`',
      'Choose a category',
      '<h1 id="heading">New support ticket</h1>',
      // eslint-disable-next-line no-template-curly-in-string -- the template's source text, as reported
      '`<input id="x" placeholder="Search products" value="${v}">`',
    ]);
  });
});
