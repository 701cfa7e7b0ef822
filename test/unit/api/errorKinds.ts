// The error kinds a read ends with: every TicketErrorKind but 'unknownOutcome', which only a write whose outcome is
// unknown gets. As a record, so that a kind added to TicketErrorKind and missing here fails to compile.
import type { TicketErrorKind } from '../../../src/api/errors';

type ReadErrorKind = Exclude<TicketErrorKind, 'unknownOutcome'>;

const READ_KINDS: Record<ReadErrorKind, true> = {
  notFound: true,
  badRequest: true,
  auth: true,
  signature: true,
  clockSkew: true,
  permission: true,
  throttled: true,
  server: true,
  network: true,
  timeout: true,
  aborted: true,
  malformed: true,
  config: true,
  signedOut: true,
};

export const READ_ERROR_KINDS = Object.keys(READ_KINDS) as ReadErrorKind[];
