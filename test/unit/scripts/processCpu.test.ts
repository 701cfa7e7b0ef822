// The UI benchmark's CPU accounting (test/e2e/processCpu.ts): whose CPU an opening cost, by kind of process, counted
// for this process and its descendants only.
import * as assert from 'assert';
import { spawn } from 'child_process';
import { cpuBetween, cpuCounters, processLabel } from '../../e2e/processCpu';

/** Spins until this process has spent `ms` more on a CPU (not wall time: a loaded machine shares the cores). */
const busyFor = (ms: number) => {
  const start = process.cpuUsage();
  while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ms) {
    /* on the CPU */
  }
};

describe('UI benchmark: CPU by process', () => {
  it('names the processes of a run by what they are', () => {
    const chromium = '/usr/lib/chromium/chromium --no-sandbox';
    assert.strictEqual(processLabel(`${chromium} --user-data-dir=/tmp/x`, false), 'browser');
    assert.strictEqual(processLabel(`${chromium} --type=renderer --lang=en`, false), 'renderers');
    assert.strictEqual(processLabel(`${chromium} --type=gpu-process`, false), 'gpu');
    assert.strictEqual(processLabel(`${chromium} --type=utility --utility-sub-type=network`, false), 'other');
    assert.strictEqual(
      processLabel('/cache/node-24/bin/node /cache/code-server/out/node/entry.js --bind-addr 127.0.0.1:0', false),
      'code-server',
    );
    assert.strictEqual(
      processLabel(
        '/cache/node-24/bin/node /cache/code-server/lib/vscode/out/bootstrap-fork --type=extensionHost',
        false,
      ),
      'extension host',
    );
    assert.strictEqual(processLabel('/usr/bin/node bench/ui.mjs', true), 'bench');
  });

  it('adds up the milliseconds of each kind, a process new since the first reading counting from zero', () => {
    const before = new Map([
      ['renderers#10', 5e6],
      ['renderers#11', 1e6],
      ['extension host#12', 2e6],
    ]);
    const after = new Map([
      ['renderers#10', 25e6],
      ['renderers#11', 11e6],
      ['extension host#12', 2.5e6],
      ['renderers#13', 4e6],
    ]);
    assert.deepStrictEqual(cpuBetween(before, after), { renderers: 34, 'extension host': 0.5 });
  });

  it('counts this process and a child it started, on Linux', async function () {
    if (process.platform !== 'linux') this.skip();
    const child = spawn(process.execPath, [
      '-e',
      'const s = process.cpuUsage(); while (process.cpuUsage(s).user < 150e3); console.log("busy"); setTimeout(() => {}, 3e4)',
    ]);
    try {
      const before = cpuCounters();
      assert.ok(before, 'Linux has per-thread scheduler counters');
      busyFor(60);
      await new Promise((resolve) => child.stdout.on('data', resolve));
      const spent = cpuBetween(before, cpuCounters()!);
      assert.ok(spent.bench >= 40, `this process's busy 60 ms counted: ${JSON.stringify(spent)}`);
      assert.ok(spent.other >= 100, `the child's busy 150 ms counted: ${JSON.stringify(spent)}`);
    } finally {
      child.kill();
    }
  });
});
