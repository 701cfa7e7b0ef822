// The watcher's shared files: a renewal, a release or the state after a poll never makes again the folder of an
// account signed out meanwhile (its lease would come back on disk, and its snapshot with the tickets' titles).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SharedFiles } from '../../../src/features/watcher/sharedFiles';

describe('watcher/sharedFiles', () => {
  let base: string;
  beforeEach(() => (base = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-files-'))));
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it("a write makes its folder; 'inside' and 'existing' never make again an account's folder removed meanwhile", async () => {
    const dir = path.join(base, 'accounts', 'acc-1', 'watcher');
    const files = new SharedFiles(dir);
    await files.write('lease-acc-1', { owner: 'w1' });
    assert.deepStrictEqual(await files.read('lease-acc-1'), { owner: 'w1' });
    await files.write('lease-acc-1', { owner: 'w1', expiresAt: 0 }, { folder: 'existing' });
    assert.deepStrictEqual(await files.read('lease-acc-1'), { owner: 'w1', expiresAt: 0 });

    // The account is signed out in another window: its folder goes.
    fs.rmSync(path.join(base, 'accounts', 'acc-1'), { recursive: true, force: true });
    await files.write('lease-acc-1', { owner: 'w1', expiresAt: 0 }, { folder: 'existing' });
    await files.write(
      'watch-acc-1',
      { snapshot: { tickets: { T1: { title: 'secret title' } } } },
      { folder: 'existing' },
    );
    await files.write('lease-acc-1', { owner: 'w2' }, { folder: 'inside' });
    assert.strictEqual(fs.existsSync(path.join(base, 'accounts', 'acc-1')), false, 'the folder is not made again');
    // A saved account's folder is there: a lease is taken inside it.
    fs.mkdirSync(path.join(base, 'accounts', 'acc-1'), { recursive: true });
    await files.write('lease-acc-1', { owner: 'w2' }, { folder: 'inside' });
    assert.deepStrictEqual(await files.read('lease-acc-1'), { owner: 'w2' });
  });
});
