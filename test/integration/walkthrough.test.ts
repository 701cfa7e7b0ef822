// The first-run walkthrough as VS Code reads it from the installed extension: its steps, the markdown each shows, the
// command links in their descriptions, and that every completion event names a command, view or context key that
// really exists, so each step can complete.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ContextKeys } from '../../src/common/commands';
import { WALKTHROUGH_STEP_KEYS } from '../../src/features/walkthrough/walkthroughProgress';
import { EXTENSION_ID, activateExtension, calmWorkbench } from './harness';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

/** The source files of the extension under test (its development folder holds src/). */
function sourceTexts(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) return sourceTexts(full);
    return entry.name.endsWith('.ts') ? [fs.readFileSync(full, 'utf8')] : [];
  });
}

describe('walkthrough (Get Started)', function () {
  this.timeout(30_000);
  let extension: vscode.Extension<unknown>;
  let steps: Step[];

  before(async () => {
    await activateExtension();
    extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = extension.packageJSON.contributes.walkthroughs as Array<{ id: string; steps: Step[] }>;
    assert.strictEqual(walkthroughs.length, 1);
    steps = walkthroughs[0].steps;
  });

  after(calmWorkbench);

  it('walks through sign-in, opening a ticket, the Tickets view, hovers, replying and accounts', () => {
    assert.deepStrictEqual(
      steps.map((s) => s.id),
      ['signIn', 'openTicket', 'ticketsView', 'hovers', 'reply', 'accounts'],
    );
  });

  it('each step also completes on the context key the extension sets from state (features/walkthrough)', () => {
    assert.deepStrictEqual(
      steps.map((s) => s.id),
      Object.keys(WALKTHROUGH_STEP_KEYS),
    );
    for (const step of steps) {
      const key = WALKTHROUGH_STEP_KEYS[step.id as keyof typeof WALKTHROUGH_STEP_KEYS];
      assert.ok(step.completionEvents?.includes(`onContext:${key}`), `${step.id} completes on ${key}`);
    }
  });

  it('each step shows markdown that is packaged, whose pictures exist', () => {
    for (const step of steps) {
      assert.ok(step.media.markdown, `${step.id} has markdown`);
      const file = path.join(extension.extensionPath, step.media.markdown);
      assert.ok(fs.existsSync(file), `${step.media.markdown} exists`);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /^## /, `${step.id}: the markdown has a heading`);
      for (const [, image] of text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        assert.ok(fs.existsSync(path.join(path.dirname(file), image)), `${step.id}: the picture ${image} exists`);
      }
    }
  });

  it('every completion event names a registered command, a contributed view or a context key the extension sets', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    const views = new Set<string>(
      Object.values(extension.packageJSON.contributes.views as Record<string, Array<{ id: string }>>)
        .flat()
        .map((v) => v.id),
    );
    const sources = sourceTexts(path.join(extension.extensionPath, 'src')).join('\n');
    const contextNames = Object.fromEntries(
      Object.entries(ContextKeys).map(([name, key]) => [key, name as keyof typeof ContextKeys]),
    );
    for (const step of steps) {
      assert.ok(step.completionEvents?.length, `${step.id} completes on an event, not on any click`);
      for (const event of step.completionEvents!) {
        const [kind, name] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: command ${name} is registered`);
        else if (kind === 'onView') assert.ok(views.has(name), `${step.id}: view ${name} is contributed`);
        else if (kind === 'onContext') {
          const keyName = contextNames[name];
          assert.ok(keyName, `${step.id}: ${name} is one of ContextKeys`);
          // The session sets the signed-in key; features/walkthrough sets the keys of the steps done from state.
          const setHere =
            new RegExp(`setContext,\\s*ContextKeys\\.${keyName}\\b`).test(sources) ||
            (Object.values(WALKTHROUGH_STEP_KEYS) as string[]).includes(name);
          assert.ok(setHere, `${step.id}: ContextKeys.${keyName} is set by the extension`);
        } else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('every command link in a step description names a registered command', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g))
        assert.ok(commands.has(command), `${step.id}: ${command}`);
    }
  });

  it("opens in VS Code's Welcome page", async () => {
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${EXTENSION_ID}#aliyunTickets.gettingStarted`,
      false,
    );
    const tab = await waitForTab(/Get Started|Welcome|Walkthrough/i);
    assert.ok(tab, 'a Welcome tab is open');
  });
});

async function waitForTab(label: RegExp): Promise<vscode.Tab | undefined> {
  for (let i = 0; i < 50; i++) {
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => label.test(t.label));
    if (tab) return tab;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
