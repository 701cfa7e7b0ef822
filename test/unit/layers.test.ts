// The layers of src/ and what may import what: CONTRIBUTING.md draws them and lists the rule in a table between
// <!-- layers:begin --> and <!-- layers:end -->; this test reads that table and every import of every src file, so
// the picture a newcomer reads first is the rule the code keeps.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

/** `src/x` or `src/x/file.ts` → what it may import (`src/...` layers and `vscode`), or '*' for everything. */
export function readLayerTable(markdown: string): Map<string, Set<string> | '*'> {
  const begin = markdown.indexOf('<!-- layers:begin -->');
  const end = markdown.indexOf('<!-- layers:end -->');
  assert.ok(begin >= 0 && end > begin, 'CONTRIBUTING.md has the layers table between its markers');
  const rules = new Map<string, Set<string> | '*'>();
  for (const line of markdown.slice(begin, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !cells[1].startsWith('`')) continue;
    const subject = cells[1].replace(/`/g, '');
    const allowed = cells[2];
    if (allowed === 'everything') rules.set(subject, '*');
    else if (allowed === 'nothing') rules.set(subject, new Set());
    else rules.set(subject, new Set(allowed.split(',').map((name) => name.trim().replace(/`/g, ''))));
  }
  return rules;
}

/** The layer a src file under `root` belongs to: `src/extension.ts` for the root files, else `src/<folder>`. */
function layerOf(root: string, file: string): string {
  const parts = path.relative(root, file).split(path.sep);
  return parts.length === 2 ? parts.join('/') : `${parts[0]}/${parts[1]}`;
}

function srcFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return srcFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: static and type imports, re-exports, import() and require(). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((ref) => ref.fileName);
}

/** What an import reaches, as a layer name (`src/api`, `vscode`), or undefined for a package outside both. */
function targetOf(root: string, file: string, spec: string): string | undefined {
  if (spec === 'vscode') return 'vscode';
  if (!spec.startsWith('.')) return undefined;
  const resolved = path.resolve(path.dirname(file), spec);
  if (path.relative(path.join(root, 'src'), resolved).startsWith('..')) return path.relative(root, resolved);
  const isFolder = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory();
  return layerOf(root, isFolder ? path.join(resolved, 'index.ts') : `${resolved}.ts`);
}

/** The violations of `rules` in `files`, one line each ("src/a/b.ts imports src/c (../c/d)"). */
export function layerViolations(rules: Map<string, Set<string> | '*'>, root: string, files: string[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const own = path.relative(root, file).split(path.sep).join('/');
    const layer = layerOf(root, file);
    const rule = rules.get(own) ?? rules.get(layer);
    if (rule === undefined) {
      violations.push(`${own}: CONTRIBUTING.md's layers table has no row for ${layer}`);
      continue;
    }
    if (rule === '*') continue;
    for (const spec of importsOf(file)) {
      const target = targetOf(root, file, spec);
      if (target === undefined || target === layer || rule.has(target)) continue;
      violations.push(`${own} imports ${target} ('${spec}')`);
    }
  }
  return violations;
}

/**
 * Imports the table forbids that are still there, each with who removes it. An entry that is no longer needed fails
 * too, so this list only shrinks.
 */
const KNOWN_VIOLATIONS: readonly string[] = [
  // issue 21 (inbox): the local copy's files and setting belong in a feature folder (or the shared-file code in tickets).
  "src/tickets/accountFiles.ts imports src/features ('../features/watcher/sharedFiles')",
  "src/tickets/localCopySetting.ts imports src/settings ('../settings/configuration')",
];

describe('layers (CONTRIBUTING.md: what may import what)', () => {
  const rules = readLayerTable(fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8'));

  it('every src file keeps the layers table, but for the known imports being removed', () => {
    const violations = layerViolations(rules, ROOT, srcFiles(SRC));
    assert.deepStrictEqual(
      violations.filter((v) => !KNOWN_VIOLATIONS.includes(v)),
      [],
      'imports the layers table in CONTRIBUTING.md does not allow (change the code, or the picture and the table)',
    );
    assert.deepStrictEqual(
      KNOWN_VIOLATIONS.filter((v) => !violations.includes(v)),
      [],
      'known violations that are gone: remove them from KNOWN_VIOLATIONS',
    );
  });

  it('the table holds the rules the picture states', () => {
    const api = rules.get('src/api');
    assert.ok(api !== '*' && api !== undefined && api.size === 0, 'src/api imports nothing of ours and no vscode');
    for (const pure of ['src/tickets', 'src/common']) {
      const rule = rules.get(pure);
      assert.ok(rule !== '*' && rule !== undefined && !rule.has('vscode'), `${pure} imports no vscode`);
    }
    const auth = rules.get('src/auth');
    const features = rules.get('src/features');
    assert.ok(
      auth !== '*' && auth !== undefined && !auth.has('src/features'),
      'src/auth imports nothing of src/features',
    );
    assert.ok(
      features !== '*' && features !== undefined && !features.has('src/auth'),
      'src/features nothing of src/auth',
    );
  });

  it('catches a forbidden import, a type import and a require (the checker can fail)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-test-'));
    try {
      const file = path.join(root, 'src', 'api', 'probe.ts');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        [
          "import * as vscode from 'vscode';",
          "import type { Account } from '../auth/accounts/accounts';",
          "const labels = require('../features/explorer/labels');",
          "import { signV3 } from './sign';",
          "import { request } from 'undici';",
        ].join('\n'),
      );
      assert.deepStrictEqual(layerViolations(rules, root, [file]), [
        "src/api/probe.ts imports vscode ('vscode')",
        "src/api/probe.ts imports src/auth ('../auth/accounts/accounts')",
        "src/api/probe.ts imports src/features ('../features/explorer/labels')",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
