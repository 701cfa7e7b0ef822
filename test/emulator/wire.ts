// What the emulator puts on the wire: the API envelope, the gateway's error body, and the wire shapes of tickets,
// plus the small parameter readers the actions share.
import { randomUUID } from 'crypto';
import { Language, SEVERITY_LABELS, STATUS_LABELS, STATUS_NAMES, StatusValue, StoredTicket } from './model';

/** One answer: status, JSON body, extra headers. */
export type Outcome = { status: number; body: unknown; headers?: Record<string, string> };

/** Error answered by the gateway layer (signature, credentials, throttling): {RequestId, HostId, Code, Message, Recommend}. */
export class GatewayError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function success(requestId: string): Record<string, unknown> {
  return { RequestId: requestId, Success: true, Code: 0, Message: 'success', AccessDeniedDetail: '' };
}

export function apiError(requestId: string, code: string, message: string): Record<string, unknown> {
  return { RequestId: requestId, Success: false, Code: code, Message: message, AccessDeniedDetail: '' };
}

export function illegalParam(requestId: string, message: string): Outcome {
  return { status: 400, body: apiError(requestId, 'illegal.param', message) };
}

export function gatewayBody(err: GatewayError, requestId: string): Record<string, unknown> {
  return {
    RequestId: requestId,
    HostId: 'workorder.aliyuncs.com',
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Workorder&requestId=${requestId}`,
  };
}

export function gatewayOutcome(err: GatewayError, requestId: string): Outcome {
  return { status: err.status, body: gatewayBody(err, requestId) };
}

export function statusWire(t: StoredTicket, language: Language): { Label: string; Value: string } {
  return { Label: t.statusLabel ?? STATUS_LABELS[language][t.status], Value: String(t.status) };
}

export function ticketWire(t: StoredTicket, language: Language): Record<string, unknown> {
  return {
    TicketId: t.ticketId,
    Title: t.title,
    Description: t.description,
    CreateTime: t.createTime,
    CreatorId: t.creatorId,
    CategoryId: t.categoryId,
    Status: statusWire(t, language),
    Severity: { Label: t.severityLabel ?? SEVERITY_LABELS[language][t.severity], Value: String(t.severity) },
  };
}

export function strictInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** `Name.1`, `Name.2`, … in index order. */
export function repeatList(params: Map<string, string>, name: string): string[] {
  const items: Array<[number, string]> = [];
  for (const [k, v] of params) {
    const m = /^(.+)\.(\d+)$/.exec(k);
    if (m && m[1] === name) items.push([Number(m[2]), v]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export function statusFromParam(value: string): StatusValue | undefined {
  if (/^[1-6]$/.test(value)) return Number(value) as StatusValue;
  for (const [num, name] of Object.entries(STATUS_NAMES)) if (name === value) return Number(num) as StatusValue;
  return undefined;
}

/** A comma-joined FileNameList as its entries. */
export function fileNameList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}
