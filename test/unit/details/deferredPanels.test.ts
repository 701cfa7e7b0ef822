// The window's first ticket panel (deferredPanels.ts): VS Code is asked for its webview before the panels' code loads,
// and the code gets the panel a turn later, so that the window makes the webview while the code loads. Run in a child
// process over bench/vscode-standin.cjs (require('vscode') is the stand-in there only).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

interface Outcome {
  steps: string[];
  logged: string[];
}

/** Opens ticket panels through DeferredPanels with `fails` making the panels' code throw; returns what happened. */
function run(fails: boolean): Outcome {
  const script = `
    const { install } = require(${JSON.stringify(path.join(root, 'bench', 'vscode-standin.cjs'))});
    const vscode = install({});
    const steps = [];
    const logged = [];
    let made = 0;
    vscode.window.createWebviewPanel = (type, title) => {
      const id = ++made;
      steps.push('webview ' + id + ' ' + type + ' ' + title);
      const closed = new vscode.EventEmitter();
      return {
        id,
        reveal: () => steps.push('reveal ' + id),
        onDidDispose: closed.event,
        dispose: () => (steps.push('dispose ' + id), closed.fire()),
      };
    };
    const { DeferredPanels } = require(${JSON.stringify(path.join(root, 'out', 'src', 'features', 'details', 'deferredPanels.js'))});
    const panels = new DeferredPanels(vscode.Uri.file('/ext'), { error: (message) => logged.push(message) }, () => {
      steps.push('code loaded');
      if (${fails}) throw new Error('broken install');
      return {
        open: (ticketId) => steps.push('open ' + ticketId),
        openIn: (panel, ticketId, focus) => steps.push('openIn ' + panel.id + ' ' + ticketId + ' focus ' + focus),
        dispose() {},
      };
    });
    panels.open('0005PYGCW');
    // Again before the code is there (a double click): the same panel, now scrolled to a note.
    panels.open('0005PYGCW', 'dialog-7');
    steps.push('turn ends');
    setTimeout(() => {
      panels.open('0005PYGCX');
      process.stdout.write(JSON.stringify({ steps, logged }));
    }, 10);`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as Outcome;
}

describe("ticket panels: the window's first panel (deferredPanels.ts)", () => {
  it('asks VS Code for the webview before the panels’ code loads, and hands it over a turn later', () => {
    const { steps, logged } = run(false);
    assert.deepStrictEqual(steps, [
      'webview 1 aliyunTickets.details 0005PYGCW',
      'reveal 1',
      'turn ends',
      'code loaded',
      'openIn 1 0005PYGCW focus dialog-7',
      // Once the code is there, it opens panels itself.
      'open 0005PYGCX',
    ]);
    assert.deepStrictEqual(logged, []);
  });

  it('closes the panel again and logs why when the panels’ code cannot be loaded', () => {
    const { steps, logged } = run(true);
    assert.deepStrictEqual(steps.slice(0, 5), [
      'webview 1 aliyunTickets.details 0005PYGCW',
      'reveal 1',
      'turn ends',
      'code loaded',
      'dispose 1',
    ]);
    assert.deepStrictEqual(logged, ['The ticket panel of 0005PYGCW could not be opened']);
  });
});
