// A VS Code profile with several windows, for the several-windows tests (issue 23, item 2): each window is a Node
// process running the built extension (bench/soak/window-child.cjs); this process keeps what VS Code's main process
// keeps for all of them: the profile's SecretStorage (a secret written in one window is there for all, and every
// window hears secrets.onDidChange) and its globalState (a change made in one window reaches the others' copies), and
// they share one global storage folder. Their clocks are fake and move in step (advance), all from one wall time, so
// a lease written in one window expires at the same moment in all of them. Nothing here waits for real time: each
// call returns once the window has nothing in flight.
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const CHILD = path.join(root, 'bench', 'soak', 'window-child.cjs');

type Message =
  | { kind: 'ready'; pid: number }
  | { kind: 'storage'; id: number; op: string; key: string; value?: unknown }
  | { kind: 'result'; id: number; value?: unknown; error?: string };

/** One window: an extension host over the profile's storage. */
export class Window {
  readonly pid: number;
  private nextCall = 1;
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  exited = false;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    pid: number,
  ) {
    this.pid = pid;
    child.on('exit', () => {
      this.exited = true;
      for (const call of this.calls.values()) call.reject(new Error(`window ${name} exited`));
      this.calls.clear();
    });
  }

  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`window ${this.name} is gone`));
    const id = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ kind: 'call', id, op, args });
    });
  }

  answered(message: { id: number; value?: unknown; error?: string }): void {
    const call = this.calls.get(message.id);
    this.calls.delete(message.id);
    if (message.error) call?.reject(new Error(`${this.name}: ${message.error}`));
    else call?.resolve(message.value);
  }

  send(message: unknown): void {
    if (!this.exited && this.child.connected) this.child.send(message as object);
  }

  /** The window crashes: the process is killed, nothing of it runs to its end. */
  crash(): Promise<void> {
    return new Promise((resolve) => {
      if (this.exited) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  close(): Promise<void> {
    return this.crash();
  }
}

export class Profile {
  readonly storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'windows-profile-'));
  readonly secrets = new Map<string, string>();
  readonly state = new Map<string, unknown>();
  readonly windows: Window[] = [];
  /** The windows' shared fake clock: monotonic ms since the profile opened, and the wall time at 0. */
  mono = 0;
  private readonly wallStart = Date.now();

  constructor(
    private readonly url: string,
    private readonly watcherIntervalSeconds: number,
  ) {}

  /** Opens a window (its clock joins the others' where they are); resolves once the extension is active. */
  async open(name: string, focused = false): Promise<Window> {
    const input = {
      url: this.url,
      storageDir: this.storageDir,
      wallStart: this.wallStart,
      monoStart: this.mono,
      focused,
      watcherIntervalSeconds: this.watcherIntervalSeconds,
      state: Object.fromEntries(this.state),
    };
    const child = fork(CHILD, [JSON.stringify(input)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Every message is handled from the start: the extension asks for its secrets while it activates.
    const opened: { window?: Window } = {};
    const early: Message[] = [];
    const ready = new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`window ${name} exited (${code}) before it was ready`)));
      child.on('message', (message: Message) => {
        if (message.kind === 'ready') resolve(message.pid);
        else if (!opened.window) early.push(message);
        else this.receive(opened.window, message);
      });
    });
    const window = (opened.window = new Window(name, child, await ready));
    for (const message of early.splice(0)) this.receive(window, message);
    this.windows.push(window);
    await window.call('settle');
    return window;
  }

  /** The windows still running. */
  live(): Window[] {
    return this.windows.filter((w) => !w.exited);
  }

  private receive(window: Window, message: Message): void {
    if (message.kind === 'result') window.answered(message);
    else if (message.kind === 'storage') this.store(window, message);
  }

  /** What VS Code's main process does with a window's storage request; every window hears of a change. */
  private store(from: Window, request: { id: number; op: string; key: string; value?: unknown }): void {
    let value: unknown;
    switch (request.op) {
      case 'secret.get':
        value = this.secrets.get(request.key);
        break;
      case 'secret.store':
        this.secrets.set(request.key, String(request.value));
        break;
      case 'secret.delete':
        this.secrets.delete(request.key);
        break;
      case 'state.update':
        if (request.value === undefined) this.state.delete(request.key);
        else this.state.set(request.key, request.value);
        break;
    }
    from.send({ kind: 'answer', id: request.id, value });
    if (request.op === 'secret.store' || request.op === 'secret.delete')
      for (const w of this.live()) w.send({ kind: 'secretChanged', key: request.key });
    if (request.op === 'state.update')
      for (const w of this.live())
        if (w !== from) w.send({ kind: 'stateChanged', key: request.key, value: request.value });
  }

  /** Until every window has nothing in flight (the changes one window made have reached the others). */
  async settle(): Promise<void> {
    // Twice: what one window's settling set off in another is settled by the second round.
    for (let round = 0; round < 2; round++) for (const w of this.live()) await w.call('settle');
  }

  /**
   * Moves every window's clock on by `ms` in steps of `stepMs`, each window in turn at each step; `after` runs after
   * each step and stops the advance by returning true. Returns how far the clock moved.
   */
  async advance(ms: number, stepMs = 1000, after?: () => Promise<boolean | void>): Promise<number> {
    let moved = 0;
    while (moved < ms) {
      const step = Math.min(stepMs, ms - moved);
      for (const w of this.live()) await w.call('advance', { ms: step });
      this.mono += step;
      moved += step;
      await this.settle();
      if (after && (await after())) break;
    }
    return moved;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.windows.map((w) => w.close()));
    fs.rmSync(this.storageDir, { recursive: true, force: true });
  }
}
