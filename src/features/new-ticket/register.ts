// New Ticket, Create Ticket from Selection and Create Ticket about a RequestId: the commands, the form, and the
// RequestId hover and terminal links. extension.ts calls registerNewTicket once.
import * as vscode from 'vscode';
import type { ActiveAccount } from '../../common/accountScope';
import { Commands, WebviewTypes } from '../../common/commands';
import { t } from '../../common/l10n';
import type { NewTicketForm, NewTicketFormDeps } from './newTicketForm';
import { catalogLanguage } from '../../tickets/categoryNames';
import { requestIdPrefill, selectionPrefill, type Prefill, type SelectionSource } from './prefill';
import { isRequestId } from './requestId';
import { registerRequestLinks, type RequestIdPlace } from './requestLinks';
import { addRequestFacts } from '../error-facts/requestFacts';
import type { PreparedTicket, TicketStart } from '../templates/prepareTicket';
import { isDraftEmpty } from './draft';

export type NewTicketDeps = Omit<NewTicketFormDeps, 'extensionUri' | 'scope' | 'language'> & {
  /** Who is signed in: the draft is the account's (common/accountScope.ts). */
  account: ActiveAccount;
  /**
   * The team's templates offered before an empty draft opens, and a named product matched in the catalogue
   * (templates/prepareTicket.ts): the prefill the form opens with.
   */
  prepareTicket: (start: TicketStart) => Promise<PreparedTicket>;
};

/** The prefill for the active editor's selection (its line when nothing is selected). */
export function prefillFromEditor(editor: vscode.TextEditor): Prefill {
  return selectionPrefill(selectionOf(editor));
}

/** The active editor's selection (its line when nothing is selected) with its place. */
function selectionOf(editor: vscode.TextEditor): SelectionSource {
  const document = editor.document;
  const selection = editor.selection;
  const range = selection.isEmpty ? document.lineAt(selection.active.line).range : selection;
  // A selection that ends at the start of a line does not include that line.
  const endLine =
    !selection.isEmpty && range.end.character === 0 && range.end.line > range.start.line
      ? range.end.line - 1
      : range.end.line;
  return {
    text: document.getText(range),
    relativePath:
      document.uri.scheme === 'untitled' ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false),
    startLine: range.start.line + 1,
    endLine: endLine + 1,
    languageId: document.languageId,
  };
}

/** Lines on each side of a RequestId in a file that may hold its error's facts (an envelope, the CLI's lines). */
const FACT_LINES = 15;

async function prefillFromPlace(
  arg: unknown,
): Promise<{ requestId: string; prefill: Prefill; around?: string } | undefined> {
  const place = (typeof arg === 'string' ? { requestId: arg } : arg) as Partial<RequestIdPlace> | undefined;
  if (!place || !isRequestId(place.requestId)) return undefined;
  if (typeof place.text === 'string') {
    const text = place.text.slice(0, 5000);
    return { requestId: place.requestId, prefill: requestIdPrefill(place.requestId, { line: text }), around: text };
  }
  if (typeof place.uri === 'string' && typeof place.line === 'number') {
    try {
      const uri = vscode.Uri.parse(place.uri, true);
      const document = await vscode.workspace.openTextDocument(uri);
      if (place.line >= 0 && place.line < document.lineCount) {
        const around = document.getText(
          new vscode.Range(Math.max(0, place.line - FACT_LINES), 0, place.line + FACT_LINES, 0),
        );
        const prefill = requestIdPrefill(place.requestId, {
          line: document.lineAt(place.line).text,
          relativePath: vscode.workspace.asRelativePath(uri, false),
          lineNumber: place.line + 1,
        });
        return { requestId: place.requestId, prefill, around };
      }
    } catch {
      // The document went away: the RequestId alone still makes a good start.
    }
  }
  return { requestId: place.requestId, prefill: requestIdPrefill(place.requestId) };
}

/**
 * Registers the New Ticket commands, the form's serializer and the RequestId links; returns the form (built on access)
 * and the registrations. `createForm` builds the form on the first command or when VS Code restores it after a reload
 * (the composition root loads its code then).
 */
export function registerNewTicket(
  context: vscode.ExtensionContext,
  deps: NewTicketDeps,
  createForm: (deps: NewTicketFormDeps) => NewTicketForm,
): { form: () => NewTicketForm; disposables: vscode.Disposable[] } {
  let formInstance: NewTicketForm | undefined;
  const { account, prepareTicket, ...formDeps } = deps;
  const form = () => {
    formInstance ??= createForm({
      ...formDeps,
      extensionUri: context.extensionUri,
      scope: () => account.current(),
      language: () => catalogLanguage(vscode.env.language),
    });
    return formInstance;
  };
  // Templates are offered only to a fresh start: a draft in progress (or an open form) is brought back as it is.
  const openPrepared = async (start: Omit<TicketStart, 'offerTemplates'>) => {
    const offerTemplates = !form().isOpen() && isDraftEmpty(await form().currentDraft());
    const prepared = await prepareTicket({ ...start, offerTemplates });
    if (!prepared.cancelled) await form().open(prepared.prefill);
  };
  const disposables: vscode.Disposable[] = [
    { dispose: () => formInstance?.dispose() },
    account.onDidChangeAccount((change) => void formInstance?.accountChanged(change)),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.newTicketForm, {
      deserializeWebviewPanel: (panel) => form().deserializeWebviewPanel(panel),
    }),
    vscode.commands.registerCommand(Commands.newTicket, () => {
      const editor = vscode.window.activeTextEditor;
      // A selection fills a template's ${selection}; New Ticket itself never adds it to the draft.
      const selection = editor && !editor.selection.isEmpty ? selectionOf(editor) : undefined;
      return openPrepared(selection ? { selection } : {});
    }),
    vscode.commands.registerCommand(Commands.createTicketFromSelection, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(
          t('Open a file and select the code or log lines the ticket is about.'),
        );
        return;
      }
      await openPrepared({ selection: selectionOf(editor), prefill: prefillFromEditor(editor) });
    }),
    vscode.commands.registerCommand(Commands.createTicketAboutRequest, async (arg?: unknown) => {
      const found = await prefillFromPlace(arg);
      if (!found) {
        void vscode.window.showWarningMessage(
          // l10n-exempt: an example id
          t('That is not an Alibaba Cloud RequestId (like {0}).', 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503'),
        );
        return;
      }
      const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
      const prefill = addRequestFacts(found.prefill, found.requestId, found.around, version);
      await openPrepared({ requestId: found.requestId, prefill });
    }),
    ...registerRequestLinks(),
  ];
  return { form, disposables };
}
