// What loads on first use rather than at activation (dist/features.js): the ticket panels and their acting code, the
// New Ticket form, the watcher, the agent tools, the sign-in flow, the Tickets view's filter prompt and the team templates. Activation
// registers their commands, webview serializers and tools; their code arrives through loadFeatures() on first use.
export { TicketPanels } from '../features/details/ticketPanels';
export { autoRefreshSeconds, defaultActingUi, panelActing } from '../features/details/actingAdapter';
export { DraftStore } from '../features/details/draftStore';
export { TicketWrites } from '../tickets/ticketWrites';
export { NewTicketForm } from '../features/new-ticket/newTicketForm';
export { registerWatcher } from '../features/watcher/register';
export { createAgentTools } from '../features/agent-tools/registerAgentTools';
export { SignInFlow } from '../auth/signIn';
export { promptForFilter } from '../features/explorer/filterPrompt';
export { prepareTicket } from '../features/templates/prepareTicket';
