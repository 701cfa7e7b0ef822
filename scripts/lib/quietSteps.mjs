// npm start's first run builds the extension, compiles the emulator and may install code-server (npm builds native
// modules, hundreds of lines): each step prints one progress line, and its output goes to a log file that is shown
// (its last lines) only when the step fails.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class QuietSteps {
  /** @param {string} logFile where every step's output goes; @param {(line: string) => void} say the progress lines */
  constructor(logFile, say = (line) => console.log(line)) {
    this.logFile = logFile;
    this.say = say;
    this.count = 0;
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, '');
  }

  /**
   * Runs `command` with its output in the log; one line says what runs, one how long it took. Throws on failure
   * (unless `allowFailureIf()` holds) with the log's last lines.
   */
  run(step, command, args, { cwd, env, allowFailureIf } = {}) {
    this.count += 1;
    const started = Date.now();
    this.say(`[start] ${step}…`);
    appendFileSync(this.logFile, `\n$ ${command} ${args.join(' ')}\n`);
    const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    appendFileSync(this.logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status === 0) {
      this.say(`[start]   done in ${seconds} s`);
      return;
    }
    if (allowFailureIf?.()) {
      this.say(`[start]   reported errors (${seconds} s; see ${this.logFile}); continuing with what it produced`);
      return;
    }
    const tail = readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
    throw new Error(`${step} failed; the last lines of ${this.logFile}:\n${tail}`);
  }
}
