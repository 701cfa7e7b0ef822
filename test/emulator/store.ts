// The emulator's data: tickets, their conversations, ratings and uploaded attachments, with the few operations the
// actions and the control API share (add a ticket, add a note, change a status). No HTTP here.
import { NoteInput, StatusValue, StoredAttachment, StoredNote, StoredTicket, TicketInput } from './model';
import { buildSeed, generateTicketId, SeedName } from './seed';

export interface Evaluation {
  solved: boolean;
  score: number;
  content: string;
}

export interface StoredUpload {
  objectKey: string;
  fileName: string;
  /** Undefined until the signed PUT arrives. */
  bytes?: Buffer;
}

export interface NewNote {
  content: string;
  role: 2 | 3;
  /** 1 unread (what support's new notes are), 2 read. */
  readStatus?: 1 | 2;
  userName?: string;
  attachments?: StoredAttachment[];
}

function roleOf(role: NoteInput['role']): 2 | 3 {
  return role === 'agent' || role === 2 ? 2 : 3;
}

export class EmulatorStore {
  tickets = new Map<string, StoredTicket>();
  notes = new Map<string, StoredNote[]>();
  readonly evaluations = new Map<string, Evaluation>();
  readonly uploads = new Map<string, StoredUpload>();
  private dialogSeq = 100_000;
  private uploadSeq = 0;

  constructor(private readonly now: () => number) {}

  load(seed: SeedName): void {
    const data = buildSeed(seed, this.now());
    this.tickets = new Map(data.tickets.map((t) => [t.ticketId, t]));
    this.notes = data.notes;
    this.evaluations.clear();
    this.uploads.clear();
  }

  /** Adds (or replaces) a ticket and its conversation; returns a copy of the stored ticket (id generated when omitted). */
  addTicket(
    input: TicketInput & Partial<Pick<StoredTicket, 'email' | 'attachments' | 'secretInfo'>>,
    notes: NoteInput[] = [],
  ): StoredTicket {
    const ticket: StoredTicket = {
      ticketId: input.ticketId ?? generateTicketId(Math.random, (id) => this.tickets.has(id)),
      title: input.title,
      description: input.description ?? '',
      createTime: input.createTime ?? this.now(),
      creatorId: input.creatorId ?? '1604499804113750',
      categoryId: input.categoryId ?? '7161',
      status: input.status ?? 1,
      severity: input.severity ?? 1,
      ...(input.statusLabel !== undefined ? { statusLabel: input.statusLabel } : {}),
      ...(input.severityLabel !== undefined ? { severityLabel: input.severityLabel } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.attachments !== undefined ? { attachments: input.attachments } : {}),
      ...(input.secretInfo !== undefined ? { secretInfo: input.secretInfo } : {}),
    };
    this.tickets.set(ticket.ticketId, ticket);
    this.notes.set(
      ticket.ticketId,
      notes.map((n, i) => ({
        dialogId: n.dialogId ?? ++this.dialogSeq,
        createTime: n.createTime ?? ticket.createTime + (i + 1) * 60_000,
        type: n.type ?? 2,
        readStatus: n.readStatus ?? 2,
        content: n.content,
        schema: n.schema ?? '',
        userName: n.userName ?? (roleOf(n.role) === 2 ? 'Alibaba Cloud Support' : 'demo-user'),
        role: roleOf(n.role),
        attachments: n.attachments ?? [],
      })),
    );
    return { ...ticket };
  }

  /** Appends a note now; support's notes arrive unread (Status 1) unless told otherwise, yours read. */
  addNote(ticketId: string, note: NewNote): StoredNote {
    const stored: StoredNote = {
      dialogId: ++this.dialogSeq,
      createTime: this.now(),
      type: 2,
      readStatus: note.readStatus ?? (note.role === 2 ? 1 : 2),
      content: note.content,
      schema: '',
      userName: note.userName ?? (note.role === 2 ? 'Alibaba Cloud Support' : 'demo-user'),
      role: note.role,
      attachments: note.attachments ?? [],
    };
    const list = this.notes.get(ticketId) ?? [];
    list.push(stored);
    this.notes.set(ticketId, list);
    return stored;
  }

  setStatus(ticketId: string, status: StatusValue): StoredTicket {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`No ticket ${ticketId} in the emulator`);
    ticket.status = status;
    return { ...ticket };
  }

  /** Every stored ticket, newest first (the order ListTickets uses). */
  sortedTickets(): StoredTicket[] {
    return [...this.tickets.values()].sort((a, b) => b.createTime - a.createTime || (a.ticketId < b.ticketId ? -1 : 1));
  }

  /** Reserves an object key for a file about to be uploaded. */
  reserveUpload(fileName: string): StoredUpload {
    const objectKey = `workorder/attachments/${this.now()}-${++this.uploadSeq}/${fileName.replace(/,/g, '_')}`;
    const upload: StoredUpload = { objectKey, fileName };
    this.uploads.set(objectKey, upload);
    return upload;
  }
}
