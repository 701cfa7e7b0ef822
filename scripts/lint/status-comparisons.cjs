// ESLint rule `house/status-comparisons`: what a ticket status means is decided in src/tickets/status.ts (and the wire
// mapping in src/api); everywhere else asks its predicates (isFinished, needsYou, ...). This rule finds a status
// compared, switched on or listed by value outside those places (eslint.config.mjs scopes it), on the TypeScript AST
// with types: an expression typed StatusValue / StatusName (or named `status`), against a status number, a status name
// ('wait_feedback') or one of status.ts's constants. Comparing two statuses with each other (did it change?) is fine.
// findStatusComparisons is the rule without ESLint, so test/unit/house/statusComparisons.test.ts can plant violations.
'use strict';

const ts = require('typescript');

/** The API's status names (src/api/types.ts, STATUS_NAMES): a string literal naming one is a status value. */
const STATUS_NAMES = new Set(['assigned', 'dealing', 'wait_feedback', 'feedback', 'wait_confirm', 'confirmed']);
const STATUS_NUMBERS = new Set([1, 2, 3, 4, 5, 6]);
const STATUS_TYPE_NAMES = new Set(['StatusValue', 'StatusName']);
/** Tables keyed by status value; indexing one with a literal names a status by number. */
const STATUS_TABLE = /^STATUS_[A-Z_]+$/;
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);
const MEMBERSHIP = new Set(['includes', 'has', 'indexOf']);

function unwrap(node) {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

/** The last name of an expression: `status` of `ticket.status`, `status` of `t.status.value`. */
function lastName(node) {
  node = unwrap(node);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    if (node.name.text === 'value') return lastName(node.expression);
    return node.name.text;
  }
  return undefined;
}

/** `status`, `newStatus`, `previousStatus`, `statusValue`: not `httpStatus` or `statusCode` (HTTP's). */
function isStatusName(name) {
  if (name === undefined || /^http/i.test(name)) return false;
  return /^status(Value)?$/i.test(name) || /[a-z]Status$/.test(name);
}

/** Where a symbol is declared, following an import to what it imports. */
function declarationFile(checker, node) {
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol && symbol.declarations && symbol.declarations[0];
  return declaration ? declaration.getSourceFile().fileName.split('\\').join('/') : undefined;
}

function literalMembers(type) {
  return type.isUnion() ? type.types : [type];
}

/** A type that holds statuses: StatusValue, StatusName, or a union of status names (undefined and null aside). */
function isStatusType(type) {
  if (type.aliasSymbol && STATUS_TYPE_NAMES.has(type.aliasSymbol.name)) return true;
  const members = literalMembers(type).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  if (members.length === 0) return false;
  if (members.some((t) => t.aliasSymbol && STATUS_TYPE_NAMES.has(t.aliasSymbol.name))) return true;
  const strings = members.every((t) => t.isStringLiteral() && STATUS_NAMES.has(t.value));
  const numbers = members.every((t) => t.isNumberLiteral() && STATUS_NUMBERS.has(t.value));
  // Six number literals 1..6 are StatusValue spelled out; fewer could be any small enum (SeverityValue is 1 | 2).
  return strings || (numbers && members.length === STATUS_NUMBERS.size);
}

/** Whether an expression's type holds statuses, as declared (before `if (s === 3) return` narrows it) or here. */
function typedStatus(checker, node) {
  node = unwrap(node);
  if (isStatusType(checker.getTypeAtLocation(node))) return true;
  const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
  return symbol !== undefined && symbol.valueDeclaration !== undefined && isStatusType(checker.getTypeOfSymbol(symbol));
}

/** An expression that holds a status: by its type, or (for a plain `number` or `string`) by its name. */
function holdsStatus(checker, node) {
  return typedStatus(checker, node) || isStatusName(lastName(node));
}

/** A status written as a value: a literal 1..6, a status name, or a constant status.ts exports (WAITING_FOR_YOU). */
function statusLiteral(checker, node, strict) {
  node = unwrap(node);
  if (ts.isNumericLiteral(node)) return !strict || STATUS_NUMBERS.has(Number(node.text));
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return STATUS_NAMES.has(node.text);
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) return !strict;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const file = declarationFile(checker, ts.isIdentifier(node) ? node : node.name);
    return file !== undefined && file.endsWith('/tickets/status.ts') && /^[A-Z][A-Z_]*$/.test(lastName(node) ?? '');
  }
  return false;
}

/** A string literal that is a status's API name ('wait_feedback'): whatever it is compared with holds a status. */
function statusNameText(node) {
  node = unwrap(node);
  return (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && STATUS_NAMES.has(node.text);
}

/** A literal list of statuses: `[1, 2, 4]`, `new Set([PENDING, PROCESSING])`, or a name bound to one in this file. */
function statusList(checker, node) {
  node = unwrap(node);
  if (ts.isIdentifier(node)) {
    let symbol = checker.getSymbolAtLocation(node);
    const declaration = symbol && symbol.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    if (declaration.getSourceFile() !== node.getSourceFile()) return false;
    return statusList(checker, declaration.initializer);
  }
  if (ts.isNewExpression(node) && node.arguments && node.arguments.length === 1)
    return statusList(checker, node.arguments[0]);
  return (
    ts.isArrayLiteralExpression(node) &&
    node.elements.length > 0 &&
    node.elements.every((element) => statusLiteral(checker, element, true))
  );
}

/**
 * The places in `sourceFile` that compare, switch on or list statuses by value, each as { start, end, message }.
 * `checker` is the type checker of a program holding the file.
 */
function findStatusComparisons(sourceFile, checker) {
  const found = [];
  const report = (node, message) => found.push({ start: node.getStart(sourceFile), end: node.getEnd(), message });
  const visit = (node) => {
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) {
      for (const [held, other] of [
        [node.left, node.right],
        [node.right, node.left],
      ]) {
        const byType = typedStatus(checker, held);
        if (
          ((byType || isStatusName(lastName(held))) && statusLiteral(checker, other, !byType)) ||
          statusNameText(other)
        ) {
          report(node, `compares a status with ${other.getText(sourceFile)}`);
          break;
        }
      }
    } else if (ts.isSwitchStatement(node)) {
      const held = holdsStatus(checker, node.expression);
      for (const clause of node.caseBlock.clauses) {
        if (!ts.isCaseClause(clause)) continue;
        if ((held && statusLiteral(checker, clause.expression, true)) || statusNameText(clause.expression)) {
          report(clause.expression, `switches on a status, case ${clause.expression.getText(sourceFile)}`);
        }
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      MEMBERSHIP.has(node.expression.name.text) &&
      node.arguments.length >= 1 &&
      holdsStatus(checker, node.arguments[0]) &&
      statusList(checker, node.expression.expression)
    ) {
      report(node, `looks a status up in a list of its own (${node.expression.expression.getText(sourceFile)})`);
    } else if (
      ts.isElementAccessExpression(node) &&
      STATUS_TABLE.test(lastName(node.expression) ?? '') &&
      statusLiteral(checker, node.argumentExpression, true)
    ) {
      report(node, `names a status by its value (${node.getText(sourceFile)})`);
    } else if (ts.isArrayLiteralExpression(node) && node.elements.length > 0) {
      const contextual = checker.getContextualType(node);
      const element = contextual && checker.getIndexTypeOfType(contextual, ts.IndexKind.Number);
      if (element && isStatusType(element) && node.elements.every((e) => statusLiteral(checker, e, true))) {
        report(node, `lists statuses by value (${node.getText(sourceFile)})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const HINT =
  'decide what a status means in src/tickets/status.ts (a predicate such as needsYou, isFinished, or a named set) and call it here';

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Status values are compared only in src/tickets/status.ts and src/api' },
    schema: [],
    messages: { status: '{{what}}: {{hint}}.' },
  },
  create(context) {
    return {
      Program(program) {
        const services = context.sourceCode.parserServices;
        if (!services || !services.program) throw new Error('house/status-comparisons needs type information');
        const sourceFile = services.esTreeNodeToTSNodeMap.get(program);
        for (const problem of findStatusComparisons(sourceFile, services.program.getTypeChecker())) {
          context.report({
            loc: {
              start: context.sourceCode.getLocFromIndex(problem.start),
              end: context.sourceCode.getLocFromIndex(problem.end),
            },
            messageId: 'status',
            data: { what: problem.message, hint: HINT },
          });
        }
      },
    };
  },
};

module.exports = { rule, findStatusComparisons };
