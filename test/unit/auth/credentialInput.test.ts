import * as assert from 'assert';
import {
  accountLabel,
  credentialsFromInput,
  parseStoredSignIn,
  validateAccessKeyIdInput,
  validateSecretInput,
  validateSecurityTokenInput,
} from '../../../src/auth/credentialInput';
import { DEMO_CREDENTIALS, STS_CREDENTIALS } from '../../emulator/credentials';

describe('sign-in input checks', () => {
  it('accepts real-looking AccessKey ids, permanent and STS', () => {
    assert.strictEqual(validateAccessKeyIdInput(DEMO_CREDENTIALS.accessKeyId), undefined);
    assert.strictEqual(validateAccessKeyIdInput(STS_CREDENTIALS.accessKeyId), undefined);
    assert.strictEqual(
      validateAccessKeyIdInput(`  ${DEMO_CREDENTIALS.accessKeyId} `),
      undefined,
      'pasted with spaces around',
    );
  });

  const badIds: Array<[string, RegExp]> = [
    ['', /Enter your AccessKey ID/],
    ['LTAI5t abc defghijkl', /no spaces/],
    ['LTAI5t/abc+defghijkl=', /only letters, digits and dots/],
    ['LTAI5t', /too short/],
    ['L'.repeat(129), /too long/],
    ['sts.NUEmuStsKey4xGm8Pq2VbT7', /start with "STS\." in capitals/],
  ];
  for (const [value, message] of badIds) {
    it(`says what is wrong with the id ${JSON.stringify(value.slice(0, 30))}`, () => {
      const result = validateAccessKeyIdInput(value);
      assert.match(result ?? '', message);
    });
  }

  it('never repeats the typed text in a message (it may be a pasted secret)', () => {
    const pasted = 'EmuDemoSecret/0nly+ForLocalTests9Zq';
    for (const message of [
      validateAccessKeyIdInput(pasted),
      validateSecretInput(`${pasted} x`),
      validateSecurityTokenInput(`${pasted} x`),
    ]) {
      assert.ok(message, 'refused');
      assert.ok(!message.includes(pasted) && !message.includes('EmuDemoSecret'), message);
    }
  });

  it('checks the secret and the token', () => {
    assert.strictEqual(validateSecretInput(DEMO_CREDENTIALS.accessKeySecret), undefined);
    assert.match(validateSecretInput('') ?? '', /Enter the AccessKey Secret/);
    assert.match(validateSecretInput('short') ?? '', /too short/);
    assert.strictEqual(validateSecurityTokenInput(STS_CREDENTIALS.securityToken!), undefined);
    assert.match(validateSecurityTokenInput(' ') ?? '', /need their security token/);
  });

  it('builds trimmed credentials, with the token only for STS ids', () => {
    assert.deepStrictEqual(credentialsFromInput(' LTAI5tEmuDemoKey7Q2xW9pK ', ' secret123 ', 'tok'), {
      accessKeyId: 'LTAI5tEmuDemoKey7Q2xW9pK',
      accessKeySecret: 'secret123',
    });
    assert.deepStrictEqual(credentialsFromInput('STS.abcdefghijkl', 'secret123', ' tok '), {
      accessKeyId: 'STS.abcdefghijkl',
      accessKeySecret: 'secret123',
      securityToken: 'tok',
    });
  });
});

describe('the saved sign-in', () => {
  it('round-trips each kind', () => {
    for (const signIn of [
      { kind: 'accessKey', accessKeyId: 'LTAI5tEmuDemoKey7Q2xW9pK', accessKeySecret: 's3cretvalue' },
      { kind: 'accessKey', accessKeyId: 'STS.abcdefghijkl', accessKeySecret: 's3cretvalue', securityToken: 'tok' },
      { kind: 'environment' },
      { kind: 'cliProfile', profile: 'default' },
    ]) {
      assert.deepStrictEqual(parseStoredSignIn(JSON.stringify(signIn)), signIn);
    }
  });

  it('treats nothing as signed out and garbage as an error that does not echo the entry', () => {
    assert.strictEqual(parseStoredSignIn(undefined), undefined);
    assert.strictEqual(parseStoredSignIn(''), undefined);
    for (const raw of [
      '{not json s3cretvalue',
      '"just a string"',
      '{"kind":"accessKey","accessKeyId":"LTAI5tEmuDemoKey7Q2xW9pK"}',
      '{"kind":"other"}',
    ]) {
      const result = parseStoredSignIn(raw);
      assert.ok(result instanceof Error, raw);
      assert.ok(!result.message.includes('s3cret') && !result.message.includes('LTAI'), result.message);
    }
  });

  it('names the account without the whole AccessKey id', () => {
    const label = accountLabel({ kind: 'accessKey', accessKeyId: DEMO_CREDENTIALS.accessKeyId, accessKeySecret: 'x' });
    assert.strictEqual(label, 'AccessKey …W9pK');
    assert.ok(!label.includes(DEMO_CREDENTIALS.accessKeyId));
    const sts = accountLabel({ kind: 'accessKey', accessKeyId: 'STS.NUEmuStsKey4xGm8Pq2VbT7', accessKeySecret: 'x' });
    assert.strictEqual(sts, 'Temporary AccessKey …VbT7');
    assert.strictEqual(accountLabel({ kind: 'cliProfile', profile: 'work' }), 'aliyun CLI profile "work"');
  });
});
