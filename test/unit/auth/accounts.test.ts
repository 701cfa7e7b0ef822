// The pure parts of several accounts: the site an endpoint belongs to, and the account index as stored (what a damaged
// or hand-edited entry turns into, which sign-in replaces which account).
import * as assert from 'assert';
import {
  accountDisplayName,
  accountRecentKey,
  accountSecretKey,
  parseAccountIndex,
  sameAccount,
} from '../../../src/auth/accounts/accountIndex';
import { SITES, shortSiteName, siteOf } from '../../../src/auth/accounts/sites';

describe('auth/accounts sites', () => {
  it('knows the China, International and Japan endpoints of the Ticket API', () => {
    assert.deepStrictEqual(
      SITES.map((s) => [s.id, s.endpoint]),
      [
        ['cn', 'https://workorder.aliyuncs.com'],
        ['intl', 'https://workorder.ap-southeast-1.aliyuncs.com'],
        ['jp', 'https://workorder.ap-northeast-1.aliyuncs.com'],
      ],
    );
  });

  it('names an endpoint after its site however it is written, else after its host', () => {
    assert.strictEqual(siteOf('workorder.ap-southeast-1.aliyuncs.com')?.id, 'intl');
    assert.strictEqual(siteOf('https://workorder.aliyuncs.com/')?.id, 'cn');
    assert.strictEqual(shortSiteName('https://WORKORDER.ap-northeast-1.aliyuncs.com'), 'Japan');
    assert.strictEqual(shortSiteName('http://127.0.0.1:8123'), '127.0.0.1:8123');
    assert.strictEqual(shortSiteName('http://tickets.example.com'), 'invalid endpoint');
  });
});

describe('auth/accounts accountIndex', () => {
  it('reads a stored index, keeping only well-formed accounts once each', () => {
    const index = parseAccountIndex(
      JSON.stringify({
        active: 'b',
        accounts: [
          { id: 'a', label: 'AccessKey …W9pK' },
          { id: 'b', label: 'Temporary AccessKey …VbT7', endpoint: 'https://workorder.ap-southeast-1.aliyuncs.com' },
          { id: 'a', label: 'duplicate' },
          { id: '../../etc', label: 'path in an id' },
          { label: 'no id' },
        ],
      }),
    );
    assert.deepStrictEqual(index, {
      active: 'b',
      accounts: [
        { id: 'a', label: 'AccessKey …W9pK' },
        { id: 'b', label: 'Temporary AccessKey …VbT7', endpoint: 'https://workorder.ap-southeast-1.aliyuncs.com' },
      ],
    });
  });

  it('an active id that names no account means none is active; unreadable text means no index (migration runs again)', () => {
    assert.deepStrictEqual(parseAccountIndex(JSON.stringify({ active: 'x', accounts: [{ id: 'a', label: 'A' }] })), {
      active: undefined,
      accounts: [{ id: 'a', label: 'A' }],
    });
    assert.strictEqual(parseAccountIndex('{'), undefined);
    assert.strictEqual(parseAccountIndex(JSON.stringify({ accounts: 'no' })), undefined);
    assert.strictEqual(parseAccountIndex(undefined), undefined);
  });

  it('a sign-in replaces the account with the same label on the same site only', () => {
    assert.ok(sameAccount({ label: 'AccessKey …W9pK' }, { label: 'AccessKey …W9pK', endpoint: undefined }));
    assert.ok(
      !sameAccount(
        { label: 'AccessKey …W9pK' },
        { label: 'AccessKey …W9pK', endpoint: 'https://workorder.ap-southeast-1.aliyuncs.com' },
      ),
    );
    assert.ok(!sameAccount({ label: 'AccessKey …W9pK' }, { label: 'AccessKey …Q2xW' }));
  });

  it('each account has its own secret entry and recent list, and a display name with its site', () => {
    assert.notStrictEqual(accountSecretKey('a'), accountSecretKey('b'));
    assert.notStrictEqual(accountRecentKey('a'), accountRecentKey('b'));
    assert.strictEqual(
      accountDisplayName({ label: 'AccessKey …W9pK' }, 'International'),
      'AccessKey …W9pK · International',
    );
  });
});
