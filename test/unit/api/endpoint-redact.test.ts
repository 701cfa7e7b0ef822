import * as assert from 'assert';
import { validateEndpoint, isLoopbackHost } from '../../../src/api/endpoint';
import { redactSecrets } from '../../../src/api/redact';
import { TicketApiError } from '../../../src/api/errors';

function refused(url: string): TicketApiError {
  try {
    validateEndpoint(url);
  } catch (err) {
    assert.ok(err instanceof TicketApiError, `expected TicketApiError for ${url}`);
    assert.strictEqual(err.kind, 'config');
    return err;
  }
  assert.fail(`${url} was accepted`);
}

describe('api/endpoint validateEndpoint', () => {
  it('accepts https endpoints and normalizes them to scheme://host[:port]', () => {
    assert.strictEqual(validateEndpoint('https://workorder.aliyuncs.com'), 'https://workorder.aliyuncs.com');
    assert.strictEqual(
      validateEndpoint(' https://WorkOrder.ap-southeast-1.aliyuncs.com/ '),
      'https://workorder.ap-southeast-1.aliyuncs.com',
    );
    assert.strictEqual(validateEndpoint('https://example.com:8443'), 'https://example.com:8443');
  });
  it('treats a bare host name as https', () => {
    assert.strictEqual(validateEndpoint('workorder.aliyuncs.com'), 'https://workorder.aliyuncs.com');
    assert.strictEqual(validateEndpoint('localhost:8080'), 'https://localhost:8080');
  });
  it('accepts http only on loopback: 127.0.0.0/8, localhost, [::1]', () => {
    assert.strictEqual(validateEndpoint('http://127.0.0.1:4010'), 'http://127.0.0.1:4010');
    assert.strictEqual(validateEndpoint('http://127.9.8.7'), 'http://127.9.8.7');
    assert.strictEqual(validateEndpoint('http://localhost:1234/'), 'http://localhost:1234');
    assert.strictEqual(validateEndpoint('http://[::1]:99'), 'http://[::1]:99');
  });
  it('refuses plain http to any other host, saying to use https', () => {
    for (const url of [
      'http://workorder.aliyuncs.com',
      'http://10.0.0.1',
      'http://128.0.0.1',
      'http://localhost.evil.com',
      'http://127.0.0.1.nip.io',
      'http://[::2]',
    ]) {
      const err = refused(url);
      assert.match(err.message, /https/);
    }
  });
  it('refuses other schemes, embedded user info, paths, queries and garbage', () => {
    assert.match(refused('ftp://workorder.aliyuncs.com').message, /must use https/);
    assert.match(refused('file:///etc/passwd').message, /https/);
    assert.match(refused('javascript:alert(1)').message, /https/);
    const withPassword = refused('https://LTAIuser:hunter2secret@workorder.aliyuncs.com');
    assert.ok(!withPassword.message.includes('hunter2secret') && !withPassword.message.includes('LTAIuser'));
    assert.match(refused('https://workorder.aliyuncs.com/api?x=1').message, /no path or query/);
    assert.match(refused('').message, /empty/);
    assert.match(refused('https://').message, /not a valid URL/);
  });
  it('recognizes loopback hosts exactly', () => {
    assert.ok(
      isLoopbackHost('127.0.0.1') &&
        isLoopbackHost('127.255.255.254') &&
        isLoopbackHost('LOCALHOST') &&
        isLoopbackHost('[::1]'),
    );
    assert.ok(!isLoopbackHost('127.0.0.256') && !isLoopbackHost('1.127.0.0') && !isLoopbackHost('localhost.example'));
  });
});

describe('api/redact redactSecrets', () => {
  it('hides AccessKey ids, STS ids and STS tokens wherever they appear', () => {
    const out = redactSecrets(
      'key LTAI5tAbCdEfGhIjKlMn used; sts STS.NUgYrLnoC37mZZCNnAbCdEf token CAISzgJ1q6Ft5B2yfSjIr5aAL/foo+bar==',
    );
    assert.ok(!out.includes('LTAI5tAbCdEfGhIjKlMn'));
    assert.ok(!out.includes('STS.NUgYrLnoC37mZZCNnAbCdEf'));
    assert.ok(!out.includes('CAISzgJ1q6Ft5B2yfSjIr5aAL'));
  });
  it('hides Authorization header values and V3 signatures', () => {
    const line =
      'authorization: ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0';
    const out = redactSecrets(line);
    assert.ok(!out.includes('YourAccessKeyId') && !out.includes('06563a9e'));
    const credentialOnly = redactSecrets('Credential=AKIDlike123,SignedHeaders=host,Signature=abcdef0123');
    assert.ok(!credentialOnly.includes('AKIDlike123') && !credentialOnly.includes('abcdef0123'));
  });
  it('hides V1 signatures, AccessKeyId and SecurityToken query parameters, raw and encoded', () => {
    const out = redactSecrets(
      '/?AccessKeyId=demoKey1&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D&SecurityToken=tok123456&Action=GetTicket',
    );
    assert.ok(!out.includes('demoKey1') && !out.includes('OLeaidS1') && !out.includes('tok123456'));
    assert.ok(out.includes('Action=GetTicket'), 'non-secret parameters stay readable');
  });
  it('hides OSS V4 presigned URL credentials and signatures (x-oss-credential, x-oss-signature), raw and encoded', () => {
    const url =
      'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.log?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=ossKeyId77%2F20261205%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-expires=3600&x-oss-signature=9f1c2e3d4b5a69788776655443322110ffeeddccbbaa99887766554433221100&x-oss-security-token=ossTok999';
    const out = redactSecrets(`Download failed: ${url}`);
    assert.ok(!out.includes('ossKeyId77') && !out.includes('9f1c2e3d4b5a') && !out.includes('ossTok999'), out);
    assert.ok(out.includes('x-oss-expires=3600') && out.includes('/a.log'), 'the rest stays readable');
    const encoded = redactSecrets('GET /a.log?X-OSS-Signature%3Dabcdef012345%26x-oss-credential%3DkeyXYZ123');
    assert.ok(!encoded.includes('abcdef012345') && !encoded.includes('keyXYZ123'), encoded);
  });
  it('hides a SecurityToken written with a colon, quoted or not', () => {
    for (const line of [
      'SecurityToken: tokColon123',
      'securityToken : "tokColon123"',
      "'Security-Token': 'tokColon123'",
    ]) {
      assert.ok(!redactSecrets(line).includes('tokColon123'), line);
    }
  });
  it('hides a known value written with JSON-escaped slashes', () => {
    const known = 'plain/secret/value1';
    const out = redactSecrets(`{"echo":"${known.replace(/\//g, '\\/')}"}`, [known]);
    assert.ok(!out.includes('secret') && !out.includes('value1'), out);
  });
  it("hides the server's echoed StringToSign in SignatureDoesNotMatch messages", () => {
    const message =
      'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dmykey99%26Action%3DGetTicket%26SecurityToken%3Dsecrettok';
    const out = redactSecrets(message);
    assert.ok(out.startsWith('Specified signature is not matched with our calculation.'));
    assert.ok(!out.includes('mykey99') && !out.includes('secrettok'));
    const v3 = redactSecrets(
      'The request signature does not conform to Aliyun standards. server string to sign is:ACS3-HMAC-SHA256\n' +
        'a'.repeat(64),
    );
    assert.ok(!v3.includes('a'.repeat(64)));
  });
  it('hides exact known values in raw, percent-encoded and double-encoded forms', () => {
    const secret = 'p@ss/w*rd+工';
    const once = encodeURIComponent(secret).replace(/\*/g, '%2A');
    const twice = encodeURIComponent(once);
    const out = redactSecrets(`a ${secret} b ${once} c ${twice}`, [secret, undefined, 'ab']);
    assert.ok(!out.includes(secret) && !out.includes(once) && !out.includes(twice), out);
    assert.ok(out.includes(' b ') && out.includes(' c '), 'surrounding text kept');
  });
  it('hides secrets in JSON credential shapes', () => {
    const out = redactSecrets(
      JSON.stringify({ accessKeyId: 'idvalue1', accessKeySecret: 'secretvalue', securityToken: 'tokenvalue' }),
    );
    assert.ok(!out.includes('idvalue1') && !out.includes('secretvalue') && !out.includes('tokenvalue'), out);
  });
  it('hides every kind in any letter case and spelling the patterns accept (text is only skipped when none can match)', () => {
    const cases: Array<[string, string]> = [
      ['STRING-TO-SIGN: POST&%2F&AccessKeyId%3Dk', 'AccessKeyId%3Dk'],
      ['Authorization="ACS3-HMAC-SHA256 hidden-value"', 'hidden-value'],
      ['{"Signature":"sigvalue123"}', 'sigvalue123'],
      ['X-ACS-SECURITY-TOKEN: tokvalue123', 'tokvalue123'],
      ['"security_token": "tokvalue456"', 'tokvalue456'],
      ['ACCESS_KEY_SECRET=secvalue123', 'secvalue123'],
      ['sts_token: stsvalue123', 'stsvalue123'],
      ['X-Acs-AccessKey-Id: idvalue123', 'idvalue123'],
      ['"access_key_id": "idvalue456"', 'idvalue456'],
    ];
    for (const [text, hidden] of cases) {
      const out = redactSecrets(text);
      assert.ok(!out.includes(hidden), `${text} -> ${out}`);
    }
    // A known value is hidden on every call, including after the cached encodings of another value were built.
    assert.ok(!redactSecrets('a known-one b', ['known-one']).includes('known-one'));
    assert.ok(!redactSecrets('a known/two b', ['known-one', 'known/two']).includes('known/two'));
    assert.ok(!redactSecrets('a known%2Ftwo b', ['known/two']).includes('known%2Ftwo'));
  });
  it('leaves ordinary text alone', () => {
    const text = 'GetTicket 0005PYGCW -> 200 in 35 ms (RequestId 3C6A2B9E-1F0D-4C1B-9C8E-ABCDEF012345)';
    assert.strictEqual(redactSecrets(text), text);
  });
});
