// Who may import whom in src: a table of forbidden edges between folders, checked over every import, export-from and
// require() in the TypeScript sources (type-only imports included: a type import is still a dependency of the design).
// src/auth owns who is signed in and hands features what they need (common/accountScope.ts); features never reach
// into src/auth, and src/auth knows nothing of any feature.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SRC = path.join(ROOT, 'src');

/** [importing folder, imported folder, why]: paths relative to src. */
const FORBIDDEN: ReadonlyArray<readonly [string, string, string]> = [
  ['auth', 'features', 'src/auth knows nothing of the features; they subscribe to what it offers'],
  ['features', 'auth', 'features are handed what they need (common/accountScope.ts), never src/auth itself'],
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative module a file names: import / export ... from, import(), require(). */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found.filter((specifier) => specifier.startsWith('.'));
}

function topFolder(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

describe('layers: what may import what in src', () => {
  it('finds imports of every form (the checker itself)', () => {
    const text = [
      "import type { A } from '../features/x';",
      "import { B,\n  C } from './y';",
      "export { D } from '../auth/z';",
      "const e = require('../features/w') as typeof import('../features/v');",
      "import 'vscode';",
    ].join('\n');
    assert.deepStrictEqual(importsOf(text).sort(), [
      '../auth/z',
      '../features/v',
      '../features/w',
      '../features/x',
      './y',
    ]);
  });

  for (const [from, to, why] of FORBIDDEN) {
    it(`src/${from} imports nothing from src/${to}`, () => {
      const offending: string[] = [];
      for (const file of sources(path.join(SRC, from))) {
        for (const specifier of importsOf(fs.readFileSync(file, 'utf8'))) {
          const target = path.resolve(path.dirname(file), specifier);
          if (path.relative(SRC, target).split(path.sep)[0] === to)
            offending.push(`${path.relative(ROOT, file)} imports ${specifier}`);
        }
      }
      assert.ok(sources(path.join(SRC, from)).every((f) => topFolder(f) === from));
      assert.deepStrictEqual(offending, [], why);
    });
  }
});
