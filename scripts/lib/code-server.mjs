// Starts the real VS Code (code-server) in its own process group with fresh data dirs, and stops all of it.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_ENTRY, NODE24, ROOT, readPackageJson } from './paths.mjs';

const BASE_FLAGS = [
  '--auth',
  'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-getting-started-override',
  '--disable-workspace-trust',
];

/** User settings every run gets: quiet workbench, no gallery or telemetry noise, nothing restored from before. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Environment for code-server and its extension host: no credentials of the person running the tests leak in. */
function cleanEnv(extra, isolateHome, dir) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(ALIBABA_CLOUD_|ALICLOUD_|ALIYUN_)/i.test(key) || /^VSCODE_/.test(key)) continue;
    env[key] = value;
  }
  if (isolateHome) {
    env.HOME = path.join(dir, 'home');
    env.XDG_CONFIG_HOME = path.join(dir, 'home', '.config');
    env.XDG_DATA_HOME = path.join(dir, 'home', '.local', 'share');
    mkdirSync(env.HOME, { recursive: true });
  }
  return { ...env, ...extra };
}

/** Layout of one run's fresh directory. */
export function codeServerDirs(dir) {
  return {
    dir,
    userDataDir: path.join(dir, 'data'),
    extensionsDir: path.join(dir, 'ext'),
    workspace: path.join(dir, 'workspace'),
    config: path.join(dir, 'config.yaml'),
    log: path.join(dir, 'code-server.log'),
  };
}

/** Writes <user-data-dir>/User/settings.json (where code-server keeps user settings). */
function writeUserSettings(dirs, settings) {
  const userDir = path.join(dirs.userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

/**
 * Makes VS Code run in `locale` (say "zh-cn") as it does for a person who installed that language pack and chose it.
 * code-server's --locale alone is not enough: the workbench (and so `vscode.env.language` in the extension host, which
 * picks our package.nls.<locale>.json and l10n bundle) takes the language of the NLS messages it loads, and those exist
 * only for a locale with a language pack listed in <user-data-dir>/languagepacks.json. VS Code's own packs come from
 * the marketplace, not reachable here, so the run lists a pack of its own whose translations file is empty: VS Code
 * reports the locale to extensions while its own menus and titles stay English.
 */
function writeEmptyLanguagePack(dirs, locale) {
  const translations = path.join(dirs.dir, `language-pack-${locale}.i18n.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // The shape VS Code's language pack cache writes after a pack is installed (hash: its cache folder under clp/).
  const packs = {
    [locale]: {
      hash: `aliyun-tickets-tests-${locale}`,
      extensions: [{ extensionIdentifier: { id: `aliyun-tickets-tests.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  mkdirSync(dirs.userDataDir, { recursive: true });
  writeFileSync(path.join(dirs.userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/** Packages the extension as a user gets it (vsce) into the run's dir and installs it offline; returns the .vsix path. */
export function packageAndInstallExtension(dirs) {
  const manifest = readPackageJson();
  const vsix = path.join(dirs.dir, `${manifest.name}-${manifest.version}.vsix`);
  const pack = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'vsce'),
    [
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '--no-rewrite-relative-links',
      '--out',
      vsix,
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60_000 },
  );
  if (pack.status !== 0 || !existsSync(vsix)) {
    throw new Error(
      `vsce package failed${pack.error ? ` (${pack.error.message})` : ''}:\n${pack.stdout}\n${pack.stderr}`,
    );
  }
  installVsix(dirs, vsix);
  return vsix;
}

/** Installs a packaged extension offline into the run's extensions dir. */
export function installVsix(dirs, vsixPath) {
  const result = spawnSync(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      '--config',
      dirs.config,
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
      '--install-extension',
      vsixPath,
      '--force',
    ],
    { encoding: 'utf8', env: cleanEnv({}, true, dirs.dir), timeout: 5 * 60_000 },
  );
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(
      `installing ${path.basename(vsixPath)} into code-server failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Starts code-server on an ephemeral port in a process group of its own (detached = setsid), so stop() can end the
 * server and every child it spawned (extension host, file watcher, pty host) with one signal to the group.
 */
export async function startCodeServer(
  dirs,
  {
    settings = {},
    smokeTestDriver = true,
    isolateHome = true,
    env = {},
    host = '127.0.0.1',
    port = 0,
    // The display language, such as "zh-cn"; English when not given.
    locale,
  } = {},
) {
  mkdirSync(dirs.workspace, { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  writeUserSettings(dirs, settings);
  if (locale && !locale.startsWith('en')) writeEmptyLanguagePack(dirs, locale);
  // Our own config file: code-server would otherwise read ~/.config/code-server/config.yaml.
  writeFileSync(dirs.config, 'auth: none\n');

  const args = [
    CODE_SERVER_ENTRY,
    '--config',
    dirs.config,
    ...BASE_FLAGS,
    '--bind-addr',
    `${host}:${port}`,
    '--user-data-dir',
    dirs.userDataDir,
    '--extensions-dir',
    dirs.extensionsDir,
  ];
  // Makes the workbench honour the extensionTestsPath payload; without it nothing runs and nothing says why.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // Without it the server would take the locale from <user-data-dir>/User/argv.json, else English.
  if (locale) args.push('--locale', locale);

  const child = spawn(NODE24, args, {
    cwd: dirs.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(env, isolateHome, dirs.dir),
  });
  const logStream = createWriteStream(dirs.log);
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  let exited = false;
  /** Resolves with the exit code or signal when the server process ends. */
  const exitedPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve(signal ?? code);
    }),
  );
  const stopSync = () => killGroup(child.pid, 'SIGKILL');
  process.on('exit', stopSync);

  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start listening within 60 s:\n${seen}`)),
      60_000,
    );
    const onData = (chunk) => {
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${seen}`));
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`code-server could not be started (${NODE24}): ${err.message}`));
    });
  });
  await waitForHealthz(url);

  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid,
    dirs,
    exited: exitedPromise,
    async stop() {
      process.off('exit', stopSync);
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        let timer;
        await Promise.race([
          exitedPromise,
          new Promise((resolve) => {
            timer = setTimeout(resolve, 5000);
          }),
        ]);
        clearTimeout(timer);
      }
      // Children of the group may outlive the leader; the group signal reaches them too.
      killGroup(child.pid, 'SIGKILL');
      logStream.end();
    },
    readLog() {
      try {
        return readFileSync(dirs.log, 'utf8');
      } catch {
        return '';
      }
    },
    /** The extension's own log (its Output channel) of each extension host this server ran, oldest first. */
    readExtensionLogs() {
      const logs = [];
      const list = (dir) => {
        try {
          return readdirSync(dir).sort();
        } catch {
          return [];
        }
      };
      const logsDir = path.join(dirs.userDataDir, 'logs');
      for (const session of list(logsDir))
        for (const host of list(path.join(logsDir, session)).filter((name) => name.startsWith('exthost'))) {
          const dir = path.join(logsDir, session, host, `${readPackageJson().publisher}.${readPackageJson().name}`);
          for (const file of list(dir))
            logs.push({ name: `${host}/${file}`, text: readFileSync(path.join(dir, file), 'utf8') });
        }
      return logs;
    },
  };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

async function waitForHealthz(url) {
  const deadline = Date.now() + 30_000;
  let last = 'no answer';
  for (;;) {
    try {
      // Each request is bounded too: a server that accepts the connection and never answers must not hang the run.
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err?.message ?? String(err);
    }
    if (Date.now() > deadline)
      throw new Error(`code-server at ${url} did not answer /healthz with 200 within 30 s (last: ${last})`);
    await sleep(100);
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** vscode-remote URI of an absolute path on this machine, as the workbench at host:port sees it. */
export function remoteUri(serverUrl, absPath) {
  return `vscode-remote://${new URL(serverUrl).host}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** The workbench URL that opens `folder` and hands VS Code the test payload (extensionDevelopmentPath etc.). */
export function workbenchUrl(serverUrl, { folder, payload }) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${serverUrl}/?${params.toString()}`;
}
