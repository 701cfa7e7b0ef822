// Page script of the ticket details panel (bundled by scripts/build.mjs into media/details.js, loaded by nonce under a
// strict CSP). It swaps in HTML the extension rendered (every server string already escaped), forwards clicks as
// typed messages, keeps the scroll position across tab switches with getState/setState (the panel does not use
// retainContextWhenHidden), and runs the reply box and ticket actions below the conversation (acting.ts). That part,
// its words (in the display language) and its look come after the first paint: the extension sends the part and the
// words ('actingPart'), the look is bundled here (acting.css).
import {
  isClickAction,
  OPEN_ATTACHMENT_ACTION,
  parsePageStrings,
  type PanelState,
  type ToPageMessage,
} from '../protocol';
import { ActingPage } from './acting';
import actingStyle from './acting.css';
import { PageState } from './pageState';
import { vscodeApi } from './vscodeApi';

const vscode = vscodeApi<PanelState>();
const root = document.getElementById('root');
const ticketId = document.body.dataset.ticketId || '';
const state = new PageState(vscode, ticketId);
const saved = state.get();
let pendingScroll = typeof saved.scrollY === 'number' ? saved.scrollY : 0;

// Saved at once (the serializer needs the ticket id even if the user never scrolls). A position not yet restored is
// kept as it was: the first render (the loading view) is too short to scroll to it.
function save(scrollY: () => number = () => Math.round(window.scrollY)): void {
  state.update({ scrollY: pendingScroll > 0 ? pendingScroll : scrollY() });
}
// A new document is at the top: reading window.scrollY here, while the document is still being parsed, would make the
// browser lay it out once before it is even shown (bench:ui: 60 ms of a loaded machine's first panel).
save(() => 0);

// This script's nonce (the document's CSP lets in only what carries it): the acting part's style is put in with it.
const nonce = document.currentScript?.nonce ?? '';
let acting: ActingPage | undefined;

/** Puts the acting part below the conversation, once: a page that has it keeps it, and what is typed in it. */
function addActingPart(html: unknown, strings: unknown): void {
  if (acting || typeof html !== 'string' || !root) return;
  const style = document.createElement('style');
  style.nonce = nonce;
  style.textContent = actingStyle;
  document.head.appendChild(style);
  root.insertAdjacentHTML('afterend', html);
  if (document.getElementById('acting')) acting = new ActingPage(vscode, state, parsePageStrings(strings));
}

function isMessage(data: unknown): data is ToPageMessage {
  return !!data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string';
}

window.addEventListener('message', (event: MessageEvent) => {
  const message: unknown = event.data;
  if (!isMessage(message)) return;
  if (message.type === 'focusNote') {
    if (typeof message.dialogId === 'string') focusNote(message.dialogId);
    return;
  }
  if (message.type === 'actingPart') {
    addActingPart(message.html, message.strings);
    return;
  }
  if (message.type !== 'render') {
    acting?.handle(message);
    return;
  }
  if (typeof message.body !== 'string' || !root) return;
  root.innerHTML = message.body;
  shown(root);
});

/** The body in `root` is new (a render, or the document's own): times, the opened note, the saved position. */
function shown(root: HTMLElement): void {
  showLocalTimes(root);
  // A new render (the live ticket after its copy, a refresh) keeps the opened note marked, where it is.
  if (focusedNote !== undefined) noteElement(focusedNote)?.classList.add('focused');
  if (pendingScroll > 0) {
    window.scrollTo(0, pendingScroll);
    // Keep trying until the content is tall enough (first render after a reload).
    if (Math.abs(window.scrollY - pendingScroll) < 2) pendingScroll = 0;
  }
  document.body.dataset.rendered = 'true';
  // The extension waits for this before what the screen does not need at once (the category catalogue's requests).
  // A page in a background tab gets no animation frames and says nothing: the extension then goes on after a short
  // wait of its own (categoryAfterPaint.ts), so the name never waits for the tab.
  requestAnimationFrame(() => setTimeout(() => vscode.postMessage({ type: 'rendered' }), 0));
}

// An inbox entry or a search result opened the panel: that note (or the description, '') comes into view, marked.
// It wins over the restored scroll position.
let focusedNote: string | undefined;
function noteElement(dialogId: string): HTMLElement | null | undefined {
  return dialogId
    ? Array.from(document.querySelectorAll<HTMLElement>('[data-note-id]')).find((e) => e.dataset.noteId === dialogId)
    : document.querySelector<HTMLElement>('.description');
}
function focusNote(dialogId: string): void {
  const target = noteElement(dialogId);
  if (!target) return;
  focusedNote = dialogId;
  pendingScroll = 0;
  for (const old of Array.from(document.querySelectorAll('.focused'))) old.classList.remove('focused');
  target.classList.add('focused');
  target.scrollIntoView({ block: 'center' });
  save();
}

// The extension host may run on another machine (remote, code-server) with another time zone: show the times in this
// browser's zone, in the same "YYYY-MM-DD HH:mm" shape.
function showLocalTimes(container: Element): void {
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const element of Array.from(container.querySelectorAll<HTMLElement>('time[datetime]'))) {
    const date = new Date(element.getAttribute('datetime') || '');
    if (isNaN(date.getTime())) continue;
    element.textContent = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
}
// The script runs after the document's first paint (render.ts): a document that carries the ticket (or an error) was
// on screen already, and the extension sends its body again only if it changed since.
if (root) {
  if (root.querySelector('.state.loading')) showLocalTimes(root);
  else shown(root);
}

// A time's tooltip spells the date out in the display language. It is written when the pointer (or focus) first
// reaches the time, not while the page is built: the browser's first date formatting in a display language loads its
// locale data, which cost a loaded machine's first panel about 70 ms before it showed (bench:ui).
let fullDateFormat: Intl.DateTimeFormat | undefined;
function fullDate(date: Date): string {
  if (!fullDateFormat) {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'long' };
    try {
      fullDateFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, options);
    } catch {
      // A tag the browser does not know: its own language.
      fullDateFormat = new Intl.DateTimeFormat(undefined, options);
    }
  }
  return fullDateFormat.format(date);
}
function titleTime(event: Event): void {
  const element = event.target instanceof Element ? event.target.closest('time[datetime]') : null;
  if (!(element instanceof HTMLElement) || element.title) return;
  const date = new Date(element.getAttribute('datetime') || '');
  if (!isNaN(date.getTime())) element.title = fullDate(date);
}
document.addEventListener('pointerover', titleTime);
document.addEventListener('focusin', titleTime);

let scrollTimer = 0;
window.addEventListener('scroll', () => {
  if (scrollTimer) return;
  scrollTimer = window.setTimeout(() => {
    scrollTimer = 0;
    save();
  }, 100);
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!(target instanceof HTMLElement)) return;
  const action = target.dataset.action;
  if (action === OPEN_ATTACHMENT_ACTION) {
    event.preventDefault();
    vscode.postMessage({
      type: OPEN_ATTACHMENT_ACTION,
      note: Number(target.dataset.note),
      attachment: Number(target.dataset.attachment),
    });
  } else if (isClickAction(action)) {
    event.preventDefault();
    vscode.postMessage({ type: action });
  }
});

// Listening now: ask for the data.
vscode.postMessage({ type: 'ready' });
