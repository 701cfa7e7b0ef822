// npm start for a newcomer (issue 20): each step is one progress line with the tools' output in a log file, and the
// closing banner ends with the URL and both demo accounts' keys.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEMO_CREDENTIALS, OTHER_ACCOUNT_CREDENTIALS, STS_CREDENTIALS } from '../../emulator/credentials';

const scripts = path.join(__dirname, '../../../../scripts/lib');
/* eslint-disable @typescript-eslint/no-require-imports -- ES module scripts, loaded by Node's require(esm) */
const { QuietSteps } = require(path.join(scripts, 'quietSteps.mjs')) as {
  QuietSteps: new (
    logFile: string,
    say: (line: string) => void,
  ) => { run(step: string, command: string, args: string[], options?: object): void };
};
const { startBanner } = require(path.join(scripts, 'startBanner.mjs')) as {
  startBanner(options: object): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe('npm start: quiet steps and the closing banner', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-test-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a step prints two lines and puts the tool's 200 lines in the log", () => {
    const said: string[] = [];
    const steps = new QuietSteps(path.join(dir, 'start.log'), (line) => said.push(line));
    const noisy = 'for (let i = 0; i < 200; i++) console.log("warning: line " + i); console.error("npm notice");';
    steps.run('building', process.execPath, ['-e', noisy]);
    assert.strictEqual(said.length, 2, said.join('\n'));
    assert.match(said[0], /building/);
    const log = fs.readFileSync(path.join(dir, 'start.log'), 'utf8');
    assert.match(log, /warning: line 199/);
    assert.match(log, /npm notice/);
  });

  it("a failing step throws with the log's last lines", () => {
    const steps = new QuietSteps(path.join(dir, 'start.log'), () => undefined);
    assert.throws(
      () => steps.run('compiling', process.execPath, ['-e', 'console.error("error TS2322: here"); process.exit(2)']),
      /compiling failed[\s\S]*error TS2322: here/,
    );
  });

  it('the banner ends with the URL and both demo accounts, the second another account, and the STS key with its token', () => {
    const banner = startBanner({
      url: 'http://127.0.0.1:1234/?folder=x',
      seed: 'demo',
      emulatorUrl: 'http://127.0.0.1:5678',
      DEMO_CREDENTIALS,
      OTHER_ACCOUNT_CREDENTIALS,
      STS_CREDENTIALS,
    });
    // The key offered for Add Account… is another account's: the same account's STS key would show the same tickets,
    // and a switch would look like nothing happened.
    const addAccount = banner.slice(banner.indexOf('Add Account'));
    assert.ok(
      addAccount.indexOf(OTHER_ACCOUNT_CREDENTIALS.accessKeyId) < addAccount.indexOf(STS_CREDENTIALS.accessKeyId),
      'Add Account offers the other account first',
    );
    assert.ok(addAccount.includes(OTHER_ACCOUNT_CREDENTIALS.accessKeySecret));
    for (const value of [
      'http://127.0.0.1:1234/?folder=x',
      DEMO_CREDENTIALS.accessKeyId,
      DEMO_CREDENTIALS.accessKeySecret,
      STS_CREDENTIALS.accessKeyId,
      STS_CREDENTIALS.accessKeySecret,
      STS_CREDENTIALS.securityToken!,
    ])
      assert.ok(banner.includes(value), value);
    assert.match(banner, /Add Account/);
  });
});
