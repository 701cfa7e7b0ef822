// Waits until the ticket service has nothing in flight or queued: the requests a step caused are all in the emulator's
// log before the step's count is read.
import type { TicketServiceImpl } from '../../../src/tickets/ticketService';

export async function settled(service: Pick<TicketServiceImpl, 'stats'>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const stats = service.stats();
    if (stats.inFlight === 0 && stats.queued === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('requests never settled');
}
