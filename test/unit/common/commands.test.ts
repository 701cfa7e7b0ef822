// package.json's `contributes` against src/common/commands.ts and the source: a command in a menu that nobody
// registers, a registered command missing from package.json, or a `when` clause reading a context key nobody sets
// fails here instead of as a dead button in VS Code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltinCommands, Commands, ContextKeys, INTERNAL_COMMANDS, WebviewTypes } from '../../../src/common/commands';

import { repoRoot as root, resolvedManifest } from '../manifest';

const manifest = resolvedManifest();
const contributes = manifest.contributes;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
const sources = sourceFiles(path.join(root, 'src')).map((file) => ({
  file: path.relative(root, file),
  text: fs.readFileSync(file, 'utf8'),
}));

/** Commands.x names passed to registerCommand anywhere in src/. */
function registeredCommandIds(): string[] {
  const ids: string[] = [];
  for (const { file, text } of sources) {
    // Activation's stand-ins (src/lazy/declarations.ts) register every Commands id until the window registers the
    // real command; the bundles test checks them. The real registrations are the ones counted here.
    if (file === path.join('src', 'lazy', 'declarations.ts')) continue;
    for (const match of text.matchAll(/registerCommand\(\s*([^,)]+)/g)) {
      const arg = match[1].trim();
      const named = /^Commands\.(\w+)$/.exec(arg);
      // Anything else (a string literal, a local constant) would escape this test.
      assert.ok(named, `registerCommand(${arg}) must name its id as Commands.<name>`);
      const id = (Commands as Record<string, string>)[named[1]];
      assert.ok(id, `Commands.${named[1]} is not defined`);
      ids.push(id);
    }
  }
  return ids;
}

/** The context keys a `when` clause reads: the left side of each comparison, or a bare key. */
function whenKeys(when: string): string[] {
  return when
    .split(/&&|\|\||[()!]/)
    .map((atom) => atom.trim())
    .filter(Boolean)
    .map((atom) => atom.split(/\s*(?:==|!=|=~|<=|>=|<|>| in | not in )\s*/)[0].trim());
}

function everyWhen(): string[] {
  const clauses: string[] = [];
  for (const items of Object.values<Array<{ when?: string }>>(contributes.menus ?? {})) {
    for (const item of items) if (item.when) clauses.push(item.when);
  }
  for (const item of contributes.viewsWelcome ?? []) if (item.when) clauses.push(item.when);
  for (const item of contributes.commands ?? []) if (item.enablement) clauses.push(item.enablement);
  for (const item of contributes.keybindings ?? []) if (item.when) clauses.push(item.when);
  return clauses;
}

const contributed: string[] = contributes.commands.map((c: { command: string }) => c.command);
const ourIds = Object.values(Commands) as string[];

describe('command ids and context keys (package.json against src/common/commands.ts)', () => {
  it('every contributed command is registered, once', () => {
    const registered = registeredCommandIds();
    for (const id of contributed) assert.ok(registered.includes(id), `${id} is contributed but never registered`);
    const twice = registered.filter((id, i) => registered.indexOf(id) !== i);
    assert.deepStrictEqual(twice, [], 'registered more than once');
  });

  it('every registered command is contributed or listed as internal, and every Commands entry is registered', () => {
    const registered = registeredCommandIds();
    for (const id of registered) {
      assert.ok(
        contributed.includes(id) || INTERNAL_COMMANDS.includes(id as never),
        `${id} is registered but not contributed`,
      );
    }
    for (const id of ourIds) assert.ok(registered.includes(id), `Commands has ${id}, which nothing registers`);
  });

  it('menus and welcome-view links name contributed commands', () => {
    for (const [menu, items] of Object.entries<Array<{ command?: string }>>(contributes.menus ?? {})) {
      for (const item of items) {
        if (item.command)
          assert.ok(contributed.includes(item.command), `menu ${menu} names ${item.command}, which is not contributed`);
      }
    }
    for (const item of contributes.viewsWelcome ?? []) {
      for (const match of (item.contents as string).matchAll(/\(command:([\w.]+)/g)) {
        const id = match[1];
        const ours = id.startsWith('aliyunTickets.');
        if (ours) assert.ok(contributed.includes(id), `a welcome view links ${id}, which is not contributed`);
        else
          assert.ok(
            (Object.values(BuiltinCommands) as string[]).includes(id),
            `a welcome view links ${id}, not in BuiltinCommands`,
          );
      }
    }
  });

  it('every view of ours that needs an account offers Sign In while signed out (an empty view says nothing)', () => {
    const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    const welcomes: Array<{ view: string; when?: string; contents: string }> = contributes.viewsWelcome ?? [];
    const views = Object.values<Array<{ id: string }>>(contributes.views ?? {}).flat();
    // The References view lists the workspace's ticket ids: it needs no account.
    for (const view of views.filter((v) => v.id !== 'aliyunTickets.references')) {
      const signedOut = welcomes.filter((w) => w.view === view.id && /!aliyunTickets\.signedIn\b/.test(w.when ?? ''));
      const text = signedOut.map((w) => nls[w.contents.replace(/^%|%$/g, '')] ?? w.contents).join('\n');
      assert.match(text, /\(command:aliyunTickets\.signIn\)/, `${view.id}: a signed-out welcome with Sign In`);
    }
  });

  it('every context key of ours in a when clause is defined in ContextKeys', () => {
    const defined = Object.values(ContextKeys) as string[];
    const builtin =
      /^(view|viewItem|config\..+|resourceScheme|editorTextFocus|editorHasSelection|editorIsOpen|false|true)$/;
    let ours = 0;
    for (const when of everyWhen()) {
      for (const key of whenKeys(when)) {
        if (builtin.test(key)) continue;
        assert.ok(defined.includes(key), `"${key}" in when clause "${when}" is not one of ContextKeys`);
        ours++;
      }
    }
    assert.ok(ours > 0, 'no context key of ours found: the when-clause parser is broken');
  });

  it('the source names command ids and context keys only through src/common/commands.ts', () => {
    const ids = new Set([...ourIds, ...(Object.values(ContextKeys) as string[])]);
    for (const { file, text } of sources) {
      if (file === path.join('src', 'common', 'commands.ts')) continue;
      for (const match of text.matchAll(/['"](aliyunTickets\.[\w.]+)['"]/g)) {
        assert.ok(!ids.has(match[1]), `${file} spells out '${match[1]}': use Commands / ContextKeys`);
      }
      assert.ok(!/executeCommand\(\s*['"`]setContext/.test(text), `${file} calls setContext by its literal name`);
    }
  });

  it('every webview type restores after a reload: an onWebviewPanel activation event and a serializer at activation', () => {
    // The panels' code loads on first use (src/lazy/features.ts); their serializers must not wait for it.
    const events: string[] = manifest.activationEvents ?? [];
    for (const type of Object.values(WebviewTypes)) {
      assert.ok(events.includes(`onWebviewPanel:${type}`), `package.json activates on onWebviewPanel:${type}`);
    }
    const serialized = sources.flatMap(({ text }) =>
      [...text.matchAll(/registerWebviewPanelSerializer\(\s*WebviewTypes\.(\w+)/g)].map((m) => m[1]),
    );
    assert.deepStrictEqual(serialized.sort(), Object.keys(WebviewTypes).sort(), 'one serializer per webview type');
  });
});
