import * as assert from 'assert';
import {
  percentEncode,
  signV3,
  signV1,
  stringToSignV1,
  sha256Hex,
  formatAcsDate,
  canonicalQueryString,
  v1CommonParams,
  newNonce,
} from '../../../src/api/sign';

describe('api/sign', () => {
  describe('percentEncode (RFC 3986)', () => {
    it('encodes space as %20 and keeps the unreserved characters, ~ included', () => {
      assert.strictEqual(percentEncode('a b'), 'a%20b');
      assert.strictEqual(percentEncode('AZaz09-._~'), 'AZaz09-._~');
    });
    it("encodes ! ' ( ) * and the other reserved characters", () => {
      assert.strictEqual(percentEncode("!'()*"), '%21%27%28%29%2A');
      assert.strictEqual(percentEncode('+/=&?#:@%'), '%2B%2F%3D%26%3F%23%3A%40%25');
    });
    it('encodes Unicode as upper-case UTF-8 bytes', () => {
      assert.strictEqual(percentEncode('工单'), '%E5%B7%A5%E5%8D%95');
      assert.strictEqual(percentEncode('é😀'), '%C3%A9%F0%9F%98%80');
    });
    it('never throws on a lone surrogate (encodes it as U+FFFD like the UTF-8 body would)', () => {
      assert.strictEqual(percentEncode('a\uD800b'), 'a%EF%BF%BDb');
    });
    it('leaves the empty string empty', () => {
      assert.strictEqual(percentEncode(''), '');
    });
  });

  describe('V3 ACS3-HMAC-SHA256', () => {
    const officialRequest = {
      method: 'POST',
      pathname: '/',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      headers: {
        host: 'ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action': 'RunInstances',
        'x-acs-version': '2014-05-26',
        'x-acs-date': '2023-10-26T10:22:32Z',
        'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      },
      body: '',
    };
    const officialCredentials = { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' };

    it('reproduces the official worked example: canonical request hash', () => {
      const signed = signV3(officialRequest, officialCredentials);
      assert.strictEqual(
        sha256Hex(signed.canonicalRequest),
        '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
      );
      assert.strictEqual(
        signed.stringToSign,
        'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
      );
    });

    it('reproduces the official worked example: Authorization header byte for byte', () => {
      const signed = signV3(officialRequest, officialCredentials);
      assert.strictEqual(
        signed.authorization,
        'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
      );
      assert.strictEqual(signed.headers['authorization'], signed.authorization);
      assert.strictEqual(
        signed.headers['x-acs-content-sha256'],
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );
    });

    it('lays out the canonical request as documented', () => {
      const signed = signV3(officialRequest, officialCredentials);
      assert.strictEqual(
        signed.canonicalRequest,
        [
          'POST',
          '/',
          'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
          'host:ecs.cn-shanghai.aliyuncs.com',
          'x-acs-action:RunInstances',
          'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'x-acs-date:2023-10-26T10:22:32Z',
          'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
          'x-acs-version:2014-05-26',
          '',
          'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        ].join('\n'),
      );
    });

    it('signs STS credentials with x-acs-security-token and x-acs-accesskey-id among the signed headers', () => {
      const sts = { accessKeyId: 'STS.NTestId', accessKeySecret: 'stsSecret', securityToken: 'CAIS+token/with=chars' };
      const signed = signV3(officialRequest, sts);
      assert.strictEqual(signed.headers['x-acs-security-token'], sts.securityToken);
      assert.strictEqual(signed.headers['x-acs-accesskey-id'], sts.accessKeyId);
      assert.strictEqual(
        signed.signedHeaders,
        'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
      );
      assert.ok(signed.canonicalRequest.includes('\nx-acs-security-token:CAIS+token/with=chars\n'));
      assert.ok(signed.authorization.startsWith('ACS3-HMAC-SHA256 Credential=STS.NTestId,'));
      // The token is covered: changing it changes the signature.
      const other = signV3(officialRequest, { ...sts, securityToken: 'CAIS+other' });
      assert.notStrictEqual(other.signature, signed.signature);
    });

    it('hashes the exact body bytes and signs content-type when there is a body', () => {
      const body = 'TicketId=0005PYGCW&Keyword=%E5%B7%A5%E5%8D%95';
      const signed = signV3(
        {
          ...officialRequest,
          query: {},
          headers: { ...officialRequest.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
        },
        officialCredentials,
      );
      assert.strictEqual(signed.headers['x-acs-content-sha256'], sha256Hex(Buffer.from(body, 'utf8')));
      assert.ok(signed.signedHeaders.startsWith('content-type;host;'));
      assert.ok(signed.canonicalRequest.endsWith('\n' + sha256Hex(body)));
    });

    it('encodes query keys and values in the canonical query string and sorts them by name', () => {
      assert.strictEqual(
        canonicalQueryString({
          b: "it's (a) *test*",
          a: '工 单~',
          'StatusList.2': 'dealing',
          'StatusList.1': 'assigned',
          Empty: '',
        }),
        'Empty=&StatusList.1=assigned&StatusList.2=dealing&a=%E5%B7%A5%20%E5%8D%95~&b=it%27s%20%28a%29%20%2Atest%2A',
      );
    });

    it('trims header values and lower-cases names; unsigned headers stay out of the signature', () => {
      const shouted: Record<string, string> = { 'User-Agent': 'tickets/0.1' };
      for (const [name, value] of Object.entries(officialRequest.headers)) shouted[name.toUpperCase()] = `  ${value} `;
      const signed = signV3({ ...officialRequest, headers: shouted }, officialCredentials);
      assert.strictEqual(signed.signature, '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
      assert.ok(!signed.signedHeaders.includes('user-agent'));
    });
  });

  describe('V1 RPC HMAC-SHA1', () => {
    const officialParams = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };

    it('reproduces the official StringToSign byte for byte', () => {
      assert.strictEqual(
        stringToSignV1('GET', officialParams),
        'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
      );
    });

    it('reproduces the official signature', () => {
      assert.strictEqual(signV1('GET', officialParams, 'testsecret').signature, 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    });

    it('adds SecurityToken to the signed parameters with STS credentials', () => {
      const params = v1CommonParams({
        action: 'GetTicket',
        version: '2021-06-10',
        credentials: { accessKeyId: 'STS.abc', accessKeySecret: 's', securityToken: 'tok' },
        nonce: 'n1',
        epochMs: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
      });
      assert.strictEqual(params.SecurityToken, 'tok');
      assert.strictEqual(params.Timestamp, '2026-01-02T03:04:05Z');
      assert.strictEqual(params.SignatureMethod, 'HMAC-SHA1');
      assert.strictEqual(params.Format, 'JSON');
      const withoutToken = v1CommonParams({
        action: 'GetTicket',
        version: '2021-06-10',
        credentials: { accessKeyId: 'LTAIabc', accessKeySecret: 's' },
        nonce: 'n1',
        epochMs: 0,
      });
      assert.ok(!('SecurityToken' in withoutToken));
    });

    it('encodes twice inside the StringToSign (values are encoded, then the whole query is)', () => {
      assert.strictEqual(stringToSignV1('POST', { Keyword: 'a b*' }), 'POST&%2F&Keyword%3Da%2520b%252A');
    });
  });

  describe('helpers', () => {
    it('formats dates as UTC YYYY-MM-DDTHH:mm:ssZ without milliseconds', () => {
      assert.strictEqual(formatAcsDate(Date.UTC(2023, 9, 26, 10, 22, 32, 999)), '2023-10-26T10:22:32Z');
    });
    it('makes a different nonce every time', () => {
      const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
      assert.strictEqual(nonces.size, 1000);
    });
  });
});
