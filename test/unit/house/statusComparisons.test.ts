// Status values are compared only in src/tickets/status.ts and src/api (issue 19): the ESLint rule
// house/status-comparisons (scripts/lint/status-comparisons.cjs) keeps it on every `npm run lint`. Here it meets planted
// violations of each shape it must catch, the look-alikes it must leave alone, and eslint.config.mjs's scope.
import * as assert from 'assert';
import * as path from 'path';
import * as ts from 'typescript';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '../../../..');

interface Problem {
  start: number;
  end: number;
  message: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module ESLint's config loads too
const { findStatusComparisons } = require(path.join(ROOT, 'scripts/lint/status-comparisons.cjs')) as {
  findStatusComparisons: (sourceFile: ts.SourceFile, checker: ts.TypeChecker) => Problem[];
};

/** The stand-ins of the real modules a probe imports: the API's status types and status.ts's constants. */
const FILES: Record<string, string> = {
  '/p/src/api/types.ts': [
    'export type StatusValue = 1 | 2 | 3 | 4 | 5 | 6;',
    "export type StatusName = 'assigned' | 'dealing' | 'wait_feedback' | 'feedback' | 'wait_confirm' | 'confirmed';",
    'export type SeverityValue = 1 | 2;',
    'export declare const STATUS_NAMES: Record<StatusValue, StatusName>;',
    'export interface Ticket { status: { value: StatusValue; label: string }; severity: SeverityValue }',
  ].join('\n'),
  '/p/src/tickets/status.ts': [
    "import type { StatusValue } from '../api/types';",
    'export const WAITING_FOR_YOU = 3 satisfies StatusValue;',
    'export declare function isFinished(value: number | undefined): boolean;',
  ].join('\n'),
};

/** TypeScript's own lib files, parsed once for all probes. */
const libraries = new Map<string, ts.SourceFile | undefined>();

/** The lines of `body` (a function of t: Ticket, s: StatusValue, n: { status: number }, x: string) the rule flags. */
function flaggedLines(body: string[]): string[] {
  const probe = '/p/src/features/probe.ts';
  const text = [
    "import { STATUS_NAMES, type StatusValue, type StatusName, type Ticket } from '../api/types';",
    "import { WAITING_FOR_YOU, isFinished } from '../tickets/status';",
    'export function probe(t: Ticket, s: StatusValue, n: { status: number }, x: string, names: StatusName[]): unknown {',
    ...body,
    '}',
  ].join('\n');
  const files: Record<string, string> = { ...FILES, [probe]: text };
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    lib: ['lib.es2022.d.ts'],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    if (files[name] !== undefined) return ts.createSourceFile(name, files[name], version, true);
    if (!libraries.has(name)) libraries.set(name, getSourceFile(name, version));
    return libraries.get(name);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files[name] !== undefined || fileExists(name);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => name === '/p' || name.startsWith('/p/') || directoryExists?.(name) !== false;
  const program = ts.createProgram([probe], options, host);
  const sourceFile = program.getSourceFile(probe);
  assert.ok(sourceFile);
  // The probe compiles, so what the rule sees is what the real checker sees (an unresolved import would be `any`).
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  assert.deepStrictEqual(errors, []);
  return findStatusComparisons(sourceFile, program.getTypeChecker()).map((p) => {
    const line = sourceFile.getLineAndCharacterOfPosition(p.start).line;
    return text.split('\n')[line].trim();
  });
}

describe('house rule: status values are compared only in src/tickets/status.ts and src/api', () => {
  it('flags a status compared with a number, a status name or a status.ts constant', () => {
    const violations = [
      'if (t.status.value === 3) return 1;',
      'if (s <= 6) return 2;',
      'if (n.status !== 5) return 3;',
      "if (x === 'confirmed') return 4;",
      'if (s === WAITING_FOR_YOU) return 5;',
      'if (t.status.value > 0) return 6;',
    ];
    assert.deepStrictEqual(flaggedLines(violations), violations);
  });

  it('flags a switch on a status, a list of its own and a status named by its number', () => {
    const violations = [
      'switch (s) { case 3: return 1; default: return 0; }',
      'const open: StatusValue[] = [1, 2, 4];',
      'if ([1, 2, 4].includes(n.status)) return 2;',
      'const mine = new Set([WAITING_FOR_YOU]); if (mine.has(s)) return 3;',
      'return STATUS_NAMES[6];',
    ];
    // The Set line is flagged once, where the status is looked up in it.
    assert.deepStrictEqual(flaggedLines(violations), violations);
  });

  it('leaves alone a predicate call, two statuses compared, look-alike names and other small enums', () => {
    const fine = [
      'if (isFinished(t.status.value)) return 1;',
      'if (n.status === s) return 2;',
      'const httpStatus = 404; if (httpStatus > 400) return 3;',
      "const settled = { status: 'rejected' as string }; if (settled.status === 'rejected') return 4;",
      'if (t.severity === 2) return 5;',
      'const stars = [5, 4, 3, 2, 1]; if (stars.includes(x.length)) return 6;',
      "if (names.includes(x as StatusName) || x === 'any') return 7;",
      'return STATUS_NAMES[s];',
    ];
    assert.deepStrictEqual(flaggedLines(fine), []);
  });

  it('eslint.config.mjs turns it on in src but for status.ts and src/api', async function () {
    this.timeout(60_000);
    const eslint = new ESLint({ cwd: ROOT });
    const level = async (file: string): Promise<unknown> =>
      ((await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> }).rules?.[
        'house/status-comparisons'
      ];
    for (const file of ['src/features/watcher/watcher.ts', 'src/tickets/ticketService.ts', 'src/extension.ts']) {
      assert.deepStrictEqual(await level(file), [2], file);
    }
    for (const file of ['src/tickets/status.ts', 'src/api/types.ts', 'src/api/network/options.ts']) {
      assert.strictEqual(await level(file), undefined, file);
    }
  });
});
