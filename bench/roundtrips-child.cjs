// Round trips per user action over the latency proxy (bench/distance.mjs), with the real TicketService and client.
// Runs in its own process so that NODE_EXTRA_CA_CERTS (the run's throwaway certificate) is trusted here only.
//   node bench/roundtrips-child.cjs <bundle> '<{ url, credentials, ids, rttMs }>'
// Prints one JSON line: milliseconds and round trips per action.
'use strict';
const [bundle, inputJson] = process.argv.slice(2);
const { createTicketService, TicketClient } = require(bundle);
const input = JSON.parse(inputJson);

(async () => {
  const client = new TicketClient({ endpoint: input.url, credentials: input.credentials, maxAttempts: 1 });
  const service = createTicketService({ getClient: () => client });
  const [coldId, warmId, hoverId] = input.ids;
  const time = async (work) => {
    const t0 = performance.now();
    await work();
    return performance.now() - t0;
  };
  // The details panel asks for the ticket and its conversation together (TicketPanels.load).
  const openPanel = (id) => Promise.all([service.getTicket(id), service.getNotes(id)]);
  const results = {};
  results.openCold = await time(() => openPanel(coldId));
  results.openWarm = await time(() => openPanel(warmId));
  results.hoverUncached = await time(() => service.getTicket(hoverId));
  results.expandGroup = await time(() => service.listTickets({ pageNumber: 1, pageSize: 50, statuses: ['wait_feedback'] }));
  results.hoverCached = await time(() => service.getTicket(hoverId));
  results.reopenPanel = await time(() => openPanel(warmId));
  await client.close();
  const out = {};
  // Whole round trips waited: what is left over (under one round trip) is this process's own work (TLS keys, JSON).
  for (const [action, ms] of Object.entries(results)) out[action] = { ms, roundTrips: Math.floor(ms / input.rttMs) };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
