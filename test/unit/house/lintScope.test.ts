// What `npm run lint` (eslint.config.mjs) covers, from the rules the house keeps (issue 19): every script and benchmark
// (.mjs, .cjs, .js under scripts/ and bench/) is linted, and src/auth and src/features import nothing of each other, as
// CONTRIBUTING.md's layers say. The import rule meets planted imports through ESLint itself, with the options the
// config gives each folder.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESLint, Linter } from 'eslint';
import * as tseslint from 'typescript-eslint';

const ROOT = path.join(__dirname, '../../../..');

function scriptsUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : scriptsUnder(relative);
    return /\.(?:mjs|cjs|js)$/.test(entry.name) ? [relative] : [];
  });
}

type Rules = Record<string, unknown>;

describe('house rule: what ESLint covers', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: ROOT });
  const rulesFor = async (file: string): Promise<Rules> =>
    ((await eslint.calculateConfigForFile(file)) as { rules?: Rules }).rules ?? {};

  it('lints every .mjs, .cjs and .js of scripts/ and bench/ as Node code, with the recommended rules', async () => {
    const files = [...scriptsUnder('scripts'), ...scriptsUnder('bench')];
    assert.ok(files.length > 20, `found ${files.length} scripts`);
    const unlinted: string[] = [];
    for (const file of files) {
      const rules = await rulesFor(file);
      const on = (name: string): boolean => Array.isArray(rules[name]) && (rules[name] as unknown[])[0] === 2;
      if (
        (await eslint.isPathIgnored(file)) ||
        !on('no-undef') ||
        !on('eqeqeq') ||
        !on('@typescript-eslint/no-unused-vars')
      )
        unlinted.push(file);
    }
    assert.deepStrictEqual(unlinted, []);
    // The check can fail: a path the config ignores reads as ignored.
    assert.ok(await eslint.isPathIgnored('dist/extension.js'));
  });

  /** What ESLint says of `text` at `file`, with the import rule's options the config gives that file. */
  async function importProblems(file: string, text: string): Promise<string[]> {
    const rule = (await rulesFor(file))['@typescript-eslint/no-restricted-imports'];
    assert.ok(Array.isArray(rule), `${file}: the import rule is on`);
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { '@typescript-eslint': tseslint.plugin as unknown as ESLint.Plugin },
        rules: { '@typescript-eslint/no-restricted-imports': rule as Linter.RuleEntry },
      },
    ];
    return new Linter({ configType: 'flat' }).verify(text, config, { filename: path.join(ROOT, file) }).map((m) => {
      assert.strictEqual(m.ruleId, '@typescript-eslint/no-restricted-imports', m.message);
      return `${m.line}`;
    });
  }

  it('src/auth imports nothing of src/features, not even a type, and src/features nothing of src/auth', async () => {
    const authFile = 'src/auth/accounts/probe.ts';
    const fromAuth = [
      "import { EXPLORER_VIEW_ID } from '../../features/explorer/explorerView';",
      "import type { WatcherDeps } from '../../features/watcher/register';",
      "export { x } from '../../features';",
      "import { TicketService } from '../../tickets/ticketService';",
      "import { session } from '../session';",
    ].join('\n');
    assert.deepStrictEqual(await importProblems(authFile, fromAuth), ['1', '2', '3']);
    const featuresFile = 'src/features/watcher/probe.ts';
    const fromFeatures = [
      "import type { Account } from '../../auth/accounts/accounts';",
      "import { TicketService } from '../../tickets/ticketService';",
      "import { signIn } from '../../auth/signIn';",
      "import { labels } from '../explorer/labels';",
    ].join('\n');
    assert.deepStrictEqual(await importProblems(featuresFile, fromFeatures), ['1', '3']);
  });

  it('keeps the lazy seam in src/auth and src/features too (their import rule adds to it, not replaces it)', async () => {
    const text = "import { loadFeatures } from '../lazy/load';";
    assert.deepStrictEqual(await importProblems('src/auth/probe.ts', text), ['1']);
    assert.deepStrictEqual(await importProblems('src/features/probe.ts', "import { x } from '../../lazy/load';"), [
      '1',
    ]);
  });

  it('lets only the composition root add to context.subscriptions: a feature returns its disposables', async () => {
    const text = [
      'export function register(context: { subscriptions: { push(x: unknown): void } }) {',
      '  context.subscriptions.push(1);',
      '  const { subscriptions } = context;',
      '}',
      'class Owner { private readonly subscriptions: unknown[] = []; add() { this.subscriptions.push(2); } }',
    ].join('\n');
    const problems = async (file: string): Promise<string[]> => {
      const rule = (await rulesFor(file))['no-restricted-syntax'];
      if (!Array.isArray(rule)) return [];
      const config: Linter.Config[] = [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser as Linter.Parser },
          rules: { 'no-restricted-syntax': rule as Linter.RuleEntry },
        },
      ];
      const found = new Linter({ configType: 'flat' }).verify(text, config, { filename: path.join(ROOT, file) });
      return found.filter((m) => /composition root/.test(m.message)).map((m) => `${m.line}`);
    };
    // A class's own list named subscriptions is its business; a destructured read is not a push, so it passes too.
    assert.deepStrictEqual(await problems('src/features/explorer/probe.ts'), ['2']);
    assert.deepStrictEqual(await problems('src/auth/probe.ts'), ['2']);
    assert.deepStrictEqual(await problems('src/window.ts'), []);
    assert.deepStrictEqual(await problems('src/extension.ts'), []);
  });
});
