// Public shapes of the API layer. Wire shapes (PascalCase, string enums) are mapped to these in client.ts.
// Nothing here (or anywhere under src/api) may import 'vscode'.

import { messageText, renderText, type MessageText } from './messageText';
import type { NetworkOptions } from './network/options';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token; present when accessKeyId starts with "STS.". */
  securityToken?: string;
}

/** Either fixed credentials or an async source (SecretStorage, environment, CLI profile). */
export type CredentialsSource = Credentials | (() => Promise<Credentials>);

export type SignatureVersion = 'v3' | 'v1';

export interface TicketClientOptions {
  /** Base URL. Default 'https://workorder.aliyuncs.com'. http is allowed only for loopback hosts. */
  endpoint?: string;
  credentials: CredentialsSource;
  /** Bounds each attempt. Default 10 000 ms. */
  timeoutMs?: number;
  /** Attempts in all, first try included. Default 3. */
  maxAttempts?: number;
  /** Default 'v3' (ACS3-HMAC-SHA256). */
  signatureVersion?: SignatureVersion;
  /**
   * HTTP proxy URL, http:// or https://, optionally with user:password@ (never logged or shown). Used for every
   * request, loopback included. When absent or empty: HTTPS_PROXY / HTTP_PROXY (lower case first) unless NO_PROXY
   * lists the host; loopback hosts (the emulator) never go through an environment proxy.
   */
  proxy?: string;
  /** VS Code's network settings (http.noProxy, http.proxyAuthorization, http.proxyStrictSSL, system certificates). */
  network?: NetworkOptions;
  /** Called once per attempt, after it ends; secrets are never part of it. */
  onRequest?: (event: RequestLogEvent) => void;
  /** Clock used for x-acs-date / Timestamp (tests use it to model clock skew). Default Date.now. */
  now?: () => number;
  /** First retry delay before jitter; doubles per attempt. Default 300 ms. */
  retryBaseDelayMs?: number;
  /**
   * Longest wait before a retry. When the server's x-acs-retry-after asks for longer, the client gives up at once
   * with a 'throttled' error carrying retryAfterMs (so the UI can say how long to wait). Default 10 000 ms.
   */
  maxRetryDelayMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface RequestLogEvent {
  action: string;
  /** The ticket the request is about (GetTicket, ListTicketNotes, …), so log lines say which one. */
  ticketId?: string;
  attempt: number;
  /** HTTP status, or 0 when no response arrived. */
  httpStatus: number;
  durationMs: number;
  requestId?: string;
  /** Error code when the attempt failed. */
  code?: string;
  /** Set when another attempt follows. */
  retryInMs?: number;
}

export type StatusValue = 1 | 2 | 3 | 4 | 5 | 6;
export type SeverityValue = 1 | 2;

export interface TicketStatus {
  value: StatusValue;
  /** Localized by the server, e.g. "已完成" or "Completed". */
  label: string;
}

export interface TicketSeverity {
  value: SeverityValue;
  label: string;
}

export interface Ticket {
  ticketId: string;
  title: string;
  description: string;
  /** Epoch ms. */
  createTime: number;
  creatorId: string;
  categoryId: string;
  status: TicketStatus;
  severity: TicketSeverity;
}

export interface TicketSummary {
  ticketId: string;
  title: string;
  status: TicketStatus;
}

export interface TicketPage {
  tickets: TicketSummary[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
}

export type StatusName = 'assigned' | 'dealing' | 'wait_feedback' | 'feedback' | 'wait_confirm' | 'confirmed';

export interface ListTicketsQuery {
  /** ≥ 1 */
  pageNumber: number;
  /** 10..100 */
  pageSize: number;
  /** Fuzzy match on the description. */
  keyword?: string;
  /** Sent as StatusList.1, StatusList.2, ... */
  statuses?: StatusName[];
  /** Creation time window, epoch ms; both or neither are sent. */
  startDate?: number;
  endDate?: number;
  /** Only these tickets (TicketIdList, comma-joined): one request answers for many ids. */
  ticketIds?: string[];
}

/** 2 = support agent, 3 = the customer (you). */
export type NoteUserRole = 2 | 3 | number;

export interface TicketAttachment {
  name: string;
  url: string;
}

export interface TicketNote {
  dialogId: string;
  /** Epoch ms. */
  createTime: number;
  content: string;
  userName: string;
  userRole: NoteUserRole;
  attachments: TicketAttachment[];
  /** The API's Status 1 (unread); false for 2 (read) or when absent. */
  unread?: boolean;
}

export interface AccessDeniedDetail {
  AuthAction?: string;
  AuthPrincipalDisplayName?: string;
  AuthPrincipalOwnerId?: string;
  AuthPrincipalType?: string;
  NoPermissionType?: string;
  PolicyType?: string;
  [key: string]: unknown;
}

/** Status value -> the API's status name, in the order support moves a ticket along. */
export const STATUS_NAMES: Record<StatusValue, StatusName> = {
  1: 'assigned',
  2: 'dealing',
  3: 'wait_feedback',
  4: 'feedback',
  5: 'wait_confirm',
  6: 'confirmed',
};

/**
 * Our names of the statuses, defined once: English here (the fallback when the server's localized label is missing,
 * and what the agent tools tell a model), translated for the user by tickets/display.ts (statusLabel).
 */
export const STATUS_TEXT: Record<StatusValue, MessageText> = {
  1: messageText('Pending response'),
  2: messageText('Processing'),
  3: messageText('Waiting for your feedback'),
  4: messageText('Feedback received'),
  5: messageText('To be confirmed'),
  6: messageText('Completed'),
};

/** Our names of the severities (as STATUS_TEXT). */
export const SEVERITY_TEXT: Record<SeverityValue, MessageText> = {
  1: messageText('Common'),
  2: messageText('Urgent'),
};

const english = <K extends number>(texts: Record<K, MessageText>): Record<K, string> =>
  Object.fromEntries(Object.entries<MessageText>(texts).map(([k, text]) => [k, renderText(text)])) as Record<K, string>;

/** English status names. */
export const STATUS_LABELS: Record<StatusValue, string> = english(STATUS_TEXT);
/** English severity names. */
export const SEVERITY_LABELS: Record<SeverityValue, string> = english(SEVERITY_TEXT);

// ------------------------------------------------------------------ write actions, catalogue and attachments

/** Languages ListProducts / ListCategories answer in. */
export type CatalogLanguage = 'zh' | 'en' | 'jp';

export interface ReplyTicketOptions extends RequestOptions {
  /** Confidential reply (the API's Encrypt). Default false. */
  encrypt?: boolean;
  /** ObjectKeys returned by uploadAttachment. */
  attachments?: string[];
}

export interface EvaluateTicketInput {
  solved: boolean;
  /** Whole number 1..5. */
  score: number;
  content?: string;
}

export interface CreateTicketInput {
  categoryId: string | number;
  /** 1 common, 2 urgent. */
  severity: SeverityValue;
  title?: string;
  description: string;
  email?: string;
  /** ObjectKeys returned by uploadAttachment. */
  attachments?: string[];
  /** Sent apart, as SecretInfo: passwords, keys, anything support must not show around. */
  secret?: { content?: string; attachments?: string[] };
}

export interface CatalogQuery {
  /** Fuzzy match on the name. */
  name?: string;
  language?: CatalogLanguage;
}

export interface ProductDirectory {
  directoryId: string;
  directoryName: string;
  products: Array<{ productId: string; productName: string }>;
}

export interface TicketCategory {
  categoryId: string;
  categoryName: string;
}

export interface UploadOptions extends RequestOptions {
  /** Called as the bytes go out: sent so far and the total. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}
