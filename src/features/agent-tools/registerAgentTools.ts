// The agent tools as VS Code calls them (deferredTools.ts registers them at activation and builds these on first use):
// the thin adapter between the language model API and AgentTools (tools.ts). Names, descriptions and input schemas are contributed in package.json (languageModelTools).
import * as vscode from 'vscode';
import { t } from '../../common/l10n';
import type { TicketService } from '../../tickets/types';
import type { ReplyDrafts } from './replyDrafts';
import { AgentTools, TOOL_NAMES } from './tools';

export interface AgentToolsWiring {
  service: TicketService;
  /** Shows a ticket's panel (the draft tool opens the ticket whose reply box it filled). */
  openPanel: (ticketId: string) => unknown;
  /** Where drafts go: the panel's reply box and the signed-in account's drafts. */
  drafts: ReplyDrafts;
}

/**
 * The three tools by name, as registered: the extension-host tests call their prepareInvocation as VS Code does
 * (VS Code answers its own confirmation dialog with "yes" in test runs, so the dialog's text is checked at the source).
 */
export function createAgentTools(
  context: vscode.ExtensionContext,
  wiring: AgentToolsWiring,
): Record<string, vscode.LanguageModelTool<unknown>> {
  const tools = new AgentTools({ service: wiring.service, drafts: wiring.drafts });

  const getTicket: vscode.LanguageModelTool<unknown> = {
    prepareInvocation: (options) => ({
      invocationMessage: t('Reading Alibaba Cloud ticket {0}', idForMessage(options.input)).trim(),
    }),
    invoke: async (options, token) =>
      textResult(await withSignal(token, (signal) => tools.getTicket(options.input, signal))),
  };
  const listTickets: vscode.LanguageModelTool<unknown> = {
    prepareInvocation: () => ({ invocationMessage: t('Listing Alibaba Cloud support tickets') }),
    invoke: async (options, token) =>
      textResult(await withSignal(token, (signal) => tools.listTickets(options.input, signal))),
  };
  const draftReply: vscode.LanguageModelTool<unknown> = {
    prepareInvocation: async (options, token) => {
      const confirmation = await withSignal(token, (signal) => tools.prepareDraft(options.input, signal));
      return {
        invocationMessage: idForMessage(options.input)
          ? t('Putting a draft reply into ticket {0}', idForMessage(options.input))
          : t('Putting a draft reply into a ticket'),
        // Without usable input there is nothing to confirm: invoke answers what is wrong and stores nothing.
        confirmationMessages: confirmation && {
          title: confirmation.title,
          message: new vscode.MarkdownString(confirmation.message),
        },
      };
    },
    invoke: async (options, token) =>
      textResult(await withSignal(token, (signal) => tools.draftReply(options.input, signal))),
  };

  return {
    [TOOL_NAMES.getTicket]: getTicket,
    [TOOL_NAMES.listTickets]: listTickets,
    [TOOL_NAMES.draftReply]: draftReply,
  };
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The ticket id the model passed, for progress messages only: short, one line, never markup. */
function idForMessage(input: unknown): string {
  const raw = input && typeof input === 'object' ? (input as { ticketId?: unknown }).ticketId : undefined;
  return typeof raw === 'string' && /^[A-Za-z0-9]{1,32}$/.test(raw.trim()) ? raw.trim().toUpperCase() : '';
}

/** Runs `work` with an AbortSignal that fires when VS Code cancels the tool call. */
async function withSignal<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const listener = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  try {
    return await work(controller.signal);
  } finally {
    listener.dispose();
  }
}
