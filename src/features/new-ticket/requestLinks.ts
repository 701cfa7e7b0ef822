// RequestIds and ticket ids where problems show up: a hover on a RequestId in any editor, and terminal links on
// RequestIds ("Create ticket about this request") and ticket ids ("Open ticket"). Only detection: nothing is sent
// until the user opens something and, for a new ticket, presses Submit.
import * as vscode from 'vscode';
import { Commands } from '../../common/commands';
import { t } from '../../common/l10n';
import { commandUri } from '../../tickets/display';
import { compileIdPattern, findTicketIds, type IdDetectionOptions } from '../hover/idDetection';
import { TICKET_ID_DOCUMENTS } from '../hover/ticketHovers';
import { findRequestIds, requestIdAt } from './requestId';
import { getSetting } from '../../settings/configuration';

const CREATE_ABOUT_REQUEST_COMMAND = Commands.createTicketAboutRequest;

/** Where a RequestId was found, as passed to CREATE_ABOUT_REQUEST_COMMAND (the command reads the line itself). */
export interface RequestIdPlace {
  requestId: string;
  /** Document URI and 0-based line, when it came from an editor. */
  uri?: string;
  line?: number;
  /** The terminal line, when it came from a terminal. */
  text?: string;
}

class RequestIdHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!getSetting('hover.enabled')) return undefined;
    const match = requestIdAt(document.lineAt(position.line).text, position.character);
    if (!match) return undefined;
    const place: RequestIdPlace = { requestId: match.requestId, uri: document.uri.toString(), line: position.line };
    const markdown = new vscode.MarkdownString(
      `${t('Alibaba Cloud RequestId {0}', `\`${match.requestId}\``)}\n\n[$(add) ${t('Create ticket about this request')}](${commandUri(CREATE_ABOUT_REQUEST_COMMAND, [place])})`,
      true,
    );
    markdown.isTrusted = { enabledCommands: [CREATE_ABOUT_REQUEST_COMMAND] };
    return new vscode.Hover(markdown, new vscode.Range(position.line, match.start, position.line, match.end));
  }
}

interface TicketsTerminalLink extends vscode.TerminalLink {
  command: string;
  argument: unknown;
}

class TicketsTerminalLinkProvider implements vscode.TerminalLinkProvider<TicketsTerminalLink> {
  private compiled: { source: string; pattern: RegExp } | undefined;

  provideTerminalLinks(context: vscode.TerminalLinkContext): TicketsTerminalLink[] {
    const line = context.line;
    const links: TicketsTerminalLink[] = findRequestIds(line).map((m) => ({
      startIndex: m.start,
      length: m.end - m.start,
      tooltip: t('Create ticket about this request'),
      command: CREATE_ABOUT_REQUEST_COMMAND,
      argument: { requestId: m.requestId, text: line } satisfies RequestIdPlace,
    }));
    for (const m of findTicketIds(line, this.detection())) {
      links.push({
        startIndex: m.start,
        length: m.end - m.start,
        tooltip: t('Open ticket {0}', m.ticketId),
        command: Commands.openTicket,
        argument: m.ticketId,
      });
    }
    return links;
  }

  handleTerminalLink(link: TicketsTerminalLink): void {
    void vscode.commands.executeCommand(link.command, link.argument);
  }

  /** The same ticket-id rules as the editor hovers (aliyunTickets.idPattern, hover.requireContext). */
  private detection(): IdDetectionOptions {
    const source = getSetting('idPattern');
    if (this.compiled?.source !== source) this.compiled = { source, pattern: compileIdPattern(source).pattern };
    return { pattern: this.compiled.pattern, requireContext: getSetting('hover.requireContext') };
  }
}

export function registerRequestLinks(): vscode.Disposable[] {
  return [
    vscode.languages.registerHoverProvider(TICKET_ID_DOCUMENTS, new RequestIdHoverProvider()),
    vscode.window.registerTerminalLinkProvider(new TicketsTerminalLinkProvider()),
  ];
}

/** Exposed for the tests: the links a terminal line gets. */
export function terminalLinksFor(line: string): Array<{ text: string; tooltip: string; command: string }> {
  return new TicketsTerminalLinkProvider().provideTerminalLinks({ line } as vscode.TerminalLinkContext).map((l) => ({
    text: line.slice(l.startIndex, l.startIndex + l.length),
    tooltip: l.tooltip ?? '',
    command: l.command,
  }));
}
