// The extension activates in a real VS Code and every command it contributes is registered.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, calmWorkbench, sleep } from './harness';

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    configuration?: { properties: Record<string, unknown> };
  };
}

describe('activation', () => {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8'),
  ) as Manifest;

  it('activates without error in the real extension host', async () => {
    await activateExtension();
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
  });

  it('registers every command package.json contributes (each one runs)', async () => {
    await activateExtension();
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 4, `expected the contributed commands, got ${contributed.join(', ')}`);
    // getCommands() lists contributed commands even when nothing registered them, so run each one: an unregistered
    // command rejects at once with "command '…' not found"; a registered one opens its input box, log or message.
    const missing: string[] = [];
    for (const id of contributed) {
      const outcome = await Promise.race([
        Promise.resolve(vscode.commands.executeCommand(id)).then(
          () => 'ran',
          (error: unknown) => error,
        ),
        sleep(1500).then(() => 'still running'),
      ]);
      if (outcome instanceof Error && /not found/i.test(outcome.message)) missing.push(id);
      await calmWorkbench();
    }
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('reads its endpoint from the user setting that points at the emulator', () => {
    const endpoint = vscode.workspace.getConfiguration('aliyunTickets').get<string>('endpoint');
    assert.strictEqual(endpoint, process.env.TICKETS_TEST_EMULATOR_URL);
  });
});
