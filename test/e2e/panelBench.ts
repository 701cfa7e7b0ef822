// The UI benchmark's driver (bench/ui.mjs runs it in code-server + Chromium): times a person's way to a ticket's
// conversation on screen, from the key or click that asked for it, beside a bare webview (static HTML, no script,
// bench/ui/bare-webview) opened the same way in the same window. Every time is taken in the browser, on one clock:
// the Enter or mouse-down in the workbench, the webview's document first shown, the conversation painted (the frame
// after it is in the document); the emulator adds when each request arrived and was answered.
import type { Page } from 'playwright-core';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { cpuBetween, cpuCounters, type CpuCounters } from './processCpu';
import { commandTitle, manifestText, shownPattern } from './translations';
import type { Workbench } from './workbench';

/** One mark from a frame of the page: its name, when (ms since the epoch, sub-millisecond), and for a webview its kind. */
interface Mark {
  name: 'enter' | 'click' | 'frame' | 'html' | 'shown' | 'painted' | 'host';
  at: number;
  bare?: boolean;
  /** 'host': the webview host page's own performance mark (index.html's perfMark), e.g. 'content/started'. */
  detail?: string;
}

/** A request the emulator answered (ms since the epoch). */
export interface TimedRequest {
  action: string;
  start: number;
  end: number;
}

export interface PanelTiming {
  what: 'bare' | 'ticket';
  how: 'enter' | 'click';
  ticketId?: string;
  /** Key or click to the conversation (bare: the page) painted. */
  totalMs: number;
  /** When the key or click was (ms since the epoch, the page's clock): lines the figures up with a CPU profile. */
  startAt: number;
  /**
   * Key or click to the webview's frame made (its host page started): the command, the extension host's work before
   * it sends the panel, and the window's making of the editor and the webview.
   */
  frameMs: number;
  /** Key or click to the webview's document first written (the command, loading code on first use, the webview). */
  webviewMs: number;
  /**
   * Document written to shown: VS Code keeps a webview's new document hidden until it has loaded (its stylesheet and
   * script fetched through the webview's resource loader), or for at most 200 ms.
   */
  shownMs: number;
  /** Document written to painted (loading, the page's handshake, waiting for data, rendering). */
  pageMs: number;
  /** Requests the emulator answered meanwhile (and their actions, in order), and from the key to the last answer. */
  requests: number;
  actions: string[];
  /** The first request arrived (the extension host had made the panel: it asks in the same turn), the last answered. */
  requestsStartMs?: number;
  requestsDoneMs?: number;
  /**
   * The webview host page's steps, from the key or click (its own marks): it told the window it was ready, the first
   * and the last document arrived from the window (and how many did), its service worker answered, the empty frame
   * the document goes into loaded, the document was written.
   */
  host: HostSteps;
  /**
   * Milliseconds on a CPU per kind of process (extension host, renderers, browser, gpu, code-server, bench, other)
   * from just before the key or click until the bench saw the paint (a few ms after it); absent off Linux.
   */
  cpuMs?: Record<string, number>;
}

export interface HostSteps {
  readyMs?: number;
  firstContentMs?: number;
  lastContentMs?: number;
  contents: number;
  workerReadyMs?: number;
  frameLoadedMs?: number;
  writtenMs?: number;
}

/**
 * In every frame of the page: the workbench notes each Enter and mouse-down; a webview's host frame notes when it
 * starts (the window made the webview), then watches its content frame and notes when a document is first written
 * into it, when VS Code shows it (the frame made visible once the document loaded), and when the conversation (ours:
 * the notes list; bare: its heading) is painted on a shown frame. Runs before the workbench's own scripts (Playwright's init script), in each frame as it attaches.
 */
function frameTimers(): void {
  const w = window as unknown as { __benchMark?: (mark: unknown) => void };
  const now = () => performance.timeOrigin + performance.now();
  const report = (mark: object) => w.__benchMark?.({ ...mark, at: now() });
  if (window.top === window) {
    addEventListener('keydown', (e) => e.key === 'Enter' && report({ name: 'enter' }), true);
    addEventListener('mousedown', () => report({ name: 'click' }), true);
    return;
  }
  if (!/webview/.test(location.pathname)) return;
  // A webview's host page (index.html) starts: the window has made the webview. Its URL names the extension.
  if (/index\.html$/.test(location.pathname)) {
    const extensionId = new URLSearchParams(location.search).get('extensionId') ?? '';
    const bare = extensionId.startsWith('aliyun-tickets-bench.');
    report({ name: 'frame', bare });
    // The host page's own marks (webview/index.html/<step>): when it said it was ready, when each document arrived
    // ('content/started'), when its service worker was ready, its empty frame loaded and the document was written.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.name.startsWith('webview/index.html/'))
          w.__benchMark?.({
            name: 'host',
            bare,
            detail: entry.name.slice('webview/index.html/'.length),
            at: performance.timeOrigin + entry.startTime,
          });
    }).observe({ type: 'mark', buffered: true });
  }
  const written = new WeakSet<Document>();
  const shown = new WeakSet<Document>();
  const painted = new WeakSet<Document>();
  setInterval(() => {
    for (const frame of Array.from(document.querySelectorAll('iframe'))) {
      let doc: Document | null = null;
      try {
        doc = frame.contentDocument;
      } catch {
        continue;
      }
      if (!doc?.body || doc.location.href === 'about:blank') continue;
      const bare = !!doc.getElementById('bare-webview');
      if (!written.has(doc) && doc.body.childElementCount > 0) {
        written.add(doc);
        report({ name: 'html', bare });
      }
      // VS Code's webview host swaps a loaded document in by making its frame visible (the "active" frame).
      const visible = frame.id === 'active-frame' && frame.style.visibility !== 'hidden';
      if (!visible || !written.has(doc)) continue;
      if (!shown.has(doc)) {
        shown.add(doc);
        report({ name: 'shown', bare });
      }
      if (!painted.has(doc) && (bare || doc.querySelector('ol.notes > li'))) {
        painted.add(doc);
        requestAnimationFrame(() => report({ name: 'painted', bare }));
      }
    }
  }, 4);
}

function hostSteps(marks: readonly Mark[], from: number): HostSteps {
  const at = (detail: string) => marks.filter((m) => m.detail === detail).map((m) => m.at - from);
  const contents = at('content/started');
  return {
    readyMs: at('signalingReady')[0],
    firstContentMs: contents[0],
    lastContentMs: contents.at(-1),
    contents: contents.length,
    workerReadyMs: at('content/workerReady').at(-1),
    frameLoadedMs: at('content/innerFrameLoaded').at(-1),
    writtenMs: at('content/wroteInnerContent').at(-1),
  };
}

/** From a quick pick's row on screen to a person's Enter: the least it takes to see it (about a reaction time). */
const PERSON_SEES_ROW_MS = 200;

setFlagsFromString('--expose-gc');
/**
 * A full garbage collection of this process (Playwright, the emulator), run before each press: the collector's
 * work otherwise comes during some measurements (this process's CPU from the press to the paint was 25-35 ms in most
 * and 70-140 ms in streaks of several; 1.4 s of a --smoke run in V8's helper threads, where the collector works beside
 * the main thread), taking a core from the window on this 2-core machine. A person's window has no harness beside it.
 */
const collectHarnessGarbage = runInNewContext('gc') as () => void;

export class PanelBench {
  /** The processes' CPU counters read just before the key or click. */
  private cpuAtStart: CpuCounters | undefined;

  private constructor(
    private readonly wb: Workbench,
    private readonly requests: TimedRequest[],
    private readonly marks: Mark[],
  ) {}

  /** Installs the timers (call before the workbench is opened: page.goto); returns how to start the bench on it. */
  static async install(page: Page): Promise<(wb: Workbench, requests: TimedRequest[]) => PanelBench> {
    const marks: Mark[] = [];
    await page.exposeBinding('__benchMark', (_source, mark: Mark) => void marks.push(mark));
    await page.addInitScript(frameTimers);
    return (wb, requests) => new PanelBench(wb, requests, marks);
  }

  /**
   * The bare webview, from Enter in its quick pick (bareClick is the yardstick of a click). `scripted`: the warm-up's
   * webview, made as the ticket panel's is (scripts on, an inline script), with next to nothing in it; `typeset`: that
   * one showing a line in each text style of a ticket page (bench/ui/bare-webview).
   */
  async bare({
    scripted = false,
    typeset = false,
  }: { scripted?: boolean; typeset?: boolean } = {}): Promise<PanelTiming> {
    return this.measure('bare', 'enter', undefined, async () => {
      await this.wb.runCommand('Tickets Bench: Open Bare Webview');
      const row = typeset ? 'typeset' : scripted ? 'scripted' : 'bare';
      await this.typeThenEnter(/Open Bare Webview/, row);
    });
  }

  /** A ticket from Enter in Open Ticket (the id typed). */
  async openTicket(ticketId: string): Promise<PanelTiming> {
    return this.measure('ticket', 'enter', ticketId, async () => {
      await this.wb.runCommand(commandTitle('command.openTicket.title'));
      await this.typeThenEnter(shownPattern('Open Ticket'), ticketId);
    });
  }

  /**
   * A ticket from a click on its row in the Tickets view: the first of `candidates` (tickets with a conversation, not
   * opened before) whose row is on screen, the view opened and its first group expanded if need be. The list draws only
   * the rows on screen, so the bench clicks one that is there rather than scrolling to one.
   */
  async clickInTree(candidates: readonly string[]): Promise<PanelTiming> {
    return this.clickRow('ticket', candidates);
  }

  /**
   * The bare webview from a click on a row of the bare extension's tree view ("Bare Rows", in the same sidebar as the
   * Tickets view): the yardstick of a click in the Tickets view, the same gesture with the same work for the window
   * (the row selected, the tree item's command run by the extension host, the focus moved to the new editor).
   * `candidates`: its rows not clicked before, as the tickets clicked are rows not opened before.
   */
  async bareClick(candidates: readonly string[]): Promise<PanelTiming> {
    return this.clickRow('bare', candidates);
  }

  private async clickRow(what: 'bare' | 'ticket', candidates: readonly string[]): Promise<PanelTiming> {
    const page = this.wb.page;
    const sidebar = page.locator('.sidebar');
    const rows = sidebar.locator('.monaco-list-row');
    if (!(await rows.first().isVisible())) {
      await page
        .locator(`.activitybar .action-item a[aria-label^="${manifestText('viewsContainers.aliyunTickets.title')}"]`)
        .click({ force: true });
      await rows.first().waitFor({ timeout: 30_000 });
      // The views' rows are still being made and drawn (the Tickets view's come from the extension host): the time
      // counts from a click on a settled sidebar.
      await page.waitForTimeout(1_500);
    }
    const bare = what === 'bare';
    const deadline = Date.now() + 30_000;
    for (;;) {
      const texts = await rows.allTextContents();
      const label = candidates.find((id) => texts.some((text) => text.includes(id)));
      if (label) {
        const row = rows.filter({ hasText: label }).first();
        // The tooltip of the activity bar's badge or a hover may cover the row for a moment.
        await page.mouse.move(900, 700);
        await page.waitForTimeout(300);
        // A person's pointer is on the row before they press: the window draws the pointer's arrival (the row's and
        // the view's hover look: the Tickets view shows its title bar's and the row's actions, the bare view has
        // none) before the press, as the typing is before an Enter. The wait is shorter than the workbench's hover
        // delay (500 ms on Linux and Windows), so no tooltip is asked for.
        await row.hover();
        collectHarnessGarbage();
        await page.waitForTimeout(PERSON_SEES_ROW_MS);
        // A click that lands while the view redraws the row opens nothing: click again (the time counts from the
        // last click before the panel painted).
        return this.measure(what, 'click', bare ? undefined : label, async () => {
          for (let attempt = 0; attempt < 3; attempt++) {
            this.cpuAtStart = cpuCounters();
            await row.click();
            const deadline = Date.now() + 5_000;
            while (Date.now() < deadline) {
              if (this.marks.some((m) => m.name === 'html' && !!m.bare === bare)) return;
              await page.waitForTimeout(50);
            }
          }
        });
      }
      if (Date.now() > deadline) throw new Error(`none of ${candidates.join(', ')} is on screen in the sidebar`);
      const collapsed = rows.and(page.locator('[aria-expanded="false"]')).first();
      if (await collapsed.isVisible()) await collapsed.click();
      await page.waitForTimeout(500);
    }
  }

  /**
   * Types into the quick pick, waits for the row to show and then as long as a person takes to see it, then presses
   * Enter: the time counts from the Enter, so the window's work for the typing (Open Ticket's row comes from the
   * extension host, the bare pick filters its own rows) is over before it, as it is for a person.
   */
  private async typeThenEnter(title: RegExp, text: string): Promise<void> {
    await this.wb.answer(title, text, { row: text, enter: false });
    collectHarnessGarbage();
    await this.wb.page.waitForTimeout(PERSON_SEES_ROW_MS);
    this.cpuAtStart = cpuCounters();
    await this.wb.quickInputBox.press('Enter');
  }

  /** Closes every editor, so that the next panel opens new in the same place. */
  async closeAll(): Promise<void> {
    await this.wb.runCommand('View: Close All Editors');
    await this.wb.page.waitForFunction(() => !document.querySelector('iframe.webview'), undefined, { timeout: 15_000 });
    // Let the window settle between measurements (the workbench animates tabs away, the host drops the frames).
    await this.wb.page.waitForTimeout(500);
  }

  private async measure(
    what: 'bare' | 'ticket',
    how: 'enter' | 'click',
    ticketId: string | undefined,
    act: () => Promise<void>,
  ): Promise<PanelTiming> {
    this.marks.length = 0;
    this.cpuAtStart = undefined;
    const requestsBefore = this.requests.length;
    await act();
    const bare = what === 'bare';
    const deadline = Date.now() + 60_000;
    let painted: Mark | undefined;
    while (!(painted = this.marks.find((m) => m.name === 'painted' && !!m.bare === bare))) {
      if (Date.now() > deadline) throw new Error(`${ticketId ?? 'the bare webview'} was not painted within 60 s`);
      await this.wb.page.waitForTimeout(20);
    }
    const cpuAtPaint = this.cpuAtStart && cpuCounters();
    const start = this.marks.filter((m) => m.name === how && m.at <= painted.at).at(-1);
    const frame = this.marks.find((m) => m.name === 'frame' && !!m.bare === bare && m.at <= painted.at);
    const html = this.marks.find((m) => m.name === 'html' && !!m.bare === bare && m.at <= painted.at);
    const shown = this.marks.find((m) => m.name === 'shown' && !!m.bare === bare && m.at <= painted.at);
    if (!start || !frame || !html || !shown)
      throw new Error(`no ${how}, frame, document or shown mark before ${what} was painted`);
    const requests = this.requests.slice(requestsBefore).filter((r) => r.start >= start.at && r.start <= painted.at);
    return {
      what,
      how,
      ticketId,
      totalMs: painted.at - start.at,
      startAt: start.at,
      frameMs: frame.at - start.at,
      webviewMs: html.at - start.at,
      shownMs: shown.at - html.at,
      pageMs: painted.at - html.at,
      requests: requests.length,
      actions: requests.map((r) => r.action),
      requestsStartMs: requests.length ? Math.min(...requests.map((r) => r.start)) - start.at : undefined,
      requestsDoneMs: requests.length ? Math.max(...requests.map((r) => r.end)) - start.at : undefined,
      ...(this.cpuAtStart && cpuAtPaint ? { cpuMs: cpuBetween(this.cpuAtStart, cpuAtPaint) } : {}),
      host: hostSteps(
        this.marks.filter((m) => m.name === 'host' && !!m.bare === bare && m.at <= painted.at),
        start.at,
      ),
    };
  }
}
