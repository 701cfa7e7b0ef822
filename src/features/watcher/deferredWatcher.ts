// Starts the watcher a little after activation instead of during it: its code (dist/features.js) loads then, off the
// window's start-up path. Until it runs, the Tickets view has no marks to show (marks are this window's news, so there
// are none yet) and every other use starts it at once.
import * as vscode from 'vscode';
import type { WatcherHandle } from './register';

/** How long after activation the watcher starts; its first check follows its own first-tick delay (register.ts). */
export const WATCHER_START_DELAY_MS = 2_000;

/** A WatcherHandle that builds the real watcher with `start` after `delayMs`, or on first use if sooner. */
export function deferWatcher(
  start: () => { handle: WatcherHandle; disposables: vscode.Disposable[] },
  delayMs = WATCHER_START_DELAY_MS,
): { handle: WatcherHandle; disposables: vscode.Disposable[] } {
  let watcher: WatcherHandle | undefined;
  const marksChanged = new vscode.EventEmitter<void>();
  const ownDisposables: vscode.Disposable[] = [];
  const started = (): WatcherHandle => {
    if (!watcher) {
      const built = start();
      watcher = built.handle;
      ownDisposables.push(
        ...built.disposables,
        watcher.onDidChangeMarks(() => marksChanged.fire()),
      );
    }
    return watcher;
  };
  const timer = setTimeout(started, delayMs);
  const disposables: vscode.Disposable[] = [
    marksChanged,
    { dispose: () => clearTimeout(timer) },
    { dispose: () => ownDisposables.splice(0).forEach((d) => d.dispose()) },
  ];
  const handle: WatcherHandle = {
    markedTicketIds: () => watcher?.markedTicketIds() ?? new Set<string>(),
    onDidChangeMarks: marksChanged.event,
    markSeen: (ticketId) => watcher?.markSeen(ticketId),
    view: () => started().view(),
    notificationsShown: () => started().notificationsShown(),
    statusBar: () => started().statusBar(),
    createInstance: (options) => started().createInstance(options),
  };
  return { handle, disposables };
}
