// The API layer's public surface (bundled as dist/api.js). Nothing under src/api imports 'vscode'.
export * from './types';
export {
  TicketApiError,
  isTicketApiError,
  signedOutError,
  fromResponse,
  kindForResponse,
  sanitizeError,
} from './errors';
export { describeError } from './errorWording';
export type { TicketErrorKind, TicketApiErrorInit, FailedResponse } from './errors';
export { formatMessage, messageText, renderText } from './messageText';
export type { MessageArg, MessageText, Translate } from './messageText';
export { TicketClient, API_VERSION } from './client';
export {
  getTicketParams,
  listTicketsParams,
  listTicketNotesParams,
  listProductsParams,
  listCategoriesParams,
  attachmentUploadUrlParams,
  INVALID_ARGUMENT,
} from './params';
export type { ActionParams } from './params';
export {
  replyTicketParams,
  closeTicketParams,
  reopenTicketParams,
  evaluateTicketParams,
  createTicketParams,
} from './writeParams';
export { WRITE_ACTIONS, isWriteAction, isRetryable } from './actionPolicy';
export { MAX_ATTACHMENT_BYTES, checkUploadUrl } from './upload';
export { validateEndpoint, isLoopbackHost, DEFAULT_ENDPOINT } from './endpoint';
export { redactSecrets, REDACTED } from './redact';
export {
  percentEncode,
  canonicalQueryString,
  canonicalHeaders,
  canonicalRequestV3,
  formEncode,
  formatAcsDate,
  newNonce,
  sha256Hex,
  signV3,
  signV1,
  stringToSignV1,
  v1CommonParams,
  V3_ALGORITHM,
} from './sign';
export type { V3Request, V3Signature, V1Signature, V1CommonParamsInput } from './sign';
export { parseActionResponse, parseEnvelope, parseRetryAfter, toTicket, toTicketPage, toTicketNotes } from './response';
export type { RawResponse } from './response';
export { isUndiciLoaded } from './http';
export {
  credentialsFromEnvironment,
  credentialsFromAliyunCli,
  parseAliyunCliConfig,
  findCredentials,
  defaultAliyunConfigPath,
  SUPPORTED_CLI_MODES,
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  ENV_SECURITY_TOKEN,
  ENV_PROFILE,
} from './credentials';
export type { FoundCredentials, FindCredentialsOptions } from './credentials';
