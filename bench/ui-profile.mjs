#!/usr/bin/env node
// Reads a window's CPU profile that `npm run bench:ui -- --profile` wrote
// (.cache/bench/ui-<locale>-<window>-<step>.cpuprofile and its .json: the page's clock at the start and the step's
// timing) and prints where the window's main thread spent each part of the way: key to the webview made, to its host
// page ready, to the document written, to painted. Per part: busy and idle time, then the functions with the most time
// of their own and the most time under them. Usage: node bench/ui-profile.mjs <file.cpuprofile> [more files…] [--top N]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 12;

function analyse(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const { clock, timing } = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Samples on the page's clock (ms since the epoch): the first sample in __benchClockMarker (bench/ui.mjs) is when
  // the page's clock read `clock`.
  let t = 0;
  const ticks = profile.samples.map((id, i) => ({ id, t: (t += profile.timeDeltas[i]) }));
  const inMarker = (id) =>
    id !== undefined && (nodes.get(id).callFrame.functionName === '__benchClockMarker' || inMarker(parent.get(id)));
  const marker = ticks.find((s) => inMarker(s.id));
  if (!marker) throw new Error(`${file}: no sample in __benchClockMarker to line the clocks up with`);
  const samples = ticks.map((s) => ({ id: s.id, at: clock[0] + clock[1] + (s.t - marker.t) / 1000 }));
  const withDuration = samples.map((s, i) => ({ ...s, ms: (samples[i + 1]?.at ?? s.at) - s.at }));
  const start = timing.startAt;
  const h = timing.host ?? {};
  const parts = [
    ['key → webview made', 0, timing.frameMs],
    ['made → host ready', timing.frameMs, h.readyMs],
    ['host ready → document written', h.readyMs, h.writtenMs],
    ['written → painted', h.writtenMs, timing.totalMs],
  ];
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${path.basename(f.url.split('?')[0])}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  console.log(
    `\n== ${path.basename(file)}: ${timing.what} ${timing.ticketId ?? ''} total ${timing.totalMs.toFixed(0)} ms`,
  );
  for (const [name, from, to] of parts) {
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    const inPart = withDuration.filter((s) => s.at - start >= from && s.at - start < to);
    const self = new Map();
    const total = new Map();
    let busy = 0;
    let idle = 0;
    for (const s of inPart) {
      const node = nodes.get(s.id);
      const fn = node.callFrame.functionName;
      if (fn === '(idle)' || fn === '(program)') {
        if (fn === '(idle)') idle += s.ms;
        else busy += s.ms;
        if (fn === '(idle)') continue;
      } else busy += s.ms;
      self.set(label(node), (self.get(label(node)) ?? 0) + s.ms);
      const seen = new Set();
      for (let id = s.id; id !== undefined; id = parent.get(id)) {
        const l = label(nodes.get(id));
        if (seen.has(l)) continue;
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + s.ms);
      }
    }
    const top = (m) =>
      [...m.entries()]
        .filter(([l]) => l !== '(root)')
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([l, ms]) => `      ${ms.toFixed(1).padStart(6)} ms  ${l}`)
        .join('\n');
    console.log(
      `  ${name} (${from.toFixed(0)}–${to.toFixed(0)} ms): busy ${busy.toFixed(0)} ms, idle ${idle.toFixed(0)} ms`,
    );
    console.log(`    self:\n${top(self)}`);
    console.log(`    total:\n${top(total)}`);
  }
}

for (const file of args) analyse(file);
