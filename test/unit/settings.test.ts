// package.json's contributed settings against src/settings/settings.ts, the one place src names them: a setting added to
// one and not the other, a default or scope that differs, or a setting id spelled out elsewhere in src fails here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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

  it('no other file in src spells out a setting id (they pass a typed name to common/configuration.ts)', () => {
    const ids = new Set(SETTING_NAMES.map(settingId));
    const found: string[] = [];
    for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
      const relative = path.relative(repoRoot, file);
      // commands.ts: the title-bar command "aliyunTickets.explorer.groupByStatus" shares the setting's id.
      const skip = [path.join('src', 'common', 'commands.ts'), path.join('src', 'settings', 'settings.ts')];
      if (skip.includes(relative)) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/['"`]([\w.]+)['"`]/g)) {
        if (ids.has(match[1]) || match[1] === SETTINGS_SECTION) found.push(`${relative}: ${match[0]}`);
      }
    }
    assert.deepStrictEqual(found, []);
  });
});
