// Round trips per user action over a real distance, with the real TicketService and client. Runs in its own process
// so that NODE_EXTRA_CA_CERTS (the run's throwaway certificate) is trusted here only; the latency proxy and TLS front
// (bench/distance.mjs) run here too, so that it can count each action's round trips.
//   node bench/roundtrips-child.cjs <bundle> '<{ emulatorPort, certFile, keyFile, credentials, ids, rttMs }>'
// Prints one JSON line: per action, round trips (counted by the proxy) and milliseconds.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const [bundle, inputJson] = process.argv.slice(2);
const { createTicketService, TicketClient } = require(bundle);
const input = JSON.parse(inputJson);

(async () => {
  const { startDistance } = await import(pathToFileURL(path.join(__dirname, 'distance.mjs')).href);
  const certificate = { key: readFileSync(input.keyFile), cert: readFileSync(input.certFile) };
  const distance = await startDistance(input.emulatorPort, { rttMs: input.rttMs, certificate });
  const client = new TicketClient({ endpoint: distance.url, credentials: input.credentials, maxAttempts: 1 });
  const service = createTicketService({ getClient: () => client });
  const [coldId, warmId, hoverId] = input.ids;
  const measure = async (work) => {
    distance.startAction();
    const t0 = performance.now();
    await work();
    const ms = performance.now() - t0;
    return { roundTrips: distance.roundTrips(), ms };
  };
  // The details panel asks for the ticket and its conversation together (TicketPanels.load).
  const openPanel = (id) => Promise.all([service.getTicket(id), service.getNotes(id)]);
  const out = {};
  out.openCold = await measure(() => openPanel(coldId));
  out.openWarm = await measure(() => openPanel(warmId));
  out.hoverUncached = await measure(() => service.getTicket(hoverId));
  out.expandGroup = await measure(() =>
    service.listTickets({ pageNumber: 1, pageSize: 50, statuses: ['wait_feedback'] }),
  );
  out.hoverCached = await measure(() => service.getTicket(hoverId));
  out.reopenPanel = await measure(() => openPanel(warmId));
  // Warmed first (as when a ticket id is on screen: the link provider calls TicketService.warm()), then opened.
  const warmedClient = new TicketClient({ endpoint: distance.url, credentials: input.credentials, maxAttempts: 1 });
  const warmedService = createTicketService({ getClient: () => warmedClient });
  warmedService.warm();
  await new Promise((r) => setTimeout(r, 5 * input.rttMs));
  out.openAfterWarm = await measure(() =>
    Promise.all([warmedService.getTicket(coldId), warmedService.getNotes(coldId)]),
  );
  await warmedClient.close();
  out.tcpConnections = distance.connections;
  await client.close();
  await distance.stop();
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
