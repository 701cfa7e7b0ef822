// The client's signer (src/api/sign.ts) and the emulator's verifier were written apart; random requests signed by
// one must pass the other. A disagreement fails here with the emulator's StringToSign to compare.
import { strict as assert } from 'assert';
import {
  canonicalQueryString,
  formatAcsDate,
  formEncode,
  newNonce,
  signV1,
  signV3,
  v1CommonParams,
} from '../../../src/api/sign';
import { seededRandom } from '../../emulator/seed';
import { DEMO_CREDENTIALS, STS_CREDENTIALS } from '../../emulator/server';
import { rawRequest, useEmulator } from './helpers';

const ALPHABET = [...'abcXYZ019 -_.~!*\'()+&=%/?#[]@$,;:"<>\\^`{|}', '工', '单', 'é', '😀', '\t', '\n'];

function randomText(next: () => number, max: number): string {
  const length = Math.floor(next() * max);
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

describe('emulator verifier agrees with src/api/sign.ts', () => {
  const emulator = useEmulator({ seed: 'demo' }, false);

  it('accepts 40 random V3 requests (Unicode, reserved characters, empty values, repeat lists, STS)', async () => {
    const next = seededRandom(7);
    const url = new URL(emulator().url);
    for (let i = 0; i < 40; i++) {
      const credentials = i % 4 === 3 ? STS_CREDENTIALS : DEMO_CREDENTIALS;
      const query = { PageNumber: String(1 + Math.floor(next() * 3)), PageSize: '10' };
      const body: Record<string, string> = {
        Keyword: randomText(next, 12),
        'StatusList.1': 'assigned',
        'StatusList.2': 'dealing',
        Uid: i % 5 === 0 ? '' : '42',
      };
      const bodyText = formEncode(body);
      const signed = signV3(
        {
          method: 'POST',
          query,
          headers: {
            host: url.host,
            'x-acs-action': 'ListTickets',
            'x-acs-version': '2021-06-10',
            'x-acs-date': formatAcsDate(Date.now()),
            'x-acs-signature-nonce': newNonce(),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: bodyText,
        },
        {
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          securityToken: credentials.securityToken,
        },
      );
      const r = await rawRequest(url, 'POST', `/?${canonicalQueryString(query)}`, signed.headers, bodyText);
      assert.equal(
        r.status,
        200,
        `request ${i} keyword ${JSON.stringify(body.Keyword)}: ${r.json?.Message}\nclient string to sign: ${signed.stringToSign}`,
      );
      assert.equal(emulator().requests[emulator().requests.length - 1].body.Keyword, body.Keyword);
    }
  });

  it('accepts 40 random V1 requests', async () => {
    const next = seededRandom(11);
    const url = new URL(emulator().url);
    for (let i = 0; i < 40; i++) {
      const credentials = i % 4 === 3 ? STS_CREDENTIALS : DEMO_CREDENTIALS;
      const common = v1CommonParams({
        action: 'ListTickets',
        version: '2021-06-10',
        credentials: {
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          securityToken: credentials.securityToken,
        },
        nonce: newNonce(),
        epochMs: Date.now(),
      });
      const query = { ...common, PageNumber: '1', PageSize: '10' };
      const body = { Keyword: randomText(next, 12), 'StatusList.1': 'feedback' };
      const { signature, stringToSign } = signV1('POST', { ...query, ...body }, credentials.accessKeySecret);
      const bodyText = formEncode(body);
      const r = await rawRequest(
        url,
        'POST',
        `/?${canonicalQueryString({ ...query, Signature: signature })}`,
        { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
        bodyText,
      );
      assert.equal(r.status, 200, `request ${i}: ${r.json?.Message}\nclient string to sign: ${stringToSign}`);
    }
  });
});
