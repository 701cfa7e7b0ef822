// Faults in the middle of an action (issue 23, item 3). The extension as built (dist/extension.js, with the vscode
// stand-in of the benchmarks) runs the main flows against the emulator over real HTTP while 10% of the requests meet
// a fault at random, of every kind the emulator has (dropped after processing included), from a printed seed:
// FAULT_SEED=<seed> replays a run. Afterwards: no write sent twice, no unhandled rejection and no error in the log,
// every failure told in words, nothing the user wrote lost, and the views agree with the server once the faults stop.
// The flows run in a child process (bench/soak/faults-child.cjs): the stand-in replaces `vscode` for the whole process.
import { strict as assert } from 'assert';
import { spawn, type ChildProcessByStdio } from 'child_process';
import type { Readable, Writable } from 'stream';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { DEMO_CREDENTIALS, FAULT_KINDS, TicketEmulator, type RecordedRequest } from '../../emulator/server';
import { OTHER_ACCOUNT_CREDENTIALS } from '../../emulator/credentials';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const ROUNDS = 8;
const RATE = 0.1;
const DEFAULT_SEED = 63889;

interface Outcome {
  flow: string;
  ok: boolean;
  text: string;
  worded: boolean;
}
interface Faulted {
  phase: 'faulted';
  outcomes: Outcome[];
  replies: Array<{ ticketId: string; text: string; sent: boolean; kept: boolean }>;
  creates: Array<{ title: string; created: boolean; kept: boolean }>;
}
interface Calm {
  phase: 'calm';
  rows: Array<{ ticketId: string; status: number }>;
  panels: Array<{ ticketId: string; status?: number }>;
  resent: Array<{ text: string; sent: boolean; notice?: string }>;
  unhandled: string[];
  logErrors: string[];
  accounts: Array<{ id: string; active: boolean }>;
}

/** Processed writes of `action`, counted by the parameter that tells one write from another. */
function processedBy(requests: readonly RecordedRequest[], action: string, key: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    if (r.action !== action || !r.processed) continue;
    const value = r.body[key] ?? r.query[key] ?? '';
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

describe('faults in the middle of an action (10% of requests, every fault kind, seeded)', function () {
  this.timeout(240_000);
  let emu: TicketEmulator;
  let child: ChildProcessByStdio<Writable, Readable, null>;
  let storageDir: string;
  // Each action draws its faults from its own sequence (test/emulator/randomFaults.ts), so a seed replays the same
  // faults on the same writes. The default one gives every write action a drop after processing in its first six
  // calls; FAULT_SEED=random tries another.
  const seed =
    process.env.FAULT_SEED === 'random'
      ? Math.floor(Math.random() * 2 ** 31)
      : Number(process.env.FAULT_SEED) || DEFAULT_SEED;
  let faulted: Faulted;
  let calm: Calm;
  let given: Record<string, number>;
  let requests: RecordedRequest[] = [];

  before(async () => {
    // The seed first: a failure below is replayed with it.
    console.log(`      fault seed ${seed} (FAULT_SEED=${seed} npm run test:unit replays it)`);
    emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-soak-'));
    const open = emu.allTickets().filter((t) => t.status >= 1 && t.status <= 5);
    const tickets = Array.from({ length: ROUNDS }, (_, i) => [open[2 * i].ticketId, open[2 * i + 1].ticketId]);
    emu.injectAtRandom({ rate: RATE, seed });
    const input = {
      url: emu.url,
      credentials: DEMO_CREDENTIALS,
      otherCredentials: OTHER_ACCOUNT_CREDENTIALS,
      rounds: ROUNDS,
      storageDir,
      tickets,
      seed,
    };
    child = spawn(process.execPath, [path.join(root, 'bench', 'soak', 'faults-child.cjs'), JSON.stringify(input)], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const messages: unknown[] = [];
    const waiters: Array<() => void> = [];
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      messages.push(JSON.parse(line));
      waiters.splice(0).forEach((w) => w());
    });
    child.on('exit', () => waiters.splice(0).forEach((w) => w()));
    const next = async <T>(phase: string): Promise<T> => {
      for (;;) {
        const found = messages.find(
          (m) => (m as { phase: string }).phase === phase || (m as { phase: string }).phase === 'crashed',
        );
        if (found) {
          if ((found as { phase: string }).phase === 'crashed')
            throw new Error(`the flows crashed: ${(found as { error: string }).error}`);
          return found as T;
        }
        if (child.exitCode !== null) throw new Error(`the flows ended (${child.exitCode}) before ${phase}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    faulted = await next<Faulted>('faulted');
    given = emu.randomFaultsGiven;
    requests = [...emu.requests];
    // The faults stop; the child refreshes, sends again what was kept, and says what its views show.
    emu.clearFaults();
    child.stdin.write('calm\n');
    calm = await next<Calm>('calm');
    requests = [...emu.requests];
  });

  after(async () => {
    if (child && child.exitCode === null) child.kill();
    await emu?.stop();
    if (storageDir) fs.rmSync(storageDir, { recursive: true, force: true });
  });

  it('met faults of every kind, dropped-after-processing included', () => {
    const total = Object.values(given).reduce((a, b) => a + b, 0);
    const share = total / requests.length;
    assert.ok(share > RATE / 3 && share < RATE * 3, `${total} faults in ${requests.length} requests`);
    const failed = faulted.outcomes.filter((o) => !o.ok).map((o) => o.flow);
    console.log(
      `      ${requests.length} requests, ${total} faults ${JSON.stringify(given)}; ${failed.length} of ${faulted.outcomes.length} actions failed (${failed.join(', ')})`,
    );
    const missing = FAULT_KINDS.filter((kind) => !given[kind]);
    assert.ok(missing.length <= 2, `kinds never met: ${missing.join(', ')} (given ${JSON.stringify(given)})`);
  });

  it('sent no write twice', () => {
    for (const [action, key] of [
      ['ReplyTicket', 'Content'],
      ['CreateTicket', 'Title'],
      ['CloseTicket', 'TicketId'],
      ['EvaluateTicket', 'TicketId'],
    ] as const) {
      for (const [value, count] of processedBy(requests, action, key))
        assert.strictEqual(count, 1, `${action} carried out ${count} times for ${key} ${value}`);
    }
    for (const reply of faulted.replies) {
      const copies = emu.notesOf(reply.ticketId).filter((n) => n.content === reply.text).length;
      assert.ok(copies <= 1, `"${reply.text}" is ${copies} times in the conversation`);
    }
    for (const create of faulted.creates) {
      const copies = emu.allTickets().filter((t) => t.title === create.title).length;
      assert.ok(copies <= 1, `"${create.title}" was created ${copies} times`);
    }
  });

  it('told every failure in words, with no unhandled rejection and no error in the log', () => {
    const failures = faulted.outcomes.filter((o) => !o.ok);
    assert.ok(failures.length > 0, 'the faults made some action fail');
    const unworded = failures.filter((o) => !o.worded);
    assert.deepStrictEqual(unworded, [], 'failures without words');
    assert.deepStrictEqual(calm.unhandled, []);
    assert.deepStrictEqual(calm.logErrors, []);
  });

  it('lost nothing the user wrote: what did not arrive stayed in the draft and arrives once sent again', () => {
    for (const reply of faulted.replies) assert.ok(reply.sent || reply.kept, `the reply "${reply.text}" is lost`);
    for (const create of faulted.creates) assert.ok(create.kept, `the new ticket "${create.title}" is lost`);
    for (const r of calm.resent) assert.ok(r.sent, `sending "${r.text}" again after the faults: ${r.notice}`);
    for (const reply of faulted.replies) {
      const copies = emu.notesOf(reply.ticketId).filter((n) => n.content === reply.text).length;
      if (reply.sent || calm.resent.some((r) => r.text === reply.text))
        assert.strictEqual(copies, 1, `"${reply.text}" is ${copies} times in the conversation`);
    }
  });

  it('agrees with the server once the faults stop: panels, the Tickets view and the accounts', () => {
    for (const panel of calm.panels)
      assert.strictEqual(panel.status, emu.getTicket(panel.ticketId)?.status, `the panel of ${panel.ticketId}`);
    assert.ok(calm.rows.length > 0, 'the Tickets view lists tickets');
    for (const row of calm.rows)
      assert.strictEqual(row.status, emu.getTicket(row.ticketId)?.status, `the row of ${row.ticketId}`);
    assert.strictEqual(calm.accounts.length, 1, 'one account, the one switched back to');
  });
});
