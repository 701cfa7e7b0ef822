// The watcher in a window: settings (on/off, interval), a heartbeat timer driving TicketWatcher over files in the
// profile's global storage (shared by every window), notifications with Open, the status-bar count of tickets that
// wait for the user, and the set of tickets the Tickets view marks.
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../common/commands';
import { errorText } from '../../common/errorText';
import { t } from '../../common/l10n';
import { isTicketApiError } from '../../api/errors';
import type { TicketService } from '../../tickets/types';
import type { AttentionCount } from '../../tickets/attention';
import type { StatusValue } from '../../api/types';
import { unfinishedStatusNames } from '../../tickets/status';
import type { Announcement } from './announcements';
import { SharedFiles } from './sharedFiles';
import { watcherStatusBarLook } from './statusBarLook';
import {
  TicketWatcher,
  UNFINISHED_PAGE_SIZE,
  type FailureInfo,
  type WatchedAccount,
  type WatcherView,
} from './watcher';
import { accountStorageDir, type AccountScope, type ActiveAccount } from '../../common/accountScope';
import { getSetting, onDidChangeSettings } from '../../settings/configuration';
import { SETTINGS } from '../../settings/settings';

export const MIN_INTERVAL_SECONDS = 30;
const HEARTBEAT_MS = 5_000;
const FIRST_TICK_MS = 2_000;
/** More announcements than this at once make one summary notification instead of one each. */
const MAX_SEPARATE_NOTIFICATIONS = 3;

export interface WatcherDeps {
  service: TicketService;
  /** Who is signed in: the watcher polls for that account, over files in its scope's folder. */
  account: ActiveAccount;
  openTicket: (ticketId: string) => Thenable<unknown> | void;
  log: { info(message: string): void };
  /** The one count of tickets that wait for the user (the status bar shows it; the watcher asks it to count again). */
  attention: AttentionCount;
  /** Moves the Tickets view's rows to the statuses the watcher learned (explorerView.ts follow). */
  follow?: (learned: Array<{ ticketId: string; status: StatusValue }>) => void;
}

export interface WatcherInstanceOptions {
  id?: string;
  /** Folder of the shared files (a folder per account in it); default: the account scope's folder. */
  storageDir?: string;
  intervalMs?: number;
  heartbeatMs?: number;
  focused?: boolean;
}

export interface WatcherInstance {
  tick(): Promise<void>;
  announcements(): Announcement[];
  view(): WatcherView | undefined;
  dispose(): Promise<void>;
}

export interface WatcherHandle {
  /** Tickets the Tickets view should mark: announced in this window (support answered) and not opened since. */
  markedTicketIds(): ReadonlySet<string>;
  onDidChangeMarks: vscode.Event<void>;
  /** The user opened the ticket: its mark goes. */
  markSeen(ticketId: string): void;
  view(): WatcherView | undefined;
  /** A notification was shown (its text). */
  onDidNotify: vscode.Event<string>;
  /** The item as VS Code was handed it; `plainTooltip`: the tooltip is a string (plain text), not markdown. */
  statusBar(): { text: string; tooltip: string; plainTooltip: boolean; visible: boolean };
}

/** The window's watcher, and how another one over shared storage joins it. */
export interface WatcherWindow {
  handle: WatcherHandle;
  /**
   * Another watcher over the same kind of storage whose news this window shows, driven by the caller's ticks: what a
   * second window of the profile is (the extension-host tests run two "windows" in one host with it).
   */
  addInstance(options: WatcherInstanceOptions): WatcherInstance;
}

function settings() {
  const seconds = getSetting('watcher.intervalSeconds');
  const fallback = SETTINGS['watcher.intervalSeconds'].default;
  return {
    enabled: getSetting('watcher.enabled'),
    intervalMs: Math.max(MIN_INTERVAL_SECONDS, Number.isFinite(seconds) ? seconds : fallback) * 1000,
  };
}

/** This window's watcher id: unique among the windows of one machine (not a secret, so no node:crypto at activation). */
function instanceId(): string {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function describeFailure(error: unknown): FailureInfo {
  return {
    signedOut: isTicketApiError(error) && error.kind === 'signedOut',
    retryAfterMs: isTicketApiError(error) ? error.retryAfterMs : undefined,
    // Shown in the status-bar tooltip ("Last check failed: …"), so in the display language.
    message: errorText(error),
  };
}

export function registerWatcher(deps: WatcherDeps): WatcherWindow & { disposables: vscode.Disposable[] } {
  const marksChanged = new vscode.EventEmitter<void>();
  const newsMarks = new Set<string>();
  const notified = new vscode.EventEmitter<string>();
  const accountId = () => deps.account.current()?.accountId;
  const notify = (message: string, button: string, ticketId: string) => {
    notified.fire(message);
    const announcedFor = accountId();
    void vscode.window.showInformationMessage(message, button).then((choice) => {
      // A notification still on screen after a switch opens nothing of the other account.
      if (choice && accountId() === announcedFor) void deps.openTicket(ticketId);
    });
  };
  let currentView: WatcherView | undefined;
  let barVisible = false;

  const item = vscode.window.createStatusBarItem('aliyunTickets.watcher', vscode.StatusBarAlignment.Left, 50);
  item.name = t('Alibaba Cloud Tickets: waiting for you');
  /** Hidden and emptied: nothing of an account (titles in the tooltip, a ticket to open) stays in a hidden item. */
  const hideItem = () => {
    barVisible = false;
    item.hide();
    item.text = '';
    item.tooltip = undefined;
    item.command = undefined;
    item.accessibilityInformation = undefined;
  };

  const showAnnouncements = (announcements: Announcement[], account: string) => {
    // A poll of the previous account that ended after a switch tells nothing.
    if (account !== accountId()) return;
    for (const a of announcements) deps.log.info(`Watcher: announced ${a.kind} on ticket ${a.ticketId}.`);
    for (const a of announcements) newsMarks.add(a.ticketId);
    marksChanged.fire();
    if (announcements.length > MAX_SEPARATE_NOTIFICATIONS) {
      notify(
        t('{0} of your tickets have news from support.', announcements.length),
        t('Open First'),
        announcements[0].ticketId,
      );
      return;
    }
    for (const a of announcements) notify(a.message, t('Open'), a.ticketId);
  };

  // The status bar shows the one count of tickets that wait for the user (tickets/attention.ts; the badge shows the
  // same), with what the last check found wrong (statusBarLook.ts). A click opens the most recent of them. A view of
  // the previous account (a poll that ended after a switch) adds nothing.
  const renderStatusBar = () => {
    const view =
      currentView && (currentView.account === undefined || currentView.account === accountId())
        ? currentView
        : undefined;
    const look = watcherStatusBarLook(deps.attention, view);
    if (!look) return hideItem();
    barVisible = true;
    item.text = look.text;
    item.tooltip = look.tooltip;
    item.command = look.first ? { command: Commands.openTicket, title: t('Open'), arguments: [look.first] } : undefined;
    item.accessibilityInformation = { label: look.accessibilityLabel };
    item.show();
  };
  // What the watcher sees waiting changed (here or in the window that polls): count again, and move the rows.
  let lastWaiting = '';
  const onView = (view: WatcherView) => {
    currentView = view;
    const waiting = view.waiting.map((w) => `${w.ticketId}:${w.status}`).join(',');
    if (waiting !== lastWaiting && (view.mode === 'polling' || view.mode === 'following')) {
      lastWaiting = waiting;
      void deps.attention.refresh({ force: true, background: true });
      deps.follow?.(view.waiting.map((w) => ({ ticketId: w.ticketId, status: w.status })));
    }
    renderStatusBar();
  };

  const stores = new Map<string, SharedFiles>();
  const accountIn = (baseDir: string | undefined) => async (): Promise<WatchedAccount | undefined> => {
    const scope: AccountScope | undefined = deps.account.current();
    if (!scope) return undefined;
    const accountDir = baseDir ? accountStorageDir(baseDir, scope.accountId) : scope.storageDir;
    const dir = path.join(accountDir, 'watcher');
    let store = stores.get(dir);
    if (!store) {
      // The account's folder is made by Accounts while the account is saved; an instance given a folder of its own
      // (the extension-host tests' and the benches') makes it once, here.
      if (baseDir) await fs.mkdir(accountDir, { recursive: true });
      stores.set(dir, (store = new SharedFiles(dir)));
    }
    return { key: scope.accountId, store };
  };
  const listUnfinished = async () =>
    (
      await deps.service.listTickets(
        { pageNumber: 1, pageSize: UNFINISHED_PAGE_SIZE, statuses: unfinishedStatusNames() },
        { force: true, background: true },
      )
    ).tickets;
  const listNotes = (ticketId: string) => deps.service.getNotes(ticketId, { force: true, background: true });

  const makeWatcher = (
    options: WatcherInstanceOptions,
    hooks: { onAnnounce: (a: Announcement[], account: string) => void; onView: (v: WatcherView) => void },
  ) =>
    new TicketWatcher({
      id: options.id ?? instanceId(),
      account: accountIn(options.storageDir),
      listUnfinished,
      listNotes,
      describeFailure,
      intervalMs: () => options.intervalMs ?? settings().intervalMs,
      enabled: () => (options.intervalMs !== undefined ? true : settings().enabled),
      focused: () => options.focused ?? vscode.window.state.focused,
      heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
      onAnnounce: hooks.onAnnounce,
      onView: hooks.onView,
    });

  const watcher = makeWatcher(
    {},
    {
      onAnnounce: showAnnouncements,
      onView,
    },
  );
  // The count may be known already (the Tickets view loaded before the watcher started).
  renderStatusBar();
  const tick = () => void watcher.tick().catch((error) => deps.log.info(`Watcher: ${String(error)}`));
  // The first check waits for the window to settle (activation stays cheap); then one tick per heartbeat.
  const timer = setInterval(tick, HEARTBEAT_MS);
  const firstTick = setTimeout(tick, FIRST_TICK_MS);
  const disposables: vscode.Disposable[] = [
    item,
    marksChanged,
    notified,
    deps.attention.onDidChange(renderStatusBar),
    { dispose: () => (clearInterval(timer), clearTimeout(firstTick)) },
    { dispose: () => void watcher.dispose() },
    vscode.window.onDidChangeWindowState(tick),
    onDidChangeSettings(['watcher.enabled', 'watcher.intervalSeconds'], tick),
    // Another account or none: nothing of the previous one stays (status bar, marks); the next tick shows the new one.
    deps.account.onDidChangeAccount((change) => {
      if (change.kind === 'credentials') return;
      currentView = undefined;
      hideItem();
      stores.clear();
      if (newsMarks.size) {
        newsMarks.clear();
        marksChanged.fire();
      }
      tick();
    }),
  ];

  const handle: WatcherHandle = {
    markedTicketIds: () => new Set(newsMarks),
    onDidChangeMarks: marksChanged.event,
    markSeen: (ticketId) => {
      if (newsMarks.delete(ticketId)) marksChanged.fire();
    },
    view: () => currentView,
    onDidNotify: notified.event,
    statusBar: () => ({
      text: item.text,
      tooltip: String(item.tooltip ?? ''),
      plainTooltip: item.tooltip === undefined || typeof item.tooltip === 'string',
      visible: barVisible,
    }),
  };
  return {
    handle,
    disposables,
    addInstance: (options) => {
      const announced: Announcement[] = [];
      let view: WatcherView | undefined;
      const instance = makeWatcher(options, {
        onAnnounce: (a, account) => {
          announced.push(...a);
          showAnnouncements(a, account);
        },
        onView: (v) => (view = v),
      });
      return {
        tick: () => instance.tick(),
        announcements: () => [...announced],
        view: () => view,
        dispose: () => instance.dispose(),
      };
    },
  };
}
