// What the integration suites share: the run's environment (set by scripts/run-integration-tests.mjs), the
// extension under test, the emulator's control API, and the "probe" through which a test acts as the person at the
// browser (types into the extension's input boxes, reads notifications and webviews).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AliyunTicketsTestApi } from '../../src/testSurface';
import { DEMO_CREDENTIALS } from '../emulator/credentials';
import type { NoteInput, TicketInput } from '../emulator/model';
import type { Fault, RecordedRequest, StoredTicket } from '../emulator/server';

export {
  DEMO_CREDENTIALS,
  STS_CREDENTIALS,
  EXPIRED_STS_CREDENTIALS,
  DISABLED_CREDENTIALS,
  OTHER_ACCOUNT_CREDENTIALS,
} from '../emulator/credentials';

export const EXTENSION_ID = 'aliyun-tickets.aliyun-tickets';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these suites with npm run test:integration`);
  return value;
}

export const testEnv = {
  get emulatorUrl(): string {
    return required('TICKETS_TEST_EMULATOR_URL');
  },
  /** Missing under @vscode/test-electron (no browser page to drive): UI-driven tests skip themselves there. */
  get probeUrl(): string | undefined {
    return process.env.TICKETS_TEST_PROBE_URL;
  },
  get userDataDir(): string | undefined {
    return process.env.TICKETS_TEST_USER_DATA_DIR;
  },
  get runDir(): string | undefined {
    return process.env.TICKETS_TEST_RUN_DIR;
  },
};

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    }
    await sleep(100);
  }
}

/**
 * Sets a user setting under aliyunTickets and waits until the extension host sees it: the same update fires the
 * extension's onDidChangeConfiguration listeners, so they have run when this returns. `undefined` resets it.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('aliyunTickets').update(key, value, vscode.ConfigurationTarget.Global);
  const seen = () => vscode.workspace.getConfiguration('aliyunTickets').inspect(key)?.globalValue;
  await waitFor(
    `the setting ${key} = ${JSON.stringify(value)}`,
    () => JSON.stringify(seen()) === JSON.stringify(value) || undefined,
  );
}

/** The extension, activated; its exports are the test surface (src/testSurface.ts). */
export async function activateExtension<T = AliyunTicketsTestApi>(): Promise<T> {
  const extension = vscode.extensions.getExtension<T>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export type { AliyunTicketsTestApi };

// ---- the emulator's HTTP control API ------------------------------------------------------------------------------
// The emulator's own types (its fault kinds, its request log, its stored tickets), imported so they cannot drift.
export type { Fault, RecordedRequest };
export type EmulatorTicket = StoredTicket;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${testEnv.emulatorUrl}/__emulator/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export const emulator = {
  inject: (fault: Fault & { action?: string; times?: number }) => control('POST', 'faults', fault),
  /** Back to a seed's tickets (default demo: a suite before may have switched to 'hostile'), no faults, true clock. */
  reset: (seed: 'demo' | 'empty' | 'hostile' = 'demo') => control('POST', 'reset', { seed }),
  /** The emulator's clock runs `offsetMs` ahead of ours (clock-skew checks). */
  clock: (offsetMs: number) => control('POST', 'clock', { offsetMs }),
  disableKey: (accessKeyId: string) => control('POST', 'keys/disable', { accessKeyId }),
  clearFaults: () => control('DELETE', 'faults'),
  requests: async (): Promise<RecordedRequest[]> =>
    ((await control('GET', 'requests')) as { requests: RecordedRequest[] }).requests,
  clearRequests: () => control('DELETE', 'requests'),
  tickets: async (): Promise<EmulatorTicket[]> =>
    ((await control('GET', 'tickets')) as { tickets: EmulatorTicket[] }).tickets,
  /** A ticket of the suite's own, with its conversation so far. */
  addTicket: (ticket: TicketInput, notes: NoteInput[] = []) => control('POST', 'tickets', { ticket, notes }),
  /** Support writes in a ticket; the note as the server keeps it. */
  addSupportNote: async (
    ticketId: string,
    note: { content: string; userName?: string },
  ): Promise<{ dialogId: number | string }> =>
    ((await control('POST', `tickets/${encodeURIComponent(ticketId)}/notes`, note)) as { note: { dialogId: string } })
      .note,
  setStatus: (ticketId: string, status: number) =>
    control('POST', `tickets/${encodeURIComponent(ticketId)}/status`, { status }),
  ticket: async (ticketId: string): Promise<EmulatorTicket> => {
    const found = (await emulator.tickets()).find((t) => t.ticketId === ticketId);
    if (!found) throw new Error(`the emulator has no ticket ${ticketId}`);
    return found;
  },
};

// ---- the probe: act and look as the person at the browser ---------------------------------------------------------
export interface QuickInputState {
  visible: boolean;
  title: string;
  message: string;
  placeholder: string;
  inputType: string;
  /** 'error' while validateInput reports a problem with the current value. */
  severity: string;
  value: string;
  rows: string[];
}

async function probe<T>(method: string, path: string, body?: unknown): Promise<T> {
  const base = testEnv.probeUrl;
  if (!base) throw new Error('no browser page to drive here (TICKETS_TEST_PROBE_URL unset)');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const value = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`probe ${method} ${path}: ${value.error ?? res.status}`);
  return value;
}

export const ui = {
  available: () => !!testEnv.probeUrl,
  /** Every notification seen: its text, when, and the links and icons its message drew. */
  notifications: () =>
    probe<{ text: string; at: number; links?: string[]; icons?: string[] }[]>('GET', '/notifications'),
  /** Scrolls the notification center's list by `by` pixels (it draws only the rows in view). */
  scrollNotifications: (by: number) => probe('POST', '/notifications/scroll', { by }),
  /** The status-bar items whose accessible name contains `name`: their text and the icons they draw. */
  statusBar: (name: string) => probe<{ text: string; icons: string[] }[]>('POST', '/status-bar', { name }),
  quickInput: () => probe<QuickInputState>('GET', '/quick-input'),
  fillQuickInput: (text: string) => probe('POST', '/quick-input/fill', { text }),
  /** A key pressed wherever the focus is. */
  press: (key: string) => probe('POST', '/press', { key }),
  /** A key pressed in the quick input (the extension's input box). */
  pressInQuickInput: (key: string) => probe('POST', '/quick-input/press', { key }),
  /** Clicks the quick input's title-bar button whose tooltip contains `label`. */
  clickQuickInputButton: (label: string) => probe('POST', '/quick-input/button', { label }),
  webviews: () => probe<{ url: string; html: string }[]>('GET', '/webviews'),
  /** The addresses the workbench opened in a new browser tab, as the browser requested them. */
  opened: () => probe<{ url: string; at: number }[]>('GET', '/opened'),
  screenshot: (name: string) => probe<{ file: string }>('POST', '/screenshot', { name }),

  /**
   * Waits for an input box (or quick pick) whose title/prompt/placeholder matches and returns what it shows; when none
   * comes, the error says what the quick input showed last, with a screenshot. `timeoutMs`: longer for a box whose
   * feature's code loads on first use.
   */
  async quickInputShowing(match: RegExp, timeoutMs = 10_000): Promise<QuickInputState> {
    let last: QuickInputState | undefined;
    return waitFor(
      `an input box matching ${match}`,
      async () => {
        const s = (last = await ui.quickInput());
        return s.visible && match.test(`${s.title} ${s.message} ${s.placeholder}`) ? s : undefined;
      },
      timeoutMs,
    ).catch(async (error: Error) => {
      const shot = await ui.screenshot(`no-input-box-${Date.now()}`).catch(() => undefined);
      throw new Error(
        `${error.message}; the quick input shows ${JSON.stringify(last)}${shot ? `; screenshot ${shot.file}` : ''}`,
      );
    });
  },

  /** Waits for an input box (or quick pick) whose title/prompt/placeholder matches, types `text` and presses Enter. */
  async answer(match: RegExp, text: string): Promise<QuickInputState> {
    const state = await ui.quickInputShowing(match);
    await ui.fillQuickInput(text);
    // Enter counts only once the extension's validateInput has answered for this value (it runs in the extension
    // host, a round trip away): wait until the box holds the text and shows no validation error twice in a row.
    let calm = 0;
    await waitFor(`the input box to accept ${match}`, async () => {
      const s = await ui.quickInput();
      if (s.value !== text) await ui.fillQuickInput(text);
      calm = s.value === text && s.severity !== 'error' ? calm + 1 : 0;
      return calm >= 2;
    });
    // A person whose Enter did not register presses it again: the same box with the same text still up after a
    // moment means the key was lost (focus moving between the notification center and the quick input).
    for (let tries = 0; ; tries++) {
      await ui.pressInQuickInput('Enter');
      const moved = await waitFor(
        'the input box to close or change',
        async () => {
          const s = await ui.quickInput();
          return !s.visible || s.title !== state.title || s.value !== text || undefined;
        },
        1500,
      ).then(
        () => true,
        () => false,
      );
      if (moved || tries >= 2) break;
    }
    return state;
  },

  /**
   * Waits for a notification whose text matches `match` and that appeared after `since` (epoch ms).
   * With the smoke-test driver on (needed for the test payload) the workbench shows no toasts, so this opens the
   * notification center (the bell) where the same notifications are listed, and the page recorder reads them there.
   */
  async waitForNotification(match: RegExp, since = 0, timeoutMs = 15_000): Promise<string> {
    const found = await waitFor(
      `a notification matching ${match}`,
      async () => {
        await vscode.commands.executeCommand('notifications.showList');
        return (await ui.notifications()).find((n) => n.at >= since && match.test(n.text));
      },
      timeoutMs,
    );
    return found.text;
  },
};

/**
 * Skips the running test (or, from a before hook, its whole suite) where there is no browser page to drive: desktop
 * VS Code under @vscode/test-electron. Says why in the output, since mocha only lists a skipped test as pending.
 */
export function skipWithoutBrowserPage(context: Mocha.Context): void {
  if (ui.available()) return;
  const runnable = context.test;
  // From a hook the whole suite is skipped (mocha's Hook has type 'hook'; @types/mocha leaves it out).
  const title =
    (runnable as { type?: string } | undefined)?.type === 'hook'
      ? runnable?.parent?.fullTitle()
      : runnable?.fullTitle();
  console.log(
    `skipped "${title}": it types into input boxes or reads notifications through the browser page, which only the code-server runner (npm run test:integration) has`,
  );
  context.skip();
}

/**
 * Where a suite on the demo tickets starts (its before hook): the extension active, the emulator back to the demo
 * seed with no faults, signed in with the demo key (kept when a suite before signed in), a calm workbench. With
 * `watcher: false` the window's own watcher stops polling, for suites that drive watcher ticks themselves or must
 * count every request.
 */
export async function onDemoTickets(options: { watcher?: false } = {}): Promise<AliyunTicketsTestApi> {
  const api = await activateExtension();
  if (options.watcher === false) await setSetting('watcher.enabled', false);
  await emulator.reset();
  if (!(await api.auth.isSignedIn())) await api.auth.signInWith(DEMO_CREDENTIALS);
  await calmWorkbench();
  return api;
}

/** Closes every notification toast and editor so the next test starts from a calm workbench. */
export async function calmWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('notifications.hideList');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
