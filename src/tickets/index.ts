export * from './types';
export { createTicketService, TicketServiceImpl, listKey, toTicketApiError } from './ticketService';
export { LruCache } from './lruCache';
export { ConcurrencyLimiter } from './limiter';
