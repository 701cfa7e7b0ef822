// Search Tickets… (palette, and the Tickets view's title bar): one quick pick over the local index (titles,
// descriptions and conversations of every ticket read for this account) merged with the server's Keyword search
// (descriptions of tickets not read yet). The local hits show as the user types; the server is asked once per pause
// in typing. A result opens the ticket's panel scrolled to the match. The index follows the last-known copies and is
// filled in the background within a request budget (backfill.ts).
import * as vscode from 'vscode';
import type { TicketSummary } from '../../api/types';
import { Commands } from '../../common/commands';
import { errorText } from '../../common/errorText';
import { t } from '../../common/l10n';
import { quickPickText } from '../../common/untrustedText';
import type { SessionChange } from '../../common/sessionChange';
import type { LastKnownTickets } from '../../tickets/lastKnown';
import type { TicketLoadEvent } from '../../tickets/types';
import { activeInterval } from '../../common/activeInterval';
import { needsSignIn } from '../../common/errors';
import { isOfflineFailure } from '../details/offline';
import { FailureScope, IndexBackfill } from './backfill';
import { ListedTickets } from './listedTickets';
import { SearchIndex, documentsOf } from './searchIndex';
import { searchResults, type SearchResult } from './searchResults';

/** The server is asked after this pause in typing. */
const SERVER_DEBOUNCE_MS = 400;
/** How many of the server's matches are shown (ListTickets' smallest page is 10). */
export const SEARCH_PAGE_SIZE = 20;
const BACKFILL_TICK_MS = 2_000;

export interface SearchDeps {
  lastKnown: LastKnownTickets;
  onDidLoad: (listener: (event: TicketLoadEvent) => void) => vscode.Disposable;
  /** Signed in or out, another account or endpoint: a fill stopped for sign-in starts again, another account's lists go. */
  onDidChangeSession: (listener: (change: SessionChange) => void) => vscode.Disposable;
  /** ListTickets with Keyword (the server matches descriptions). */
  listByKeyword: (keyword: string, signal: AbortSignal) => Promise<TicketSummary[]>;
  /** A background read of a conversation (the ticket service's background lane). */
  readNotes: (ticketId: string) => Promise<unknown>;
  openPanel: (ticketId: string, focusDialogId?: string) => void;
  /** The local copy setting: off, nothing is read in the background for the index. */
  keepLocalCopy: () => boolean;
}

export interface SearchHandle extends vscode.Disposable {
  /** What the quick pick lists for this text once the server answered (tests). */
  run(query: string): Promise<SearchResult[]>;
  /** Opens a result as picking it does. */
  open(result: SearchResult): void;
  backfill: IndexBackfill;
}

/** A failure only a new sign-in fixes stops the fill; one of the network or the server pauses it (backfill.ts). */
function failureScope(error: unknown): FailureScope {
  if (needsSignIn(error)) return FailureScope.SignIn;
  return isOfflineFailure(error) ? FailureScope.EveryTicket : FailureScope.ThisTicket;
}

type Row = vscode.QuickPickItem & { result?: SearchResult };

export function registerSearch(deps: SearchDeps): SearchHandle {
  // What the view registers: the composition root disposes them through the handle.
  const disposables: vscode.Disposable[] = [];
  const index = new SearchIndex();
  let built = false;
  const reindex = (ticketId: string) => {
    const known = deps.lastKnown.get(ticketId);
    index.setTicket(ticketId, known ? documentsOf(known) : []);
  };
  const rebuild = () => {
    index.clear();
    for (const known of deps.lastKnown.all()) index.setTicket(known.ticketId, documentsOf(known));
    built = true;
  };
  const ready = async () => {
    await deps.lastKnown.load();
    if (!built) rebuild();
  };
  const listed = new ListedTickets();

  const backfill = new IndexBackfill({
    unfinished: () => listed.ids(),
    readAt: (ticketId) => (deps.lastKnown.get(ticketId)?.notes ? deps.lastKnown.get(ticketId)?.savedAt : undefined),
    changedSinceRead: (ticketId) => listed.changedSinceRead(ticketId),
    readNotes: deps.readNotes,
    failureScope,
    focused: () => vscode.window.state.focused,
    enabled: () => deps.keepLocalCopy() && built,
  });
  // Only while the window has the focus (the backfill reads nothing otherwise): an unfocused window fires no timer for it.
  const backfillTimer = activeInterval(
    BACKFILL_TICK_MS,
    () => void backfill.tick(),
    () => vscode.window.state.focused,
    (listener) => vscode.window.onDidChangeWindowState(listener),
  );

  const serverMatches = async (query: string, signal: AbortSignal): Promise<TicketSummary[]> =>
    query.trim().length >= 2 ? deps.listByKeyword(query.trim(), signal) : [];

  const toRows = (results: SearchResult[]): Row[] =>
    results.map((result) => ({
      label: result.label,
      description: result.description,
      detail: result.detail,
      // VS Code's own filter would hide a row whose text does not fuzzy-match the whole query (a Chinese phrase, words
      // in another order): the rows are the search result, so all stay; VS Code marks the typed text in them.
      alwaysShow: true,
      result,
    }));

  const open = (result: SearchResult) => deps.openPanel(result.ticketId, result.focus);

  const show = async () => {
    await ready();
    const pick = vscode.window.createQuickPick<Row>();
    pick.placeholder = t('Search the titles, descriptions and conversations of your tickets');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    // Kept open when the focus leaves: the palette hands the focus back to a ticket panel's webview as it closes, and
    // the webview takes it a moment after this pick shows (as for Switch Account, accountsUi.ts).
    pick.ignoreFocusOut = true;
    let server: TicketSummary[] = [];
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const render = () => {
      const results = searchResults(index.search(pick.value), server, Date.now());
      pick.items =
        results.length > 0 || !pick.value.trim()
          ? toRows(results)
          : [{ label: t('No ticket matches “{0}”', quickPickText(pick.value, 80)), alwaysShow: true }];
    };
    pick.onDidChangeValue(() => {
      server = [];
      render();
      controller?.abort();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const current = new AbortController();
        controller = current;
        pick.busy = true;
        pick.title = undefined;
        serverMatches(pick.value, current.signal)
          .then((found) => {
            if (current.signal.aborted) return;
            server = found;
            render();
          })
          .catch((error) => {
            if (!current.signal.aborted)
              pick.title = t('Server search failed: {0}', quickPickText(errorText(error), 160));
          })
          .finally(() => {
            if (controller === current) pick.busy = false;
          });
      }, SERVER_DEBOUNCE_MS);
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.result;
      if (!chosen) return;
      pick.hide();
      open(chosen);
    });
    pick.onDidHide(() => {
      controller?.abort();
      if (timer) clearTimeout(timer);
      pick.dispose();
    });
    render();
    pick.show();
  };

  disposables.push(
    backfillTimer,
    deps.onDidLoad((event) => {
      if (event.kind === 'notes') listed.read(event.ticketId);
      else if (event.kind === 'page') listed.listed(event.tickets);
    }),
    deps.onDidChangeSession((change) => {
      listed.sessionChanged(change);
      backfill.resume();
    }),
    deps.lastKnown.onDidChange((ticketId) => {
      if (!built) return;
      if (ticketId === undefined) rebuild();
      else reindex(ticketId);
    }),
    vscode.commands.registerCommand(Commands.searchTickets, show),
  );
  // The index is built from the copies once the window settled, so the background fill knows what is missing.
  const warmUp = setTimeout(() => void ready().catch(() => undefined), 10_000);
  disposables.push({ dispose: () => clearTimeout(warmUp) });

  return {
    dispose: () => {
      for (const disposable of disposables.splice(0)) disposable.dispose();
    },
    run: async (query) => {
      await ready();
      const server = await serverMatches(query, new AbortController().signal);
      return searchResults(index.search(query), server, Date.now());
    },
    open,
    backfill,
  };
}
