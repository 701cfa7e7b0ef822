// The setting that turns the local copy of conversations off: then nothing of them is written to disk (the
// last-known copies and the search index live in memory only), and what was written before is removed.
import * as vscode from 'vscode';
import type { LastKnownTickets } from './lastKnown';

const SECTION = 'aliyunTickets';
const KEY = 'offline.keepLocalCopy';

export function keepLocalCopy(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(KEY, true);
}

/** Turned off: the copies on disk go now (at start-up, LastKnownTickets.load removes them). */
export function watchLocalCopySetting(lastKnown: LastKnownTickets): vscode.Disposable {
  const removeIfOff = () => {
    if (!keepLocalCopy()) void lastKnown.removeLocalCopy();
  };
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.${KEY}`)) removeIfOff();
  });
}
