// The extension's one writer of VS Code's globalState. VS Code applies an update to the extension host's copy at once
// and sends the whole state to the window on the next turn; the window stores it and sends every stored state back,
// and what comes back replaces the host's copy. An update made while an earlier one is on its way is undone when the
// earlier state comes back, and is lost for good if the next update goes out before its own state returns (the
// extension host's ExtHostMemento and the window's MainThreadStorage; microsoft/vscode#137132). The extension writes
// often (drafts at every change, recent tickets, seen marks, account scopes), so updates here go out one batch at a
// time: a batch waits until the window has stored the previous one, whose state comes back before the reply does.
// Reads see queued and in-flight values meanwhile. Another window's change can still arrive at any time; that is
// VS Code's to order. No vscode import.

/** What VS Code's Memento offers (context.globalState). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
  keys(): readonly string[];
}

/** A queued deletion (update(key, undefined)). */
const DELETED = Symbol('deleted');
type Stored = unknown | typeof DELETED;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class OrderedMemento implements MementoLike {
  /** Updates not yet handed to VS Code, the latest per key. */
  private queued = new Map<string, Stored>();
  private waiting: Waiter[] = [];
  /** The batch VS Code has, until the window has stored it. */
  private sent = new Map<string, Stored>();
  private writing: Promise<void> | undefined;

  constructor(private readonly inner: MementoLike) {}

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    for (const layer of [this.queued, this.sent]) {
      if (layer.has(key)) {
        const value = layer.get(key);
        return value === DELETED ? defaultValue : (value as T);
      }
    }
    return this.inner.get<T>(key) ?? defaultValue;
  }

  keys(): readonly string[] {
    const keys = new Set(this.inner.keys());
    for (const layer of [this.sent, this.queued])
      for (const [key, value] of layer) {
        if (value === DELETED) keys.delete(key);
        else keys.add(key);
      }
    return [...keys];
  }

  /** Resolves once the window has stored this value (or a later one of the same batch). */
  update(key: string, value: unknown): Promise<void> {
    // A copy, as VS Code keeps one: a caller changing its object afterwards changes nothing stored.
    this.queued.set(key, value === undefined ? DELETED : JSON.parse(JSON.stringify(value)));
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.writing ??= this.drain();
    return done;
  }

  /** Resolves once every update made so far is stored. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Updates made in the same turn go out together (VS Code sends them as one state anyway).
    await Promise.resolve();
    try {
      while (this.queued.size) {
        this.sent = this.queued;
        this.queued = new Map();
        const waiters = this.waiting;
        this.waiting = [];
        const results = await Promise.allSettled(
          [...this.sent].map(async ([key, value]) => this.inner.update(key, value === DELETED ? undefined : value)),
        );
        this.sent = new Map();
        const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        for (const waiter of waiters) {
          if (failure) waiter.reject(failure.reason);
          else waiter.resolve();
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
