// HTML of the ticket details panel, built in the extension by pure functions (no vscode import) so unit tests and the
// browser tests can render it directly. Every string that came from the server goes through escapeHtml; the page runs
// under a strict CSP (scripts and style elements only by nonce; no handler or style attributes), so even a missed
// escape could not run code.
// Our own words are the display language's (t()); status and severity are our translations of their values, not the
// server's labels (those arrive in the account's language). The acting part below the conversation (actingHtml.ts)
// and the page's changing words (pageStrings.ts) come later, by message. Ticket text is shown as it comes.
import type { AccessDeniedDetail, Ticket, TicketNote } from '../../api/types';
import { STATUS_NAMES } from '../../api/types';
import { noteAuthor, SEVERITY_COMMON, SEVERITY_URGENT } from '../../tickets/status';
import { isTicketApiError, type TicketErrorKind } from '../../api/errors';
import { errorText } from '../../common/errorText';
import { errorActionLabel, errorActions, type ErrorAction } from '../../common/errors';
import { formatMessage, t } from '../../common/l10n';
import { renderPage, type PageResources } from '../../common/pageAssets';
import { attachmentTarget } from './attachments';
import { dataAction, type ClickAction } from './protocol';
import { escapeHtml } from '../../common/untrustedText';
import { formatLocalTime, formatRelativeTime, severityText, statusText } from '../../tickets/display';

export { escapeHtml };

/** What the panel shows. */
export type DetailsView =
  | { kind: 'loading'; ticketId: string }
  | {
      kind: 'error';
      ticketId: string;
      /** One sentence from errorText, in the display language. */
      message: string;
      /** What the buttons offer, the helpful one first: ERROR_ACTIONS (src/common/errors.ts) for the error's kind. */
      actions: readonly ErrorAction[];
      /** 'signedOut' is no fault: said plainly, not as an alert. */
      errorKind?: TicketErrorKind;
      requestId?: string;
      accessDenied?: AccessDeniedDetail;
    }
  | {
      kind: 'ticket';
      ticket: Ticket;
      notes: TicketNote[];
      /** Set when the ticket loaded but its conversation did not. */
      notesError?: string;
      /** A refresh is under way (the old data stays visible). */
      refreshing?: boolean;
      /** A refresh failed; the data shown is older. */
      refreshError?: string;
      /** The server cannot be reached: this is the last-known copy, read then (epoch ms). Nothing can be sent. */
      offlineSince?: number;
      /** "ECS / Renewal", from the category catalogue; "Category 7302" is shown while it is unknown. */
      categoryName?: string;
      /** Dialog ids of answers from support the user has not seen yet (marked "New"). */
      newNotes?: ReadonlySet<string>;
      /** Dialog ids of the user's replies sent as Confidential (marked so; the server's notes do not say). */
      confidentialNotes?: ReadonlySet<string>;
    };

export interface RenderOptions {
  /** For relative times. Default Date.now(). */
  now?: number;
  /** Default: the machine's time zone. */
  timeZone?: string;
}

/**
 * A translated sentence as HTML: the sentence escaped, its {0}, {1}… then replaced by ready HTML. Call t() with '{0}'…
 * as its arguments so the placeholders survive the translation: withHtml(t('Failed: {0}', '{0}'), text(reason)).
 */
function withHtml(translated: string, ...html: string[]): string {
  return formatMessage(escapeHtml(translated), ...html);
}

/** Server text inside <bdi>: a right-to-left override in a title cannot reorder the text around it. */
function text(value: unknown): string {
  return `<bdi>${escapeHtml(value)}</bdi>`;
}

/**
 * The whole document (the shell of common/pageAssets.ts): the body for `view` (or `body`, renderTicketBody's of it)
 * and the acting part. It paints without its script, which runs after the first paint.
 */
export function renderTicketHtml(
  view: DetailsView,
  resources: PageResources,
  options: RenderOptions = {},
  body = renderTicketBody(view, options),
): string {
  const ticketId = view.kind === 'ticket' ? view.ticket.ticketId : view.ticketId;
  return renderPage('details', resources, {
    title: t('Ticket {0}', ticketId),
    bodyAttributes: { 'data-ticket-id': ticketId },
    // The acting part (the reply box and the ticket buttons, hidden until the page script shows them) comes by message
    // after the first paint ('actingPart'): the webview host parses and writes the first document on the window's main
    // thread, in time the user waits for (bench:ui: 4 ms less to the document written without it).
    body: `<main id="root" aria-live="polite">${body}</main>`,
  });
}

/** The part inside <main id="root">: replaced when new data arrives (posted after the page said it is ready). */
export function renderTicketBody(view: DetailsView, options: RenderOptions = {}): string {
  switch (view.kind) {
    case 'loading':
      return `<section class="state loading"><p class="muted">${escapeHtml(t('Loading ticket {0}…', view.ticketId))}</p></section>`;
    case 'error':
      return renderError(view);
    case 'ticket':
      return renderTicket(view, options.now ?? Date.now(), options.timeZone);
  }
}

/** The error view for a ticket that failed to load: the sentence, and the buttons that fit the kind of failure. */
export function errorView(ticketId: string, error: unknown): Extract<DetailsView, { kind: 'error' }> {
  const apiError = isTicketApiError(error) ? error : undefined;
  return {
    kind: 'error',
    ticketId,
    message: errorText(error),
    actions: errorActions(error),
    errorKind: apiError?.kind,
    requestId: apiError?.requestId,
    accessDenied: apiError?.accessDeniedDetail,
  };
}

/** The page's data-action for each ErrorAction (protocol.ts). Show Details is the log: the panel shows the rest. */
const ACTION_MESSAGES: Record<ErrorAction, ClickAction> = {
  signIn: 'signIn',
  openSettings: 'openSettings',
  openAnotherTicket: 'openTicket',
  retry: 'retry',
  showDetails: 'showLog',
};

function renderError(view: Extract<DetailsView, { kind: 'error' }>): string {
  const details: string[] = [];
  if (view.accessDenied) {
    const d = view.accessDenied;
    const rows: Array<[string, unknown]> = [
      [t('Denied action'), d.AuthAction],
      [t('Principal'), d.AuthPrincipalDisplayName],
      [t('Principal type'), d.AuthPrincipalType],
      [t('Deny type'), d.NoPermissionType],
      [t('Policy type'), d.PolicyType],
    ];
    const items = rows
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${text(v)}</dd>`);
    if (items.length) details.push(`<dl class="facts">${items.join('')}</dl>`);
  }
  // A ticket that does not exist is most often a typo: nothing to quote to support.
  const typo = view.actions.includes('openAnotherTicket');
  if (view.requestId && !typo)
    details.push(
      `<p class="muted">${withHtml(t('RequestId (quote it to support): {0}', '{0}'), `<code>${escapeHtml(view.requestId)}</code>`)}</p>`,
    );
  // The table's buttons in its order, the first one as the primary button. The details (sentence, RequestId, who was
  // denied what) are on the page already, so Show Details becomes Show Log and goes last; a kind the table gives no
  // Show Details (signed out: no fault) gets none.
  const actions: ErrorAction[] = [
    ...view.actions.filter((action) => action !== 'showDetails'),
    ...view.actions.filter((action) => action === 'showDetails'),
  ];
  const buttons = actions.map((action, index) => {
    const label = action === 'showDetails' ? t('Show Log') : errorActionLabel(action);
    const secondary = index > 0 ? ' class="secondary"' : '';
    return `<button type="button"${secondary} ${dataAction(ACTION_MESSAGES[action])}>${escapeHtml(label)}</button>`;
  });
  const fault = view.errorKind !== 'signedOut';
  return `<section class="state ${fault ? 'error" role="alert"' : 'signed-out"'}>
<h1>${escapeHtml(t('Ticket {0}', view.ticketId))}</h1>
<p class="error-message">${text(view.message)}</p>
${details.join('\n')}
<div class="actions">${buttons.join('')}</div>
</section>`;
}

function statusBadge(ticket: Ticket): string {
  const value = ticket.status?.value;
  const name = STATUS_NAMES[value as keyof typeof STATUS_NAMES] ?? 'unknown';
  return `<span class="badge status-${name}" title="${escapeHtml(t('Status'))}">${escapeHtml(statusText(ticket.status))}</span>`;
}

function severityBadge(ticket: Ticket): string {
  const value = ticket.severity?.value;
  const cls = value === SEVERITY_URGENT ? 'urgent' : value === SEVERITY_COMMON ? 'common' : 'unknown';
  return `<span class="badge severity-${cls}" title="${escapeHtml(t('Severity'))}">${escapeHtml(severityText(ticket.severity))}</span>`;
}

function timeHtml(timeMs: number, now: number, timeZone?: string): string {
  const local = formatLocalTime(timeMs, timeZone);
  if (!local) return unknownHtml();
  const iso = new Date(timeMs).toISOString();
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(local)}</time> <span class="muted">${escapeHtml(t('({0})', formatRelativeTime(timeMs, now)))}</span>`;
}

/** "Offline: as of 14:02" with Retry: the copy shown is the last one read; it refreshes by itself when it can. */
function offlineBanner(savedAt: number, timeZone?: string): string {
  const at = `<time datetime="${escapeHtml(new Date(savedAt).toISOString())}">${escapeHtml(formatLocalTime(savedAt, timeZone))}</time>`;
  const retry = `<button type="button" class="secondary" ${dataAction('retry')}>${escapeHtml(errorActionLabel('retry'))}</button>`;
  return `<p class="banner warning offline" role="status">${withHtml(t('Offline: as of {0}. The Ticket API cannot be reached; this is the copy read then, and nothing can be sent. It refreshes by itself when the server answers.', '{0}'), at)} ${retry}</p>`;
}

function unknownHtml(): string {
  return `<span class="muted">${escapeHtml(t('unknown'))}</span>`;
}

function renderTicket(view: Extract<DetailsView, { kind: 'ticket' }>, now: number, timeZone?: string): string {
  const ticket = view.ticket;
  const banner =
    view.offlineSince !== undefined
      ? offlineBanner(view.offlineSince, timeZone)
      : view.refreshError
        ? `<p class="banner warning" role="alert">${withHtml(t('Could not refresh: {0} Showing what was loaded before.', '{0}'), text(view.refreshError))}</p>`
        : '';
  const description = ticket.description
    ? `<div class="description text">${escapeHtml(ticket.description)}</div>`
    : `<p class="muted">${escapeHtml(t('No description.'))}</p>`;
  return `<header class="ticket-header">
<div class="title-row">
<h1 class="title">${text(ticket.title || t('(no title)'))}</h1>
<button type="button" class="secondary" ${dataAction('refresh')}${view.refreshing ? ' disabled' : ''}>${escapeHtml(view.refreshing ? t('Refreshing…') : t('Refresh'))}</button>
</div>
<div class="badges"><span class="badge ticket-id" title="${escapeHtml(t('Ticket ID'))}">${escapeHtml(ticket.ticketId)}</span>${statusBadge(ticket)}${severityBadge(ticket)}</div>
<dl class="facts">
<dt>${escapeHtml(t('Created'))}</dt><dd>${timeHtml(ticket.createTime, now, timeZone)}</dd>
<dt>${escapeHtml(t('Creator'))}</dt><dd>${ticket.creatorId ? text(ticket.creatorId) : unknownHtml()}</dd>
<dt>${escapeHtml(t('Category'))}</dt><dd>${categoryHtml(ticket.categoryId, view.categoryName)}</dd>
</dl>
</header>
${banner}
<section class="section">
<h2>${escapeHtml(t('Description'))}</h2>
${description}
</section>
<section class="section conversation">
<h2>${escapeHtml(t('Conversation'))}</h2>
${renderNotes(view, now, timeZone)}
</section>`;
}

/**
 * "ECS / Renewal" when the catalogue names it; while it cannot (not loaded yet, offline, or a category the catalogue
 * does not list) the id in words, "Category 7302": a bare or parenthesised number means nothing to a user.
 */
function categoryHtml(categoryId: string, name: string | undefined): string {
  if (name) return text(name);
  return categoryId ? withHtml(t('Category {0}', '{0}'), text(categoryId)) : unknownHtml();
}

function renderNotes(view: Extract<DetailsView, { kind: 'ticket' }>, now: number, timeZone?: string): string {
  if (view.notesError) {
    return `<p class="banner error" role="alert">${withHtml(t('The conversation could not be loaded: {0}', '{0}'), text(view.notesError))}</p>
<div class="actions"><button type="button" ${dataAction('retry')}>${escapeHtml(errorActionLabel('retry'))}</button></div>`;
  }
  if (view.notes.length === 0) return `<p class="muted">${escapeHtml(t('No messages yet.'))}</p>`;
  // The index into the list as given is what a click sends back; the extension looks the URL up itself.
  const ordered = view.notes
    .map((note, index) => ({ note, index }))
    .sort((a, b) => (a.note.createTime || 0) - (b.note.createTime || 0));
  const unread = ordered.filter(({ note }) => view.newNotes?.has(note.dialogId)).length;
  const summary = unread
    ? `<p class="unread-summary">${escapeHtml(unread === 1 ? t('1 new answer from support') : t('{0} new answers from support', unread))}</p>`
    : '';
  const marks = (id: string) => ({
    isNew: view.newNotes?.has(id) === true,
    confidential: view.confidentialNotes?.has(id) === true,
  });
  const items = ordered.map(({ note, index }) => renderNote(note, index, now, timeZone, marks(note.dialogId)));
  return `${summary}<ol class="notes">${items.join('\n')}</ol>`;
}

function renderNote(
  note: TicketNote,
  noteIndex: number,
  now: number,
  timeZone: string | undefined,
  { isNew, confidential }: { isNew: boolean; confidential: boolean },
): string {
  const author = noteAuthor(note.userRole);
  const fromAgent = author === 'support';
  const fromYou = author === 'you';
  const who = escapeHtml(fromAgent ? t('Support agent') : fromYou ? t('You') : t('Participant'));
  const roleClass = fromAgent ? 'agent' : fromYou ? 'you' : 'other';
  const name = note.userName ? ` <span class="who-name">${text(note.userName)}</span>` : '';
  const attachments = (note.attachments ?? []).map((attachment, attachmentIndex) => {
    const target = attachmentTarget(attachment?.url);
    const label = attachment?.name ? text(attachment.name) : escapeHtml(t('attachment'));
    if (!target.clickable) {
      return `<li class="attachment plain">${label} <span class="muted">${escapeHtml(t('({0})', target.reason))}</span></li>`;
    }
    return `<li class="attachment"><a href="#" ${dataAction('openAttachment')} data-note="${noteIndex}" data-attachment="${attachmentIndex}" title="${escapeHtml(t('Opens {0}', target.display))}">${label}</a> <span class="muted">${escapeHtml(t('({0})', target.host))}</span></li>`;
  });
  const newMark = isNew ? ` <span class="badge new-note">${escapeHtml(t('New'))}</span>` : '';
  const confidentialMark = confidential
    ? ` <span class="badge confidential" title="${escapeHtml(t('You sent this reply as Confidential (encrypted).'))}">${escapeHtml(t('Confidential'))}</span>`
    : '';
  return `<li class="note ${roleClass}${isNew ? ' unread' : ''}" data-note-id="${escapeHtml(note.dialogId)}">
<div class="note-head"><span class="who badge role-${roleClass}">${who}</span>${name}${newMark}${confidentialMark} <span class="when">${timeHtml(note.createTime, now, timeZone)}</span></div>
<div class="note-body text">${escapeHtml(note.content)}</div>
${attachments.length ? `<ul class="attachments">${attachments.join('')}</ul>` : ''}
</li>`;
}
