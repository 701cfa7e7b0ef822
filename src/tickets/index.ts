export * from './types';
export { createTicketService, TicketServiceImpl, listKey, signedOutError, toTicketApiError } from './ticketService';
export { LruCache } from './lruCache';
export { ConcurrencyLimiter } from './limiter';
