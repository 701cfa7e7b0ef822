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
  // Wall time and this process's CPU time of one action.
  const time = async (work) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await work();
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
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
  // Round trips waited: wall time less this process's own work (TLS keys, signing, JSON; slow on a busy machine).
  for (const [action, { ms, cpuMs }] of Object.entries(results)) out[action] = { ms, cpuMs, roundTrips: Math.round(Math.max(0, ms - cpuMs) / input.rttMs) };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
