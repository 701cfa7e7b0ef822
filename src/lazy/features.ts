// What loads on first use rather than at activation (dist/features.js): the ticket panels and their acting code, the
// New Ticket form, the watcher, the agent tools and the sign-in flow. Activation registers their commands, webview
// serializers and tools; their code arrives through loadFeatures() the first time one is used.
export { TicketPanels } from '../features/details/ticketPanels';
export { autoRefreshSeconds, defaultActingUi, panelActing } from '../features/details/actingAdapter';
export { DraftStore } from '../features/details/draftStore';
export { TicketWrites } from '../tickets/ticketWrites';
export { NewTicketForm } from '../features/new-ticket/newTicketForm';
export { registerWatcher } from '../features/watcher/register';
export { createAgentTools } from '../features/agent-tools/registerAgentTools';
export { SignInFlow } from '../auth/signIn';
