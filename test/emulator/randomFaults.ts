// Faults at random, for the fault soak (issue 23): every API request meets a fault with probability `rate`, of a kind
// drawn from `kinds` (default: every kind the emulator has), from a seeded generator so that a failing run can be
// replayed with its seed. Each action draws from its own sequence: the third ReplyTicket meets the same fault under
// the same seed however many reads ran in between (background refreshes change those). Queued faults come first.
import { FAULT_KINDS, type Fault, type FaultKind } from './faults';
import { seededRandom } from './seed';

export interface RandomFaultOptions {
  /** 0..1: the share of requests that meet a fault. */
  rate: number;
  /** Any integer; the same seed and the same requests give the same faults. */
  seed: number;
  kinds?: readonly FaultKind[];
}

/** The fault of each kind the random source gives: short waits, so that a run stays quick. */
const RANDOM_FAULTS: Record<FaultKind, Fault> = {
  throttle: { kind: 'throttle', retryAfterMs: 50 },
  status: { kind: 'status', status: 503 },
  slow: { kind: 'slow', delayMs: 150 },
  drop: { kind: 'drop' },
  dropAfterProcessing: { kind: 'dropAfterProcessing' },
  malformed: { kind: 'malformed' },
  html: { kind: 'html', status: 502 },
  forbidden: { kind: 'forbidden' },
};

/** A small stable hash of an action's name, to give each action its own sequence. */
function actionSalt(action: string): number {
  let h = 0;
  for (let i = 0; i < action.length; i++) h = (Math.imul(h, 31) + action.charCodeAt(i)) >>> 0;
  return h;
}

export class RandomFaults {
  private readonly sequences = new Map<string, () => number>();
  private readonly kinds: readonly FaultKind[];
  /** How many faults of each kind were given so far. */
  readonly given: Record<string, number> = {};

  constructor(readonly options: RandomFaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new Error('rate must be within 0..1');
    this.kinds = options.kinds?.length ? options.kinds : FAULT_KINDS;
    for (const kind of this.kinds) if (!FAULT_KINDS.includes(kind)) throw new Error(`unknown fault kind ${kind}`);
  }

  /** The fault this request for `action` meets, if any. */
  take(action: string): Fault | undefined {
    let next = this.sequences.get(action);
    if (!next) this.sequences.set(action, (next = seededRandom((this.options.seed ^ actionSalt(action)) >>> 0)));
    if (next() >= this.options.rate) return undefined;
    const kind = this.kinds[Math.floor(next() * this.kinds.length)];
    this.given[kind] = (this.given[kind] ?? 0) + 1;
    return RANDOM_FAULTS[kind];
  }
}
