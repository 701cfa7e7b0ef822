// The harness names what is missing before it installs the real-VS-Code test environment (issue 20: "code-server,
// Node 24 or Chromium missing" did not say which).
import * as assert from 'assert';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module script, loaded by Node's require(esm)
const setup = require(path.join(__dirname, '../../../../scripts/lib/setup.mjs')) as {
  missingTestEnvParts(exists: (file: string) => boolean): string[];
};

describe('scripts/lib/setup.mjs: what the harness says is missing', () => {
  it('names only the missing part, with where it was looked for', () => {
    const onlyChromiumMissing = setup.missingTestEnvParts((file) => !/chromium/i.test(path.basename(file)));
    assert.strictEqual(onlyChromiumMissing.length, 1);
    assert.match(onlyChromiumMissing[0], /^Chromium \(.*chromium\)$/);
    const nothing = setup.missingTestEnvParts(() => false);
    assert.deepStrictEqual(
      nothing.map((part) => part.split(' (')[0]),
      ['Node 24', 'code-server', 'Chromium'],
    );
    assert.deepStrictEqual(
      setup.missingTestEnvParts(() => true),
      [],
    );
  });
});
