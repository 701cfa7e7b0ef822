// The agent tools' names, apart from their code: activation registers the tools under these names (deferredTools.ts)
// and loads the tools themselves on their first use.

/** Tool names as contributed in package.json (languageModelTools) and registered with vscode.lm.registerTool. */
export const TOOL_NAMES = {
  getTicket: 'aliyunTickets_getTicket',
  listTickets: 'aliyunTickets_listTickets',
  draftReply: 'aliyunTickets_draftReply',
} as const;
