// Finding Alibaba Cloud RequestIds in a line of text (C499BB0F-630D-5BE6-B3EA-5FCD95B85503: a UUID in upper case).
// No vscode import. Lower-case UUIDs are left alone: they are everywhere in code and logs and are not RequestIds.
import { MAX_LINE_LENGTH } from '../hover/idDetection';

const REQUEST_ID = /(?<![0-9A-Za-z-])[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}(?![0-9A-Za-z-])/g;

export interface RequestIdMatch {
  requestId: string;
  /** Offsets in the line (end exclusive). */
  start: number;
  end: number;
}

/** Every RequestId in the line, left to right; none on lines longer than the hover's guard. */
export function findRequestIds(line: string): RequestIdMatch[] {
  if (line.length > MAX_LINE_LENGTH) return [];
  const out: RequestIdMatch[] = [];
  for (const match of line.matchAll(REQUEST_ID)) {
    // A run of one repeated digit (00000000-0000-...) is a placeholder, not a request.
    if (/^[0-]+$/.test(match[0])) continue;
    const start = match.index ?? 0;
    out.push({ requestId: match[0], start, end: start + match[0].length });
  }
  return out;
}

export function requestIdAt(line: string, character: number): RequestIdMatch | undefined {
  return findRequestIds(line).find((m) => character >= m.start && character <= m.end);
}

export function isRequestId(value: unknown): value is string {
  return (
    typeof value === 'string' && findRequestIds(value).length === 1 && findRequestIds(value)[0].requestId === value
  );
}
