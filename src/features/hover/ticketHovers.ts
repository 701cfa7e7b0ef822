// Hovers and clickable links on ticket ids in any text document. Settings apply live: turning hovers off disposes
// the providers, a new id pattern is compiled (a bad one warns once and the default is used).
import { t } from '../../common/l10n';
import * as vscode from 'vscode';
import { isTicketApiError } from '../../api/errors';
import { errorText } from '../../common/errorText';
import { commandUri } from '../../tickets/display';
import type { TicketService } from '../../tickets/types';
import { errorHoverMarkdown, signedOutHoverMarkdown, ticketHoverMarkdown, type HoverContent } from './hoverMarkdown';
import { compileIdPattern, findTicketIds, ticketIdAt, type IdDetectionOptions } from './idDetection';
import { Commands } from '../../common/commands';
import { getSetting, onDidChangeSettings, openSetting } from '../../settings/configuration';
import { notificationText } from '../../common/untrustedText';

/** Documents with more lines than this get links only in their first lines (huge logs stay responsive). */
const MAX_LINK_LINES = 5000;

/** Where ids are looked for: files and unsaved editors, notebooks, virtual workspaces. Not output panels or settings UI. */
export const TICKET_ID_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-notebook-cell' },
  { scheme: 'vscode-vfs' },
  { scheme: 'vscode-remote' },
];

function toMarkdown(content: HoverContent): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(content.markdown, content.supportThemeIcons);
  // Our links run only our own commands; the ticket text is escaped and cannot add links anyway.
  markdown.isTrusted = content.enabledCommands.length ? { enabledCommands: content.enabledCommands } : false;
  markdown.supportHtml = false;
  return markdown;
}

export class TicketHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly service: TicketService,
    private readonly detection: () => IdDetectionOptions,
    /** A ticket's hover was shown (the Get Started walkthrough's "Hover ticket ids" step is done). */
    private readonly onDidShowTicket: () => void = () => {},
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    // ticketIdAt finds nothing on lines over the length guard (minified code, data dumps).
    const match = ticketIdAt(document.lineAt(position.line).text, position.character, this.detection());
    if (!match) return undefined;
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    const cached = this.service.peekTicket(match.ticketId);
    if (cached) {
      this.onDidShowTicket();
      return new vscode.Hover(toMarkdown(ticketHoverMarkdown(cached, Date.now())), range);
    }
    if (token.isCancellationRequested) return undefined;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const ticket = await this.service.getTicket(match.ticketId, { signal: controller.signal });
      this.onDidShowTicket();
      return new vscode.Hover(toMarkdown(ticketHoverMarkdown(ticket, Date.now())), range);
    } catch (error) {
      if (token.isCancellationRequested || (isTicketApiError(error) && error.kind === 'aborted')) return undefined;
      if (isTicketApiError(error) && error.kind === 'signedOut') {
        return new vscode.Hover(toMarkdown(signedOutHoverMarkdown(match.ticketId)), range);
      }
      return new vscode.Hover(toMarkdown(errorHoverMarkdown(match.ticketId, errorText(error))), range);
    } finally {
      subscription.dispose();
    }
  }
}

export class TicketLinkProvider implements vscode.DocumentLinkProvider {
  constructor(
    private readonly detection: () => IdDetectionOptions,
    /** Called when the document shows ticket ids: a hover or click is likely, so the connection is opened now. */
    private readonly onIdsShown: () => void = () => undefined,
  ) {}

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const options = this.detection();
    const lines = Math.min(document.lineCount, MAX_LINK_LINES);
    for (let lineNumber = 0; lineNumber < lines; lineNumber++) {
      if (token.isCancellationRequested) break;
      for (const match of findTicketIds(document.lineAt(lineNumber).text, options)) {
        const link = new vscode.DocumentLink(
          new vscode.Range(lineNumber, match.start, lineNumber, match.end),
          vscode.Uri.parse(commandUri(Commands.openTicket, [match.ticketId])),
        );
        link.tooltip = t('Open ticket {0}', match.ticketId);
        links.push(link);
      }
    }
    if (links.length > 0) this.onIdsShown();
    return links;
  }
}

/** Registers the hover and link providers and keeps them in step with the settings. */
/** `onDidShowTicket`: a ticket's hover was shown. */
export function registerHovers(service: TicketService, onDidShowTicket?: () => void): vscode.Disposable[] {
  let detection: IdDetectionOptions = { pattern: compileIdPattern(undefined).pattern, requireContext: true };
  let registrations: vscode.Disposable[] = [];
  let warnedPattern: string | undefined;

  const apply = () => {
    const source = getSetting('idPattern');
    const compiled = compileIdPattern(source);
    if (compiled.error && warnedPattern !== source) {
      warnedPattern = source;
      void vscode.window
        .showWarningMessage(
          t('{0} Using the default ticket id pattern.', notificationText(compiled.error).replace(/([^.。])$/, '$1.')),
          t('Open Settings'),
        )
        .then((choice) => {
          if (choice) void openSetting('idPattern');
        });
    }
    detection = { pattern: compiled.pattern, requireContext: getSetting('hover.requireContext') };
    const enabled = getSetting('hover.enabled');
    if (enabled && registrations.length === 0) {
      registrations = [
        vscode.languages.registerHoverProvider(
          TICKET_ID_DOCUMENTS,
          new TicketHoverProvider(service, () => detection, onDidShowTicket),
        ),
        vscode.languages.registerDocumentLinkProvider(
          TICKET_ID_DOCUMENTS,
          new TicketLinkProvider(
            () => detection,
            () => service.warm(),
          ),
        ),
      ];
    } else if (!enabled && registrations.length > 0) {
      registrations.forEach((r) => r.dispose());
      registrations = [];
    } else if (enabled) {
      // Same providers, new pattern: re-register the link provider so open editors compute their links again.
      registrations[1]?.dispose();
      registrations[1] = vscode.languages.registerDocumentLinkProvider(
        TICKET_ID_DOCUMENTS,
        new TicketLinkProvider(
          () => detection,
          () => service.warm(),
        ),
      );
    }
  };

  apply();
  return [
    onDidChangeSettings(['idPattern', 'hover.enabled', 'hover.requireContext'], apply),
    { dispose: () => registrations.forEach((r) => r.dispose()) },
  ];
}
