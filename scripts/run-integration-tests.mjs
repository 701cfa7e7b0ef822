#!/usr/bin/env node
// Extension-host integration tests in the real VS Code (code-server), offline.
//   npm run test:integration [-- --grep <regexp>] [--keep]
// Assumes `npm run build && npm run compile` ran. Starts the emulator (demo tickets) and code-server with fresh data
// dirs and `aliyunTickets.endpoint` pointing at the emulator, opens the workbench in Chromium with the test payload
// (extensionDevelopmentPath = this repository, extensionTestsPath = out/test/integration/index.js), prints mocha's
// output, and exits non-zero when a test fails, the run times out, or a secret is found in the files the session left.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { launchChromiumWithProfile, recordNotifications } from './lib/browser.mjs';
import { codeServerDirs, remoteUri, startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { emulatorCredentials, startEmulator } from './lib/emulator.mjs';
import { confidentialDrafts, plainDraftControl } from './lib/confidential.mjs';
import { scanForSecrets } from './lib/leak-scan.mjs';
import { ROOT, TEST_RESULTS, requireFiles } from './lib/paths.mjs';
import { startProbe } from './lib/probe.mjs';
import { createRun } from './lib/run.mjs';
import { ensureVsCodeTestEnv } from './lib/setup.mjs';

const args = process.argv.slice(2);
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : process.env.TICKETS_TEST_GREP;
const keep = args.includes('--keep') || process.env.KEEP_TEST_DIRS === '1';
const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS || 15 * 60_000);
const RESULTS = path.join(TEST_RESULTS, 'integration');
const verbose = args.includes('--verbose') || !!process.env.DEBUG;

// The workbench logs through the same channel as the tests; its offline chatter (gallery, GitHub auth, sockets) is
// dropped unless --verbose.
const NOISE = [
  /open-vsx\.org/,
  /authentication provider 'github'/,
  /^Creating a socket/,
  /^Resolv(ing|ed) connection token/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /^Creation of workbench contribution/,
  /^\s+at .*(workbench\.js|\/static\/out\/)/,
  /vsda/,
];
function isWorkbenchNoise(line) {
  return NOISE.some((re) => re.test(line));
}

const run = createRun('integration');
let exitCode = 1;
/** { passed, failed } from the "N passed, N failed" line test/integration/index.ts prints when mocha ends. */
let tests;
const SUMMARY = /^(\d+) passed, (\d+) failed$/;

try {
  requireFiles([
    [path.join(ROOT, 'dist', 'extension.js'), 'npm run build'],
    [path.join(ROOT, 'out', 'test', 'integration', 'index.js'), 'npm run compile'],
  ]);
  ensureVsCodeTestEnv();
  mkdirSync(RESULTS, { recursive: true });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'aliyun-tickets-it-'));
  run.onCleanup(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`[integration] kept ${dir}`);
  });
  const dirs = codeServerDirs(dir);

  const emulator = await startEmulator({ seed: 'demo' });
  run.onCleanup(() => emulator.stop());

  const notifications = [];
  const probe = await startProbe({ notifications, screenshotDir: RESULTS });
  run.onCleanup(() => probe.stop());

  // The background watcher stays off: its polls would land in the request counts other suites check; the watcher's
  // own suite turns it on where it needs it and drives extra instances itself.
  const server = await startCodeServer(dirs, {
    settings: { 'aliyunTickets.endpoint': emulator.url, 'aliyunTickets.watcher.enabled': false },
  });
  run.onCleanup(() => server.stop());

  // The browser's profile is kept in the run's folder: VS Code in a browser keeps globalState and webview state in its
  // IndexedDB, which the leak scan below reads with everything else the session wrote.
  const viewport = { width: 1400, height: 900 };
  const browser = await launchChromiumWithProfile(path.join(dir, 'browser-profile'), viewport);
  run.onCleanup(() => browser.close());
  const page = await browser.newPage();
  probe.attach(page);

  // Both functions must exist before the workbench loads: it looks for them once, at start-up.
  let reportExit;
  const exited = new Promise((resolve) => {
    reportExit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (_level, logArgs) => {
    const text = Array.isArray(logArgs) ? util.format(...logArgs) : String(logArgs);
    const lines = verbose ? text.split('\n') : text.split('\n').filter((line) => !isWorkbenchNoise(line));
    for (const line of lines) {
      const counts = SUMMARY.exec(line.trim());
      if (counts) tests = { passed: Number(counts[1]), failed: Number(counts[2]) };
    }
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  });
  await recordNotifications(page).then((seen) => {
    seen.push = (...items) => notifications.push(...items);
  });
  page.on('pageerror', (err) => {
    if (process.env.DEBUG) console.error('[page error]', err.message);
  });

  // The extension host sees these; the secrets stay out on purpose (tests import the emulator's keys from
  // out/test/emulator) so that the workbench URL and its storage never hold them and the leak scan stays meaningful.
  const extensionEnvironment = {
    TICKETS_TEST_EMULATOR_URL: emulator.url,
    TICKETS_TEST_PROBE_URL: probe.url,
    TICKETS_TEST_USER_DATA_DIR: dirs.userDataDir,
    TICKETS_TEST_WORKSPACE: dirs.workspace,
    TICKETS_TEST_RUN_DIR: dir,
    ...(grep ? { TICKETS_TEST_GREP: grep } : {}),
  };
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.url, ROOT)],
    ['extensionTestsPath', remoteUri(server.url, path.join(ROOT, 'out', 'test', 'integration', 'index.js'))],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  console.log(`[integration] emulator ${emulator.url}, code-server ${server.url}, data ${dir}`);
  // The workbench's first load can take more than Playwright's default 30 s on a machine whose cores are busy.
  await page.goto(workbenchUrl(server.url, { folder: dirs.workspace, payload }), { timeout: 180_000 });

  // The run ends when the workbench reports the tests' exit code, or fails when that takes too long or when the
  // server or the page dies first (no result would ever come).
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
  });
  const serverDied = server.exited.then((how) => `code-server exited (${how}) before the tests finished`);
  const pageDied = new Promise((resolve) =>
    page.once('crash', () => resolve('the browser page crashed before the tests finished')),
  );
  const result = await Promise.race([exited, timedOut, serverDied, pageDied]);
  clearTimeout(timer);

  if (result === 'timeout') {
    console.error(
      `[integration] FAILED: no result within ${TIMEOUT_MS / 1000} s (did the extension host start? see ${RESULTS})`,
    );
  } else if (typeof result === 'string') {
    console.error(`[integration] FAILED: ${result}`);
  } else if (result !== 0) {
    console.error(`[integration] FAILED: the test run in the extension host reported exit code ${result}`);
  }
  if (result !== 0) {
    await page.screenshot({ path: path.join(RESULTS, 'failure.png') }).catch(() => {});
    console.error(`[integration] screenshot: ${path.relative(ROOT, path.join(RESULTS, 'failure.png'))}`);
  }

  // Stop VS Code so it flushes its state, then look for the secrets in everything the session wrote.
  await browser.close();
  await server.stop();
  const { DEMO_CREDENTIALS, STS_CREDENTIALS, EXPIRED_STS_CREDENTIALS, OTHER_ACCOUNT_CREDENTIALS } =
    emulatorCredentials();
  // Besides the keys: the text of the reply drafts the suites mark Confidential (test/fixtures/confidential.ts).
  const secrets = {
    ...confidentialDrafts(),
    'demo AccessKey secret': DEMO_CREDENTIALS.accessKeySecret,
    'other account AccessKey secret': OTHER_ACCOUNT_CREDENTIALS.accessKeySecret,
    'STS AccessKey secret': STS_CREDENTIALS.accessKeySecret,
    'STS token': STS_CREDENTIALS.securityToken,
    'expired STS token': EXPIRED_STS_CREDENTIALS.securityToken,
  };
  const scan = scanForSecrets(dir, secrets);
  const leakedInToasts = notifications.filter((n) => Object.values(secrets).some((s) => s && n.text.includes(s)));
  if (scan.hits.length || leakedInToasts.length) {
    for (const hit of scan.hits)
      console.error(`[integration] LEAK: ${hit.secretName} (${hit.encoding}) in ${path.relative(dir, hit.file)}`);
    for (const n of leakedInToasts)
      console.error(`[integration] LEAK: a secret in a notification: ${n.text.slice(0, 80)}…`);
    console.error('[integration] FAILED: secrets found after the session');
  } else {
    console.log(
      `[integration] leak scan: no secret in ${scan.files} files under the run's data dirs, nor in ${notifications.length} notifications`,
    );
  }
  // The control: a plain draft is stored in clear, so the scan finds it where VS Code keeps state (in a browser: the
  // profile's IndexedDB). Said, not required: a run that did not type one (--grep) has none to find.
  const control = scanForSecrets(dir, { 'plain draft (control)': plainDraftControl() }).hits;
  const where = [...new Set(control.map((hit) => path.relative(dir, hit.file).split(path.sep).slice(0, 3).join('/')))];
  console.log(`[integration] leak scan control: a plain draft was found in ${where.join(', ') || 'no file'}`);

  exitCode = result === 0 && !scan.hits.length && !leakedInToasts.length ? 0 : 1;
  if (exitCode !== 0) {
    const log = server.readLog();
    if (log) console.error(`[integration] code-server log (last lines):\n${log.split('\n').slice(-25).join('\n')}`);
  }
} catch (err) {
  console.error(`[integration] FAILED: ${err?.stack ?? err}`);
  exitCode = 1;
} finally {
  await run.finish(exitCode, tests);
}
