// Starts the watcher a little after activation instead of during it: its code (dist/features.js) loads then, off the
// window's start-up path. Until it runs, the Tickets view has no marks to show (marks are this window's news, so there
// are none yet) and every other use starts it at once.
import * as vscode from 'vscode';
import type { WatcherWindow } from './register';

/** How long after activation the watcher starts; its first check follows its own first-tick delay (register.ts). */
export const WATCHER_START_DELAY_MS = 2_000;

/** The watcher window, built with `start` after `delayMs`, or on first use if sooner. */
export function deferWatcher(
  start: () => WatcherWindow & { disposables: vscode.Disposable[] },
  delayMs = WATCHER_START_DELAY_MS,
): WatcherWindow & { disposables: vscode.Disposable[] } {
  let watcher: WatcherWindow | undefined;
  const marksChanged = new vscode.EventEmitter<void>();
  const notified = new vscode.EventEmitter<string>();
  const ownDisposables: vscode.Disposable[] = [];
  const started = (): WatcherWindow => {
    if (!watcher) {
      const built = start();
      watcher = built;
      ownDisposables.push(
        ...built.disposables,
        built.handle.onDidChangeMarks(() => marksChanged.fire()),
        built.handle.onDidNotify((text) => notified.fire(text)),
      );
    }
    return watcher;
  };
  const timer = setTimeout(started, delayMs);
  const disposables: vscode.Disposable[] = [
    marksChanged,
    notified,
    { dispose: () => clearTimeout(timer) },
    { dispose: () => ownDisposables.splice(0).forEach((d) => d.dispose()) },
  ];
  return {
    handle: {
      markedTicketIds: () => watcher?.handle.markedTicketIds() ?? new Set<string>(),
      onDidChangeMarks: marksChanged.event,
      markSeen: (ticketId) => watcher?.handle.markSeen(ticketId),
      view: () => started().handle.view(),
      onDidNotify: notified.event,
      statusBar: () => started().handle.statusBar(),
    },
    addInstance: (options) => started().addInstance(options),
    disposables,
  };
}
