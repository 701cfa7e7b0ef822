// package.json's contributed settings against src/settings/settings.ts, the one place src names them: a setting added to
// one and not the other, a default or scope that differs, or a setting id spelled out elsewhere in src fails here
// (issue 19: each setting key is written once in src; the rest of src passes a typed SettingName).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { SETTING_NAMES, SETTINGS, settingId, SETTINGS_SECTION } from '../../src/settings/settings';
import { repoRoot, rawManifest } from './manifest';

interface ContributedSetting {
  type: string;
  default: unknown;
  scope?: string;
}

type Section = { properties: Record<string, ContributedSetting> };
// package.json may contribute one configuration section or several (one per area in the Settings editor).
const configuration = (rawManifest() as { contributes: { configuration: Section | Section[] } }).contributes
  .configuration;
const contributed: Record<string, ContributedSetting> = Object.assign(
  {},
  ...(Array.isArray(configuration) ? configuration : [configuration]).map((section) => section.properties),
);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The one file that spells the setting ids (SETTINGS_SECTION and settingId), and the one that hands them to VS Code. */
const SETTINGS_FILE = 'src/settings/settings.ts';
const CONFIGURATION_FILE = 'src/settings/configuration.ts';
/** Ids that are the same string as a setting's but name something else: the title-bar command that flips the setting. */
const OTHER_THINGS: Record<string, string[]> = { 'src/common/commands.ts': ['aliyunTickets.explorer.groupByStatus'] };

/**
 * Where a src file (path relative to the repository, text) spells out one of our settings outside settings.ts: a string
 * or template part that is a setting id, the section, or a prefix to build one with ('aliyunTickets.explorer.'), and a
 * getConfiguration() outside configuration.ts that is not of a section of VS Code's own ('http', 'search').
 */
export function settingKeysSpelledOut(files: ReadonlyArray<{ file: string; text: string }>): string[] {
  const ids = SETTING_NAMES.map(settingId);
  const isOurs = (text: string): boolean =>
    text === SETTINGS_SECTION || ids.includes(text) || (text.endsWith('.') && ids.some((id) => id.startsWith(text)));
  const found: string[] = [];
  for (const { file, text } of files) {
    if (file === SETTINGS_FILE) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const where = (node: ts.Node): string =>
      `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (
        ts.isStringLiteralLike(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)
      ) {
        if (isOurs(node.text) && !OTHER_THINGS[file]?.includes(node.text)) found.push(`${where(node)}: '${node.text}'`);
      }
      if (
        file !== CONFIGURATION_FILE &&
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'getConfiguration'
      ) {
        const section = node.arguments[0];
        if (!section || !ts.isStringLiteralLike(section) || section.text.startsWith(SETTINGS_SECTION)) {
          found.push(`${where(node)}: reads settings past configuration.ts (${node.getText(source)})`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('settings: src/settings/settings.ts and package.json', () => {
  it('contribute the same settings', () => {
    assert.deepStrictEqual(Object.keys(contributed).sort(), SETTING_NAMES.map(settingId).sort());
  });

  it('agree on each setting’s default, type and scope (VS Code’s default scope is window)', () => {
    for (const name of SETTING_NAMES) {
      const manifest = contributed[settingId(name)];
      const spec = SETTINGS[name];
      assert.deepStrictEqual(manifest.default, spec.default, `${name}: default`);
      const type = typeof spec.default === 'number' ? ['number', 'integer'] : [typeof spec.default];
      assert.ok(type.includes(manifest.type), `${name}: package.json says ${manifest.type}, settings.ts a ${type[0]}`);
      assert.strictEqual(manifest.scope ?? 'window', spec.scope, `${name}: scope`);
    }
  });

  it('no other file in src spells out a setting id (they pass a typed name to settings/configuration.ts)', () => {
    const files = sourceFiles(path.join(repoRoot, 'src')).map((full) => ({
      file: path.relative(repoRoot, full).split(path.sep).join('/'),
      text: fs.readFileSync(full, 'utf8'),
    }));
    assert.ok(files.some((f) => f.file === SETTINGS_FILE) && files.length > 50, 'reads every file of src');
    assert.deepStrictEqual(settingKeysSpelledOut(files), []);
  });

  it('the check finds a setting id written twice, a section, a prefix to build one and a second reader', () => {
    const text = [
      "const a = 'aliyunTickets.endpoint';",
      'const b = `aliyunTickets.$' + '{name}`;', // a template literal in the probe's text
      "vscode.workspace.getConfiguration('aliyunTickets').get('watcher.enabled');",
      "vscode.workspace.getConfiguration().get('x');",
      "const c = 'aliyunTickets.explorer.' + 'pageSize';",
      "const ok = ['aliyunTickets.explorer', 'aliyunTickets.openTicket', 'endpoint', 'aliyunTickets.explorerx'];",
      "vscode.workspace.getConfiguration('http').get('proxy');",
    ].join('\n');
    assert.deepStrictEqual(settingKeysSpelledOut([{ file: 'src/features/x/probe.ts', text }]), [
      "src/features/x/probe.ts:1: 'aliyunTickets.endpoint'",
      "src/features/x/probe.ts:2: 'aliyunTickets.'",
      "src/features/x/probe.ts:3: reads settings past configuration.ts (vscode.workspace.getConfiguration('aliyunTickets'))",
      "src/features/x/probe.ts:3: 'aliyunTickets'",
      'src/features/x/probe.ts:4: reads settings past configuration.ts (vscode.workspace.getConfiguration())',
      "src/features/x/probe.ts:5: 'aliyunTickets.explorer.'",
    ]);
    // The command that shares a setting's id is allowed where commands are named, and only there.
    const command = "export const C = { explorerGroupByStatus: 'aliyunTickets.explorer.groupByStatus' };";
    assert.deepStrictEqual(settingKeysSpelledOut([{ file: 'src/common/commands.ts', text: command }]), []);
    assert.deepStrictEqual(settingKeysSpelledOut([{ file: 'src/features/x/c.ts', text: command }]), [
      "src/features/x/c.ts:1: 'aliyunTickets.explorer.groupByStatus'",
    ]);
  });
});
