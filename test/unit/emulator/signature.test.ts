// The emulator's verifier reproduces the official worked examples (ticket-api.md) byte for byte.
import { strict as assert } from 'assert';
import {
  parsePairs,
  parseV3Authorization,
  rfc3986Encode,
  sha256Hex,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from '../../emulator/signature';

describe('emulator signature verifier', () => {
  describe('V3 official example (RunInstances)', () => {
    const headers = {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': sha256Hex(''),
    };
    const signedHeaders = [
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ];
    // The query arrives on the wire in any order; the verifier must sort it.
    const query = parsePairs(
      'RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
      false,
    )!;
    const canonical = v3CanonicalRequest({
      method: 'POST',
      path: '/',
      query,
      headers,
      signedHeaders,
      contentSha256: sha256Hex(''),
    });

    it('hashes the canonical request to the documented value', () => {
      assert.equal(sha256Hex(canonical), '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    });

    it('computes the documented signature and parses the documented Authorization header', () => {
      const signature = v3Signature(v3StringToSign(canonical), 'YourAccessKeySecret');
      assert.equal(signature, '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
      const auth = parseV3Authorization(
        'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
      );
      assert.deepEqual(auth, { accessKeyId: 'YourAccessKeyId', signedHeaders, signature });
    });

    it('changes the signature when any signed part changes', () => {
      const base = v3Signature(v3StringToSign(canonical), 'YourAccessKeySecret');
      const other = v3CanonicalRequest({
        method: 'POST',
        path: '/',
        query,
        headers: { ...headers, 'x-acs-date': '2023-10-26T10:22:33Z' },
        signedHeaders,
        contentSha256: sha256Hex(''),
      });
      assert.notEqual(v3Signature(v3StringToSign(other), 'YourAccessKeySecret'), base);
      assert.notEqual(v3Signature(v3StringToSign(canonical), 'YourAccessKeySecreT'), base);
    });

    it('rejects Authorization headers that are not the V3 shape', () => {
      for (const bad of [
        '',
        'Bearer abc',
        'ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host',
        'ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=nothex',
        'ACS3-HMAC-SHA256 Credential=id,SignedHeaders=Host,Signature=' + 'a'.repeat(64),
        'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=' + 'a'.repeat(64),
      ]) {
        assert.equal(parseV3Authorization(bad), undefined, bad);
      }
    });
  });

  describe('V1 official example (DescribeRegions)', () => {
    const params = parsePairs(
      'Timestamp=2016-02-23T12%3A46%3A24Z&Format=XML&AccessKeyId=testid&Action=DescribeRegions&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Version=2014-05-26&SignatureVersion=1.0&Signature=ignored',
      false,
    )!;

    it('builds the documented StringToSign (Signature itself excluded)', () => {
      assert.equal(
        v1StringToSign('GET', params),
        'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
      );
    });

    it('computes the documented signature', () => {
      assert.equal(v1Signature(v1StringToSign('GET', params), 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    });
  });

  describe('encoding', () => {
    it('percent-encodes as RFC 3986 (space %20, ~ kept, reserved and Unicode encoded)', () => {
      assert.equal(rfc3986Encode("a b~*!'()"), 'a%20b~%2A%21%27%28%29');
      assert.equal(rfc3986Encode('工单'), '%E5%B7%A5%E5%8D%95');
      assert.equal(rfc3986Encode('a+b=c&d/e'), 'a%2Bb%3Dc%26d%2Fe');
    });

    it('decodes form bodies with + as space but keeps + literal in the query', () => {
      assert.deepEqual(parsePairs('a=1+2&b=%2B', true), [
        ['a', '1 2'],
        ['b', '+'],
      ]);
      assert.deepEqual(parsePairs('a=1+2', false), [['a', '1+2']]);
      assert.equal(parsePairs('a=%E5%B7', false), undefined, 'invalid UTF-8 escapes are refused');
    });
  });
});
