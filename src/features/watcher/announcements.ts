// What the watcher tells the user: the difference between two snapshots of the unfinished tickets, as announcements
// with keys that say which change each one is about, in the display language. No vscode import: unit-tested in plain Node.
import type { StatusValue } from '../../api/types';
import { displayLanguage, t } from '../../common/l10n';
import { statusLook, titleText } from '../../tickets/display';
import { compareUrgency, isWaitingForYou } from '../../tickets/status';
import { notificationText, plainLine } from '../../common/untrustedText';

/** The newest note from support on a ticket, as far as the watcher has looked. */
export interface SupportNoteMark {
  dialogId: string;
  /** First line of the note, one line of plain text (for the notification). */
  excerpt: string;
}

export interface WatchedTicket {
  title: string;
  status: StatusValue;
  /**
   * Set once the watcher has read this ticket's notes: the newest support note then (null: none yet). Undefined:
   * never read, so the first read is a baseline and announces nothing.
   */
  lastSupportNote?: SupportNoteMark | null;
  /** When the watcher last saw its status change (epoch ms); support tends to write soon after one. */
  changedAt?: number;
}

export interface TicketSnapshot {
  /** When the ListTickets page behind it was fetched (epoch ms); the identity of this snapshot. */
  polledAt: number;
  tickets: Record<string, WatchedTicket>;
}

export type AnnouncementKind = 'waitingFeedback' | 'toConfirm' | 'supportNote';

export interface Announcement {
  ticketId: string;
  kind: AnnouncementKind;
  /** One sentence for the notification, in the display language. */
  message: string;
  /** The changes this announcement covers; each is announced at most once (remembered in shared storage). */
  keys: string[];
}

/** Key of "ticket T moved to status S", observed in the poll after the snapshot of `previousPolledAt`. */
export function statusKey(ticketId: string, status: number, previousPolledAt: number): string {
  return `${ticketId}:status:${status}:${previousPolledAt}`; // l10n-exempt: a storage key
}

/** Key of "support wrote note D on ticket T": dialog ids are unique, so this change can only ever happen once. */
export function noteKey(ticketId: string, dialogId: string): string {
  return `${ticketId}:note:${dialogId}`; // l10n-exempt: a storage key
}

/**
 * Announcements for what changed from `previous` to `next`. Nothing is announced without a previous snapshot (the
 * first poll is the baseline), for a ticket that was not in it (unless `complete`: the list holds every unfinished
 * ticket, so a new one waiting for the user is news), or for a note the watcher had never read before.
 * A status change and a new note seen in the same poll make one announcement (covering both keys).
 */
export function diffSnapshots(
  previous: TicketSnapshot | undefined,
  next: TicketSnapshot,
  options: { complete?: boolean } = {},
): Announcement[] {
  if (!previous) return [];
  const out: Announcement[] = [];
  for (const [ticketId, found] of Object.entries(next.tickets)) {
    // A ticket new to the list (created and answered within one interval) counts as coming from "no status", but only
    // when the list is complete: in a cut-off list a ticket can just have moved onto the page.
    const before: WatchedTicket | undefined =
      previous.tickets[ticketId] ?? (options.complete ? { title: found.title, status: 0 as StatusValue } : undefined);
    const now = found;
    if (!before) continue;
    if (now.status !== before.status && statusLook(now.status).needsYou) {
      // The note that came with the status change says what support wants, even if its notes were never read before.
      const note =
        now.lastSupportNote && now.lastSupportNote.dialogId !== before.lastSupportNote?.dialogId
          ? now.lastSupportNote
          : undefined;
      const keys = note ? [noteKey(ticketId, note.dialogId)] : [];
      const kind: AnnouncementKind = isWaitingForYou(now.status) ? 'waitingFeedback' : 'toConfirm';
      const title = titleText(now.title, notificationText);
      const id = notificationText(ticketId, 64);
      const excerpt = note ? notificationText(note.excerpt) : '';
      const message =
        kind === 'waitingFeedback'
          ? note
            ? t('Support is waiting for your feedback on ticket {0} “{1}”: “{2}”', id, title, excerpt)
            : t('Support is waiting for your feedback on ticket {0} “{1}”', id, title)
          : note
            ? t('Ticket {0} “{1}” is solved and waits for you to confirm: “{2}”', id, title, excerpt)
            : t('Ticket {0} “{1}” is solved and waits for you to confirm', id, title);
      out.push({
        ticketId,
        kind,
        message: endSentence(message),
        keys: [statusKey(ticketId, now.status, previous.polledAt), ...keys],
      });
      continue;
    }
    const note = newSupportNote(before, now);
    if (note) {
      const keys = [noteKey(ticketId, note.dialogId)];
      const message = t(
        'Support added a note to ticket {0} “{1}”: “{2}”',
        notificationText(ticketId, 64),
        titleText(now.title, notificationText),
        notificationText(note.excerpt),
      );
      out.push({
        ticketId,
        kind: 'supportNote',
        message: endSentence(message),
        keys,
      });
    }
  }
  return out;
}

function newSupportNote(before: WatchedTicket, now: WatchedTicket): SupportNoteMark | undefined {
  // Only when both reads happened: the first read of a ticket's notes is a baseline.
  if (before.lastSupportNote === undefined || !now.lastSupportNote) return undefined;
  return before.lastSupportNote?.dialogId === now.lastSupportNote.dialogId ? undefined : now.lastSupportNote;
}

/** The sentence with its full stop (the display language's), unless it ends with one already (inside the quote). */
function endSentence(text: string): string {
  if (/[.!?。！？]”?$/.test(text)) return text;
  return /^(zh|ja)/i.test(displayLanguage()) ? `${text}。` : `${text}.`;
}

/** Announcements whose keys were not all announced already (by this window, another one, or before a restart). */
export function unannounced(announcements: Announcement[], announced: ReadonlySet<string>): Announcement[] {
  return announcements.filter((a) => a.keys.some((key) => !announced.has(key)));
}

/** The announced keys to keep: the newest `limit` (old keys can no longer recur: their snapshots are gone). */
export function rememberAnnounced(previous: readonly string[], added: readonly string[], limit = 500): string[] {
  const all = [...previous.filter((key) => !added.includes(key)), ...added];
  return all.slice(Math.max(0, all.length - limit));
}

/** Tickets that wait for the user, waiting-for-feedback first (support is blocked on those), then to be confirmed. */
export function waitingForYou(snapshot: TicketSnapshot | undefined): string[] {
  if (!snapshot) return [];
  const entries = Object.entries(snapshot.tickets).filter(([, t]) => statusLook(t.status).needsYou);
  return entries.sort(([a, x], [b, y]) => compareUrgency(x.status, y.status) || a.localeCompare(b)).map(([id]) => id);
}

/** The first line of a note as one line of plain text, short enough for a notification (made safe for it there). */
export function noteExcerpt(content: string): string {
  const firstLine =
    String(content ?? '')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? '';
  return plainLine(firstLine, 120);
}
