// The source checks behind the translation tests (l10n.test.ts, l10nSource.test.ts), read from src/ with the
// TypeScript parser:
// (b) each t('…') message in src/ has its entry in l10n/bundle.l10n.zh-cn.json, with the same {n} placeholders; so
//     has each template of the API layer's error sentences (messageText('…') and describeError's translate('…'));
// (c) in the COVERED folders, no Latin-letter text literal reaches a user-facing place without t() (rules below).
// Also a tool: `node out/test/unit/common/l10nCheck.js` (after npm run compile) lists what the checks find in src/.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { NLS_REFERENCE, rawManifest, repoRoot } from '../manifest';

/** The languages besides English (the source text) that every string must have. */
export const LANGUAGES = ['zh-cn'];

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

export const COVERED = tsFiles(path.join(repoRoot, 'src'))
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

export const srcRoot = path.join(repoRoot, 'src');

export function tsFiles(dir: string): string[] {
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
export function translateMessages(): { messages: Map<string, string>; notLiteral: string[] } {
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
export function bypassingLiterals(file: string, text?: string): Found[] {
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
export function untemplatedErrors(file: string, text?: string): Found[] {
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
export function untranslatedReturns(file: string, text?: string): Found[] {
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

export const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

/** Every string value of the manifest that is a %key% reference. */
export function manifestReferences(): string[] {
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

/** Every finding of the source checks over src/, one line each. */
export function sourceFindings(): string[] {
  const files = tsFiles(srcRoot);
  const covered = COVERED.flatMap((file) => tsFiles(path.join(repoRoot, file)));
  return [
    ...translateMessages().notLiteral.map((at) => `${at}: t() needs its message as a string literal`),
    ...files.flatMap((file) => untemplatedErrors(file)).map((f) => `${f.where}: error without a template: ${f.text}`),
    ...tsFiles(path.join(srcRoot, 'api'))
      .flatMap((file) => untranslatedReturns(file))
      .map((f) => `${f.where}: sentence not given to translate(): ${f.text}`),
    ...covered.flatMap((file) => bypassingLiterals(file)).map((f) => `${f.where}: text without t(): ${f.text}`),
  ];
}

if (require.main === module) {
  const findings = sourceFindings();
  for (const line of findings) console.log(line);
  console.log(findings.length ? `${findings.length} finding(s)` : 'no findings');
  process.exitCode = findings.length ? 1 : 0;
}
