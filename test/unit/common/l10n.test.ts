// Every user-facing string has its English and Simplified Chinese text, and none bypasses the translate call:
// (a) each "%key%" in package.json has its text in package.nls.json and package.nls.zh-cn.json;
// (b) each t('…') message in src/ has its entry in l10n/bundle.l10n.zh-cn.json, with the same {n} placeholders; so
//     has each template of the API layer's error sentences (messageText('…') and describeError's translate('…'));
// (c) in the COVERED folders, no Latin-letter text literal reaches a user-facing place without t() (rules below).
// Plus what a Chinese user sees: statuses, ages, counts and dates in Chinese through the real bundle.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { formatMessage, resetL10n, setL10n, t } from '../../../src/common/l10n';
import { errorActionLabel } from '../../../src/common/errors';
import { describeFilter } from '../../../src/features/explorer/filter';
import { ticketCount } from '../../../src/features/explorer/labels';
import { waitingText } from '../../../src/tickets/attention';
import { SEVERITY_LABELS, STATUS_LABELS, type SeverityValue, type StatusValue } from '../../../src/api/types';
import {
  formatAge,
  formatRelativeTime,
  severityLabel,
  severityText,
  statusLabel,
  statusText,
} from '../../../src/tickets/display';
import { bundle } from '../l10nBundle';
import { configurationProperties, manifestStrings, NLS_REFERENCE, rawManifest, repoRoot } from '../manifest';

/** The languages besides English (the source text) that every string must have. */
const LANGUAGES = ['zh-cn'];

/**
 * Rule (c) reads every file of src/ but these, each with the reason its text needs no t(). A new file anywhere else is
 * checked from the start, so a sentence written outside the feature folders (as ticketId.ts's refusals once were)
 * fails. The page scripts (src/features/details/page, src/features/new-ticket/page) are covered with their folders:
 * their words come from the extension.
 */
const NOT_COVERED = [
  // Its sentences carry their template (messageText) for the display language, checked by rule (b); its other literals
  // are the wire's codes and the log's details.
  'src/api',
  // The log channel is English on purpose (support reads it with the RequestIds).
  'src/log',
];

const COVERED = tsFiles(path.join(repoRoot, 'src'))
  .map((file) => path.relative(repoRoot, file).split(path.sep).join('/'))
  .filter((file) => !NOT_COVERED.some((dir) => file === dir || file.startsWith(`${dir}/`)));

/**
 * Files whose text is read by a language model (the agent tools' answers), not shown to the user: only rule 1 (UI
 * calls) applies to them. The confirmation VS Code shows the user is in agent-tools/confirmation.ts, fully checked.
 */
const MODEL_FACING = ['format.ts', 'tools.ts'].map((name) => path.join('src', 'features', 'agent-tools', name));

/**
 * Rule (c): a "text literal" is a string literal, or the literal parts of a template, with two Latin letters in a
 * row once `$(icon)` names are removed. It is user-facing, and must be a t() message instead, when it is
 *   1. an argument (at any depth, except inside a nested function) of window.show{Information,Warning,Error}Message,
 *      setStatusBarMessage, showQuickPick, showInputBox, new TreeItem, new MarkdownString, appendMarkdown, appendText;
 *   2. the value of a property, or the right side of an assignment to a property, named in UI_PROPERTIES;
 *   3. a returned value (a `return`, or an arrow function's expression body);
 *   4. the value given to setAttribute for an attribute in UI_ATTRIBUTES (the page scripts' aria-labels, tooltips), or
 *      an argument of a function of the same file whose parameter is named in UI_PROPERTIES (`option(value, label)`).
 * Rule 2 includes textContent and innerText, so a page script cannot put its own words on screen. A literal that is
 * HTML (render.ts) counts by what a reader meets: the text between tags and the values of UI_ATTRIBUTES; tag and
 * attribute names, classes and ids are not words to translate, nor is a literal inside a tag (` disabled`).
 * The first argument of t() is the message itself and is skipped. Text meant for a language model, not the user
 * (what the agent tools return) is in a MODEL_FACING file; a literal that is not words (a URI) is marked
 * `l10n-exempt` in a comment on its line or the line above.
 */
const UI_CALLS = new Set([
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'setStatusBarMessage',
  'showQuickPick',
  'showInputBox',
  'appendMarkdown',
  'appendText',
]);
const UI_CONSTRUCTORS = new Set(['TreeItem', 'MarkdownString']);
const UI_PROPERTIES = new Set([
  'label',
  'description',
  'detail',
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'tooltip',
  'message',
  'invocationMessage',
  'accessibilityLabel',
  'markdown',
  'validationMessage',
  'textContent',
  'innerText',
  'alt',
  'ariaLabel',
]);
/** HTML attributes a person reads or hears (a screen reader speaks aria-label and aria-description). */
const UI_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label']);
const UI_ATTRIBUTE_VALUES = /(?:^|\s)(?:title|aria-label|aria-description|placeholder|alt|label)\s*=\s*"([^"]*)"/g;
const TAG = /<[!/]?[a-zA-Z][^<>]*>/g;

const srcRoot = path.join(repoRoot, 'src');

function tsFiles(dir: string): string[] {
  if (dir.endsWith('.ts')) return [dir];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function parse(file: string, text = fs.readFileSync(file, 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/**
 * The calls whose first argument is a message of the bundle: t(…) from common/l10n.ts, and in src/api (which may not
 * import it) messageText(…) and describeError's translate(…) from api/messageText.ts.
 */
const TRANSLATE_CALLS = new Set(['t', 'messageText', 'translate']);

/** Files that pass a message on rather than write one: their translate calls take a variable. */
const MESSAGE_PLUMBING = [path.join('common', 'l10n.ts'), path.join('api', 'messageText.ts')];

/** A call of the translate function: t(…), messageText(…) or translate(…), or vscode.l10n.t(…). */
function isTranslateCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return TRANSLATE_CALLS.has(callee.text);
  return (
    ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /\bl10n$/.test(callee.expression.getText())
  );
}

interface Found {
  where: string;
  text: string;
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(repoRoot, file.fileName)}:${line + 1}`;
}

/** (b) Every message passed to t(); a t() whose message is not a literal is reported as such. */
function translateMessages(): { messages: Map<string, string>; notLiteral: string[] } {
  const messages = new Map<string, string>();
  const notLiteral: string[] = [];
  for (const file of tsFiles(srcRoot)) {
    const visit = (node: ts.Node): void => {
      if (isTranslateCall(node)) {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          if (!messages.has(first.text)) messages.set(first.text, where(node));
        } else if (
          !path.relative(srcRoot, file).startsWith('extension.ts') &&
          !MESSAGE_PLUMBING.some((name) => file.endsWith(name))
        ) {
          notLiteral.push(where(node));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return { messages, notLiteral };
}

const hasWords = (text: string): boolean => /[A-Za-z]{2}/.test(text.replace(/\$\([\w~-]+\)/g, ''));

const attributeText = (markup: string): string =>
  [...markup.matchAll(UI_ATTRIBUTE_VALUES)].map((match) => match[1]).join(' ');

/**
 * What a reader meets of a literal (template parts joined by \0): all of it when it is not markup; of HTML, the text
 * between tags and the UI_ATTRIBUTES values; of an attribute list (`data-action="…"`, or anything `inTag`, a part that
 * sits between `<button` and `>`), only those values.
 */
function readerText(text: string, inTag: boolean): string {
  if (inTag || /^\s*[\w-]+="[^"]*"(?:\s+[\w-]+(?:="[^"]*")?)*\s*$/.test(text)) return attributeText(text);
  if (!new RegExp(TAG.source).test(text)) return text;
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(TAG, (tag) => ` ${attributeText(tag)} `)
    .replace(/&#?\w+;/g, ' ');
}

function exempt(node: ts.Node): boolean {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  const lines = file.text.split('\n');
  return /l10n-exempt/.test(lines[line] ?? '') || /l10n-exempt/.test(lines[line - 1] ?? '');
}

/**
 * Text literals an expression produces as its value: through conditionals, `+`, `??`, `||`, `&&`, parentheses, arrays
 * and template parts, and the arguments t() fills in. Not what it only uses: call arguments, comparisons, object
 * literals (their user-facing properties are rule 2's), nested functions.
 */
function literalsIn(expression: ts.Node, found: Found[], inTag = false): void {
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (hasWords(readerText(node.text, inTag)) && !exempt(node)) found.push({ where: where(node), text: node.text });
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (hasWords(readerText(parts.join('\0'), inTag)) && !exempt(node))
        found.push({ where: where(node), text: node.getText() });
      // A substitution between `<tag` and `>` puts attributes there, not text.
      node.templateSpans.forEach((span, index) => {
        const before = parts.slice(0, index + 1).join('\0');
        literalsIn(span.expression, found, inTag || before.lastIndexOf('<') > before.lastIndexOf('>'));
      });
    } else if (isTranslateCall(node)) {
      node.arguments.slice(1).forEach(visit);
    } else if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      visit(node.expression);
    } else if (ts.isConditionalExpression(node)) {
      visit(node.whenTrue);
      visit(node.whenFalse);
    } else if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (
        op === ts.SyntaxKind.PlusToken ||
        op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.BarBarToken
      ) {
        visit(node.left);
        visit(node.right);
      } else if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        visit(node.right);
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach(visit);
    } else if (ts.isSpreadElement(node)) {
      visit(node.expression);
    }
  };
  visit(expression);
}

/** Rule 4: functions of this file (declarations and arrow functions held by a const) -> positions of their UI parameters. */
function localUiParameters(source: ts.SourceFile): Map<string, number[]> {
  const result = new Map<string, number[]>();
  const add = (name: string, parameters: ts.NodeArray<ts.ParameterDeclaration>) => {
    const positions = parameters.flatMap((p, i) =>
      ts.isIdentifier(p.name) && UI_PROPERTIES.has(p.name.text) ? [i] : [],
    );
    if (positions.length) result.set(name, positions);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name) add(node.name.text, node.parameters);
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    )
      add(node.name.text, node.initializer.parameters);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return result;
}

/** (c) The user-facing text literals of one file (`text`: its content, when not read from disk). */
function bypassingLiterals(file: string, text?: string): Found[] {
  const modelFacing = MODEL_FACING.some((name) => file.endsWith(name));
  const found: Found[] = [];
  const source = parse(file, text);
  const uiParameters = localUiParameters(source);
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && !isTranslateCall(node)) {
      const name = calleeName(node);
      const args = node.arguments ?? [];
      if (
        name &&
        ((ts.isCallExpression(node) && UI_CALLS.has(name)) || (ts.isNewExpression(node) && UI_CONSTRUCTORS.has(name)))
      ) {
        for (const arg of args) literalsIn(arg, found);
      }
      if (!modelFacing && ts.isIdentifier(node.expression)) {
        const positions = uiParameters.get(node.expression.text) ?? [];
        for (const position of positions) if (args[position]) literalsIn(args[position], found);
      }
      const [attribute, value] = node.arguments ?? [];
      if (
        name === 'setAttribute' &&
        attribute &&
        value &&
        ts.isStringLiteralLike(attribute) &&
        UI_ATTRIBUTES.has(attribute.text)
      )
        literalsIn(value, found);
    }
    if (!modelFacing && ts.isPropertyAssignment(node) && UI_PROPERTIES.has(node.name.getText()))
      literalsIn(node.initializer, found);
    if (
      !modelFacing &&
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      UI_PROPERTIES.has(node.left.name.text)
    ) {
      literalsIn(node.right, found);
    }
    if (!modelFacing && ts.isReturnStatement(node) && node.expression) literalsIn(node.expression, found);
    if (!modelFacing && ts.isArrowFunction(node) && !ts.isBlock(node.body)) literalsIn(node.body, found);
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A literal can be reached by two rules (a returned object's label): report it once.
  return found.filter((f, i) => found.findIndex((g) => g.where === f.where && g.text === f.text) === i);
}

/**
 * (b) Errors made with English text only: a `new TicketApiError({…})` anywhere in src whose `message` is (or holds) a
 * text literal, or is a variable passed in (`{ message }`), instead of `text: messageText('…')`. describeError shows
 * some kinds' own message to the user, and a message without its template can only be shown in English; one that is
 * only for the log is marked l10n-exempt with the reason.
 */
function untemplatedErrors(file: string, text?: string): Found[] {
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && calleeName(node) === 'TicketApiError') {
      const init = node.arguments?.[0];
      if (!init || !ts.isObjectLiteralExpression(init)) {
        if (!exempt(node)) found.push({ where: where(node), text: node.getText() });
      } else {
        for (const property of init.properties) {
          if (property.name?.getText() !== 'message' || exempt(property)) continue;
          if (ts.isShorthandPropertyAssignment(property))
            found.push({ where: where(property), text: property.getText() });
          else if (ts.isPropertyAssignment(property)) literalsIn(property.initializer, found);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file, text));
  return found;
}

/**
 * (b) Sentences that skip the translator: in a function of src/api that takes a `translate` parameter (describeError and
 * its helpers), a text literal it returns other than inside translate(…) / messageText(…). Such a sentence would stay
 * English whatever the language, and the bundle check would never see it.
 */
function untranslatedReturns(file: string, text?: string): Found[] {
  const found: Found[] = [];
  const takesTranslate = (node: ts.Node): boolean =>
    (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    node.parameters.some((parameter) => parameter.name.getText() === 'translate');
  const visit = (node: ts.Node, inside: boolean): void => {
    const here = inside || takesTranslate(node);
    if (here) {
      if (ts.isReturnStatement(node) && node.expression) literalsIn(node.expression, found);
      if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) literalsIn(node.body, found);
    }
    ts.forEachChild(node, (child) => visit(child, here));
  };
  visit(parse(file, text), false);
  return found.filter((f, i) => found.findIndex((g) => g.where === f.where && g.text === f.text) === i);
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

/** Every string value of the manifest that is a %key% reference. */
function manifestReferences(): string[] {
  const keys: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const key = NLS_REFERENCE.exec(value)?.[1];
      if (key) keys.push(key);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(rawManifest());
  return keys;
}

describe('translations: English and Simplified Chinese', () => {
  afterEach(() => resetL10n());

  it('(a) every %key% in package.json has its text in package.nls.json and every other language, and no text is orphaned', () => {
    const keys = manifestReferences();
    assert.ok(keys.length > 40, `only ${keys.length} %key% references: the manifest is not localized`);
    for (const language of [undefined, ...LANGUAGES]) {
      const strings = manifestStrings(language);
      const file = language ? `package.nls.${language}.json` : 'package.nls.json';
      for (const key of keys) assert.ok(strings[key]?.trim(), `%${key}% has no text in ${file}`);
      for (const key of Object.keys(strings))
        assert.ok(keys.includes(key), `${file} has "${key}", which package.json never uses`);
    }
  });

  it('(a) the manifest’s user-facing fields are references, not English text', () => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- package.json is untyped JSON */
    const manifest = rawManifest() as any;
    const contributes = manifest.contributes;
    const fields: Array<[string, unknown]> = [
      ['displayName', manifest.displayName],
      ['description', manifest.description],
      ...contributes.commands.flatMap((c: any) => [
        [`${c.command} title`, c.title],
        [`${c.command} category`, c.category],
      ]),
      ...[contributes.configuration].flat().map((c: any) => [`configuration ${c.id} title`, c.title]),
      ...Object.entries<any>(configurationProperties(manifest)).map(([k, p]) => [
        `${k} description`,
        p.markdownDescription ?? p.description,
      ]),
      ...contributes.viewsWelcome.map((w: any, i: number) => [`viewsWelcome[${i}]`, w.contents]),
      ...Object.values<any[]>(contributes.views)
        .flat()
        .map((v) => [`view ${v.id}`, v.name]),
      ...contributes.viewsContainers.activitybar.map((v: any) => [`container ${v.id}`, v.title]),
      ...contributes.languageModelTools.flatMap((tool: any) => [
        [`${tool.name} displayName`, tool.displayName],
        [`${tool.name} userDescription`, tool.userDescription],
      ]),
    ] as Array<[string, unknown]>;
    /* eslint-enable @typescript-eslint/no-explicit-any */
    for (const [field, value] of fields)
      assert.match(String(value), NLS_REFERENCE, `${field} is not a %key% reference`);
    // The model reads modelDescription: it stays one English text.
    for (const tool of contributes.languageModelTools) assert.doesNotMatch(tool.modelDescription, NLS_REFERENCE);
    assert.strictEqual(manifest.l10n, './l10n');
  });

  it('(a) the packaged extension carries the translations (.vscodeignore lets package.nls*.json and l10n/ in)', () => {
    const ignore = fs
      .readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    assert.ok(
      ignore.includes('!package.nls*.json'),
      '.vscodeignore leaves out package.nls*.json: the installed extension would show %keys%',
    );
    assert.ok(
      ignore.includes('!l10n/**'),
      '.vscodeignore leaves out l10n/: the installed extension would be English only',
    );
  });

  it('(a) a Chinese welcome view keeps the same command links as the English one', () => {
    const en = manifestStrings();
    for (const language of LANGUAGES) {
      const other = manifestStrings(language);
      for (const key of Object.keys(en)) {
        const targets = (text: string) => [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
        assert.deepStrictEqual(targets(other[key] ?? ''), targets(en[key]), `${key} in ${language}: links differ`);
        assert.deepStrictEqual(
          [...(other[key] ?? '').matchAll(/`[^`]+`/g)]
            .map((m) => m[0])
            .filter((code) => code.includes('aliyunTickets')),
          [...en[key].matchAll(/`[^`]+`/g)].map((m) => m[0]).filter((code) => code.includes('aliyunTickets')),
          `${key} in ${language}: setting names differ`,
        );
      }
    }
  });

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

  it('our English status and severity names are the API module’s (the emulator and the UI tests find groups by them)', () => {
    for (const value of Object.keys(STATUS_LABELS).map(Number) as StatusValue[])
      assert.strictEqual(statusLabel(value), STATUS_LABELS[value]);
    for (const value of Object.keys(SEVERITY_LABELS).map(Number) as SeverityValue[])
      assert.strictEqual(severityLabel(value), SEVERITY_LABELS[value]);
  });

  it('shows statuses, severities, ages, counts and button labels in Chinese under zh-cn, and in English by default', () => {
    const zh = bundle('zh-cn');
    const now = Date.UTC(2026, 10, 28, 12);
    const english = [
      statusText({ value: 3, label: '等待您反馈' }),
      severityText({ value: 2, label: '紧急问题' }),
      formatAge(now - 3 * 3600_000, now),
      formatRelativeTime(now - 3 * 24 * 3600_000, now),
      ticketCount(1),
      ticketCount(25),
      waitingText(2),
      errorActionLabel('signIn'),
      describeFilter({ statuses: ['wait_feedback', 'dealing'] }),
    ];
    // The server's label is not shown: it speaks the account's language, not the display language.
    assert.deepStrictEqual(english, [
      'Waiting for your feedback',
      'Urgent',
      '3h',
      '3 days ago',
      '1 ticket',
      '25 tickets',
      '2 tickets wait for you (your feedback or your confirmation).',
      'Sign In',
      'Waiting for your feedback, Processing',
    ]);
    setL10n((message, ...args) => formatMessage(zh[message] ?? message, ...args), 'zh-cn');
    assert.deepStrictEqual(
      [
        statusText({ value: 3, label: 'Waiting for your feedback' }),
        severityText({ value: 2, label: 'Urgent' }),
        formatAge(now - 3 * 3600_000, now),
        formatRelativeTime(now - 3 * 24 * 3600_000, now),
        ticketCount(1),
        ticketCount(25),
        waitingText(2),
        errorActionLabel('signIn'),
        describeFilter({ statuses: ['wait_feedback', 'dealing'] }),
      ],
      [
        '待您反馈',
        '紧急',
        '3小时',
        '3天前',
        '1 个工单',
        '25 个工单',
        '2 个工单在等您（等待您反馈或确认）。',
        '登录',
        '待您反馈、处理中',
      ],
    );
    assert.strictEqual(t('Completed'), '已完成');
  });
});
