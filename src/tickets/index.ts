export * from './types';
export { createTicketService, TicketServiceImpl, listKey, abortedError, signedOutError } from './ticketService';
export { LruCache } from './lruCache';
export { ConcurrencyLimiter } from './limiter';
