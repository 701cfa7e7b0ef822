// The watcher in a window: settings (on/off, interval), a heartbeat timer driving TicketWatcher over files in the
// profile's global storage (shared by every window), notifications with Open, the status-bar count of tickets that
// wait for the user, and the set of tickets the Tickets view marks.
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
import { TicketWatcher, UNFINISHED_PAGE_SIZE, accountKey, type FailureInfo, type WatcherView } from './watcher';
import type { StoredSignIn } from '../../auth/credentialInput';
import { getSetting, onDidChangeSettings } from '../../settings/configuration';
import { SETTINGS } from '../../settings/settings';

export const MIN_INTERVAL_SECONDS = 30;
const HEARTBEAT_MS = 5_000;
const FIRST_TICK_MS = 2_000;
/** More announcements than this at once make one summary notification instead of one each. */
const MAX_SEPARATE_NOTIFICATIONS = 3;

export interface WatcherDeps {
  service: TicketService;
  /** The saved sign-in (undefined: signed out); the account key is derived from it and the endpoint. */
  readSignIn: () => Promise<StoredSignIn | undefined>;
  endpoint: () => string;
  openTicket: (ticketId: string) => Thenable<unknown> | void;
  log: { info(message: string): void };
  /** The one count of tickets that wait for the user (the status bar shows it; the watcher asks it to count again). */
  attention: AttentionCount;
  /** Moves the Tickets view's rows to the statuses the watcher learned (explorerView.ts follow). */
  follow?: (learned: Array<{ ticketId: string; status: StatusValue }>) => void;
}

export interface WatcherInstanceOptions {
  id?: string;
  /** Folder of the shared files; default: this profile's global storage. */
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
  /** The text of every notification this window's watchers showed, oldest first. */
  notificationsShown(): string[];
  statusBar(): { text: string; tooltip: string; visible: boolean };
  /** Another watcher over the same kind of storage, driven by the caller's ticks (tests, two "windows" in one host). */
  createInstance(options: WatcherInstanceOptions): WatcherInstance;
}

function settings() {
  const seconds = getSetting('watcher.intervalSeconds');
  const fallback = SETTINGS['watcher.intervalSeconds'].default;
  return {
    enabled: getSetting('watcher.enabled'),
    intervalMs: Math.max(MIN_INTERVAL_SECONDS, Number.isFinite(seconds) ? seconds : fallback) * 1000,
  };
}

/** Which account a sign-in stands for: the AccessKey id, or the outside source it reads (hashed with the endpoint). */
export function principalOf(signIn: StoredSignIn): string {
  if (signIn.kind === 'accessKey') return signIn.accessKeyId;
  // Identities hashed into file names, not words.
  return signIn.kind === 'environment' ? 'environment' : `cli-profile:${signIn.profile}`; // l10n-exempt
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

export function registerWatcher(context: vscode.ExtensionContext, deps: WatcherDeps): WatcherHandle {
  const storageDir = context.globalStorageUri.fsPath;
  const marksChanged = new vscode.EventEmitter<void>();
  const newsMarks = new Set<string>();
  const shown: string[] = [];
  const notify = (message: string, button: string, ticketId: string) => {
    shown.push(message);
    if (shown.length > 100) shown.shift();
    void vscode.window.showInformationMessage(message, button).then((choice) => {
      if (choice) void deps.openTicket(ticketId);
    });
  };
  let currentView: WatcherView | undefined;
  const item = vscode.window.createStatusBarItem('aliyunTickets.watcher', vscode.StatusBarAlignment.Left, 50);
  item.name = t('Alibaba Cloud Tickets: waiting for you');

  const showAnnouncements = (announcements: Announcement[]) => {
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
  // same), with what the last check found wrong (statusBarLook.ts). A click opens the most recent of them.
  const renderStatusBar = () => {
    const look = watcherStatusBarLook(deps.attention, currentView);
    if (!look) {
      item.hide();
      return;
    }
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

  const account = async () => {
    const signIn = await deps.readSignIn().catch(() => undefined);
    return signIn ? accountKey(deps.endpoint(), principalOf(signIn)) : undefined;
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
    hooks: { onAnnounce: (a: Announcement[]) => void; onView: (v: WatcherView) => void },
  ) =>
    new TicketWatcher({
      id: options.id ?? instanceId(),
      store: new SharedFiles(path.join(options.storageDir ?? storageDir, 'watcher')),
      account: account,
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
  context.subscriptions.push(
    item,
    marksChanged,
    deps.attention.onDidChange(renderStatusBar),
    { dispose: () => (clearInterval(timer), clearTimeout(firstTick)) },
    { dispose: () => void watcher.dispose() },
    vscode.window.onDidChangeWindowState(tick),
    onDidChangeSettings(['watcher.enabled', 'watcher.intervalSeconds'], tick),
  );

  return {
    markedTicketIds: () => new Set(newsMarks),
    onDidChangeMarks: marksChanged.event,
    markSeen: (ticketId) => {
      if (newsMarks.delete(ticketId)) marksChanged.fire();
    },
    view: () => currentView,
    notificationsShown: () => [...shown],
    statusBar: () => ({
      text: item.text,
      tooltip: String(item.tooltip ?? ''),
      visible: (deps.attention.total ?? 0) > 0 && currentView?.mode !== 'signedOut',
    }),
    createInstance: (options) => {
      const announced: Announcement[] = [];
      let view: WatcherView | undefined;
      const instance = makeWatcher(options, {
        onAnnounce: (a) => {
          announced.push(...a);
          showAnnouncements(a);
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
