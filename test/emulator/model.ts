// The emulator's stored data and the wire labels the real service sends with it.

export type StatusValue = 1 | 2 | 3 | 4 | 5 | 6;
export type SeverityValue = 1 | 2;
export type Language = 'zh' | 'en';

export interface StoredTicket {
  ticketId: string;
  title: string;
  description: string;
  /** Epoch ms. */
  createTime: number;
  creatorId: string;
  categoryId: string;
  status: StatusValue;
  severity: SeverityValue;
  /** Overrides the localized label (the hostile seed uses this: labels are server text too). */
  statusLabel?: string;
  severityLabel?: string;
  /** Set by CreateTicket (no read action returns them; tests read them through getTicket). */
  email?: string;
  attachments?: StoredAttachment[];
  secretInfo?: { content: string; fileNames: string[] };
}

export interface StoredAttachment {
  name: string;
  url: string;
}

export interface StoredNote {
  /** A number on the wire (the official SDK model types it 'number'). */
  dialogId: number;
  createTime: number;
  /** 1 card, 2 text. */
  type: 1 | 2;
  /** 1 unread, 2 read. */
  readStatus: 1 | 2;
  content: string;
  schema: string;
  userName: string;
  /** 2 agent, 3 user. */
  role: 2 | 3;
  attachments: StoredAttachment[];
}

/** What `addTicket` accepts: everything but the title may be left out. */
export interface TicketInput {
  ticketId?: string;
  title: string;
  description?: string;
  createTime?: number;
  creatorId?: string;
  categoryId?: string;
  status?: StatusValue;
  severity?: SeverityValue;
  statusLabel?: string;
  severityLabel?: string;
}

export interface NoteInput {
  dialogId?: number;
  createTime?: number;
  type?: 1 | 2;
  readStatus?: 1 | 2;
  content: string;
  schema?: string;
  userName?: string;
  /** 'agent' (2) or 'user' (3). Default 'user'. */
  role?: 'agent' | 'user' | 2 | 3;
  attachments?: StoredAttachment[];
}

/** Status codes as the API's StatusList filter names them. */
export const STATUS_NAMES: Record<StatusValue, string> = {
  1: 'assigned',
  2: 'dealing',
  3: 'wait_feedback',
  4: 'feedback',
  5: 'wait_confirm',
  6: 'confirmed',
};

export const STATUS_LABELS: Record<Language, Record<StatusValue, string>> = {
  zh: { 1: '待处理', 2: '处理中', 3: '等待您反馈', 4: '已反馈', 5: '待确认', 6: '已完成' },
  en: {
    1: 'Pending',
    2: 'Processing',
    3: 'Waiting for your feedback',
    4: 'Feedback received',
    5: 'To be confirmed',
    6: 'Completed',
  },
};

export const SEVERITY_LABELS: Record<Language, Record<SeverityValue, string>> = {
  zh: { 1: '一般问题', 2: '紧急问题' },
  en: { 1: 'Common', 2: 'Urgent' },
};

/** Same shape as the documented ids: upper-case letters and digits, 9–10 characters. */
export const TICKET_ID_SHAPE = /^[0-9A-Z]{9,10}$/;
