// The vscode edge of "the tickets your code waits on": the workspace's files read for ticket ids (VS Code's file
// search, so files.exclude and search.exclude hold, with a file count and size cap), the "Tickets in This Workspace"
// view (each ticket with its status and where it is referenced), an Information diagnostic at each reference of a
// completed ticket with a quick fix that opens it. Statuses come from one ListTickets (TicketIdList) per 100 ids.
// aliyunTickets.references.enabled off: no file is read, no id is sent, nothing is shown.
import * as vscode from 'vscode';
import { createTreeView } from '../../common/treeViews';
import type { ActiveAccount } from '../../common/accountScope';
import { Commands, Views } from '../../common/commands';
import { t } from '../../common/l10n';
import { treeText } from '../../common/untrustedText';
import { affectsSettings, getSetting } from '../../settings/configuration';
import { isFinished } from '../../tickets/status';
import { statusText } from '../../tickets/display';
import type { TicketService } from '../../tickets/types';
import { compileIdPattern, type IdDetectionOptions } from '../hover/idDetection';
import {
  MAX_FILE_BYTES,
  MAX_SCANNED_FILES,
  REFERENCE_BATCH,
  ReferenceIndex,
  batches,
  looksBinary,
  referencesInText,
  type ReferencedTicket,
  type TicketReference,
} from './references';

export const REFERENCES_VIEW_ID = Views.references;
const DIAGNOSTIC_SOURCE = 'Alibaba Cloud Tickets';
const COMPLETED_CODE = 'ticket-completed';
/** The first scan waits this long after activation, so it never competes with the first screen. */
const FIRST_SCAN_DELAY_MS = 1500;

type Node =
  | { kind: 'ticket'; ticket: ReferencedTicket }
  | { kind: 'place'; ticketId: string; file: string; reference: TicketReference; uri: vscode.Uri };

export interface ReferencesDeps {
  service: TicketService;
  account: Pick<ActiveAccount, 'onDidChangeAccount' | 'current'>;
}

export interface ReferencesHandle {
  /** Reads the files again and asks the server for every status (the view's Refresh). */
  refresh(): Promise<void>;
  tickets(): ReferencedTicket[];
  view: vscode.TreeView<unknown>;
}

/** search.exclude's patterns that are on (a `when` clause counts as on: better to read a file less). */
function searchExcludeGlob(): string | undefined {
  const patterns = vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude') ?? {};
  const on = Object.entries(patterns)
    .filter(([, value]) => value === true || (typeof value === 'object' && value !== null))
    .map(([glob]) => glob.replace(/[{}]/g, ''));
  return on.length ? `{${on.join(',')}}` : undefined;
}

export function registerReferences(deps: ReferencesDeps): {
  handle: ReferencesHandle;
  disposables: vscode.Disposable[];
} {
  const index = new ReferenceIndex();
  const uris = new Map<string, vscode.Uri>();
  const diagnostics = vscode.languages.createDiagnosticCollection('aliyunTickets.references');
  const changed = new vscode.EventEmitter<void>();
  let generation = 0;
  // The hovers' rules for what is a ticket id (aliyunTickets.idPattern, hover.requireContext).
  let compiled: { source: string; pattern: RegExp } | undefined;
  const detection = (): IdDetectionOptions => {
    const source = getSetting('idPattern');
    if (compiled?.source !== source) compiled = { source, pattern: compileIdPattern(source).pattern };
    return { pattern: compiled.pattern, requireContext: getSetting('hover.requireContext') };
  };
  const enabled = () => getSetting('references.enabled');

  const label = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri, true);

  function scanText(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    const found = referencesInText(text, detection());
    index.setFile(key, label(uri), found);
    if (found.length) uris.set(key, uri);
    else uris.delete(key);
  }

  async function scanFile(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return scanText(uri, open.getText());
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) return;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (!looksBinary(bytes)) scanText(uri, new TextDecoder('utf-8').decode(bytes));
    } catch {
      // Gone or unreadable since the search listed it: it references nothing.
    }
  }

  async function scanWorkspace(current: number): Promise<void> {
    index.clearFiles();
    uris.clear();
    if (!vscode.workspace.workspaceFolders?.length) return;
    const files = await vscode.workspace.findFiles('**/*', searchExcludeGlob(), MAX_SCANNED_FILES);
    for (const uri of files) {
      if (current !== generation) return;
      await scanFile(uri);
    }
  }

  /** One ListTickets per REFERENCE_BATCH ids, for `ids` (all referenced ones on a Refresh). */
  async function fetchStatuses(ids: string[], force: boolean): Promise<void> {
    if (!ids.length || !deps.account.current()) return;
    for (const batch of batches(ids, REFERENCE_BATCH)) {
      try {
        const page = await deps.service.listTickets(
          { pageNumber: 1, pageSize: REFERENCE_BATCH, ticketIds: batch },
          { force, background: true },
        );
        index.setSummaries(batch, page.tickets);
      } catch {
        // The statuses stay unknown; the view says so, and the next refresh asks again.
      }
    }
  }

  function publish(): void {
    diagnostics.clear();
    if (!enabled()) return changed.fire();
    for (const key of index.fileKeys()) {
      const uri = uris.get(key);
      if (!uri) continue;
      const items = index
        .referencesIn(key)
        .filter((r) => isFinished(r.summary?.status.value))
        .map((r) => {
          const diagnostic = new vscode.Diagnostic(
            new vscode.Range(r.line, r.start, r.line, r.end),
            t('Ticket {0} is completed: this workaround may be removable', r.ticketId),
            vscode.DiagnosticSeverity.Information,
          );
          diagnostic.source = DIAGNOSTIC_SOURCE;
          diagnostic.code = COMPLETED_CODE;
          return diagnostic;
        });
      if (items.length) diagnostics.set(uri, items);
    }
    changed.fire();
  }

  async function refresh(): Promise<void> {
    const current = ++generation;
    if (!enabled()) {
      index.clearFiles();
      uris.clear();
      return publish();
    }
    await scanWorkspace(current);
    if (current !== generation) return;
    await fetchStatuses(index.ticketIds(), true);
    if (current === generation) publish();
  }

  async function rescanDocument(document: vscode.TextDocument): Promise<void> {
    if (!enabled() || document.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(document.uri)) return;
    scanText(document.uri, document.getText());
    await fetchStatuses(index.unknownIds(), false);
    publish();
  }

  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren: (node) => {
      if (!node) return enabled() ? index.tickets().map((ticket) => ({ kind: 'ticket', ticket })) : [];
      if (node.kind !== 'ticket') return [];
      return node.ticket.places.flatMap((place) =>
        place.references.map((reference) => ({
          kind: 'place' as const,
          ticketId: node.ticket.ticketId,
          file: place.file,
          reference,
          uri: uris.get(place.key) ?? vscode.Uri.parse(place.key),
        })),
      );
    },
    getTreeItem: (node) => (node.kind === 'ticket' ? ticketItem(node.ticket) : placeItem(node)),
  };

  const view = createTreeView(REFERENCES_VIEW_ID, { treeDataProvider: provider });
  const updateMessage = () => {
    view.message = !enabled()
      ? t('Finding ticket ids in this workspace is off (setting aliyunTickets.references.enabled).')
      : !deps.account.current() && index.ticketIds().length
        ? t('Sign in to see the status of these tickets.')
        : undefined;
  };
  changed.event(updateMessage);

  const firstScan = setTimeout(() => void refresh(), FIRST_SCAN_DELAY_MS);
  // Never what keeps an extension host (or a benchmark's process) alive.
  firstScan.unref?.();
  const disposables: vscode.Disposable[] = [
    diagnostics,
    changed,
    view,
    { dispose: () => clearTimeout(firstScan) },
    vscode.commands.registerCommand(Commands.referencesRefresh, () => refresh()),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new OpenCompletedTicket(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.workspace.onDidSaveTextDocument((document) => void rescanDocument(document)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event, ['references.enabled', 'idPattern', 'hover.requireContext'])) void refresh();
    }),
    deps.account.onDidChangeAccount(() => {
      index.clearStatuses();
      void refresh();
    }),
  ];
  return { handle: { refresh, tickets: () => index.tickets(), view: view as vscode.TreeView<unknown> }, disposables };
}

function ticketItem(ticket: ReferencedTicket): vscode.TreeItem {
  const item = new vscode.TreeItem(ticket.ticketId, vscode.TreeItemCollapsibleState.Collapsed);
  const count = ticket.places.reduce((n, p) => n + p.references.length, 0);
  const status =
    ticket.summary === undefined
      ? t('status not known yet')
      : ticket.summary === null
        ? t('not found in this account')
        : statusText(ticket.summary.status);
  const title = ticket.summary ? treeText(ticket.summary.title, 80) : '';
  item.description = [status, title].filter(Boolean).join(' · ');
  item.tooltip = t('Ticket {0}: {1}; referenced {2} times', ticket.ticketId, status, count);
  item.contextValue = 'referencedTicket';
  item.iconPath = new vscode.ThemeIcon(isFinished(ticket.summary?.status.value) ? 'pass' : 'issues');
  item.command = {
    command: Commands.openTicket,
    title: t('Open ticket {0}', ticket.ticketId),
    arguments: [ticket.ticketId],
  };
  return item;
}

function placeItem(node: Extract<Node, { kind: 'place' }>): vscode.TreeItem {
  const line = node.reference.line + 1;
  const item = new vscode.TreeItem(treeText(node.file, 120), vscode.TreeItemCollapsibleState.None);
  item.description = t('line {0}', line);
  item.resourceUri = node.uri;
  item.command = {
    command: 'vscode.open',
    title: t('Go to the reference'),
    arguments: [
      node.uri,
      {
        selection: new vscode.Range(node.reference.line, node.reference.start, node.reference.line, node.reference.end),
      },
    ],
  };
  return item;
}

/** The quick fix on a completed ticket's diagnostic: open the ticket (its id is the diagnostic's range). */
class OpenCompletedTicket implements vscode.CodeActionProvider {
  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === COMPLETED_CODE)
      .map((d) => {
        const ticketId = document.getText(d.range).toUpperCase();
        const action = new vscode.CodeAction(t('Open ticket {0}', ticketId), vscode.CodeActionKind.QuickFix);
        action.command = { command: Commands.openTicket, title: action.title, arguments: [ticketId] };
        action.diagnostics = [d];
        action.isPreferred = true;
        return action;
      });
  }
}
