// Every way the emulator refuses a request before it reaches an action, with the real codes and HTTP statuses.
import { strict as assert } from 'assert';
import {
  DEMO_CREDENTIALS,
  DISABLED_CREDENTIALS,
  EXPIRED_STS_CREDENTIALS,
  STS_CREDENTIALS,
  TicketEmulator,
} from '../../emulator/server';
import { sha256Hex } from '../../emulator/signature';
import { call, CallResult, control, getTicketCall, rawRequest, useEmulator } from './helpers';

const getTicket = getTicketCall;

function assertGatewayError(r: CallResult, status: number, code: string): void {
  assert.equal(r.status, status, `HTTP status for ${code}: ${r.text}`);
  assert.equal(r.json.Code, code);
  assert.match(r.json.RequestId, /^[0-9A-F-]{36}$/);
  assert.equal(typeof r.json.Message, 'string');
  assert.equal(r.json.Data, undefined, 'no data with an error');
}

describe('emulator authentication', () => {
  const emulator = useEmulator({ seed: 'demo' });

  for (const signatureVersion of ['v3', 'v1'] as const) {
    describe(`signature ${signatureVersion}`, () => {
      it('accepts a correctly signed request (plain key and STS)', async () => {
        const plain = await call(emulator().url, getTicket({ signatureVersion }));
        assert.equal(plain.status, 200, plain.text);
        const sts = await call(emulator().url, getTicket({ signatureVersion, credentials: STS_CREDENTIALS }));
        assert.equal(sts.status, 200, sts.text);
        assert.equal(emulator().requests[emulator().requests.length - 1].signatureVersion, signatureVersion);
      });

      it('InvalidAccessKeyId.NotFound (404) for an unknown key', async () => {
        const r = await call(
          emulator().url,
          getTicket({ signatureVersion, credentials: { accessKeyId: 'LTAI5tUnknownKey000000', accessKeySecret: 'x' } }),
        );
        assertGatewayError(r, 404, 'InvalidAccessKeyId.NotFound');
      });

      it('SignatureDoesNotMatch (400) for a wrong secret, echoing the server StringToSign', async () => {
        const r = await call(emulator().url, getTicket({ signatureVersion, signWithSecret: 'not-the-secret' }));
        assertGatewayError(r, 400, 'SignatureDoesNotMatch');
        const echoed = /server string to sign is:([\s\S]*)$/.exec(r.json.Message)?.[1];
        assert.ok(echoed, r.json.Message);
        if (signatureVersion === 'v3') assert.match(echoed, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
        else {
          assert.match(echoed, /^POST&%2F&/);
          assert.ok(
            echoed.includes(DEMO_CREDENTIALS.accessKeyId),
            'the real V1 echo contains the AccessKeyId: clients must redact it',
          );
        }
        assert.ok(!r.text.includes(DEMO_CREDENTIALS.accessKeySecret));
      });

      it('InvalidTimeStamp.Expired (400) when the clock is off by more than 15 minutes, either way', async () => {
        const late = await call(
          emulator().url,
          getTicket({ signatureVersion, date: new Date(Date.now() - 16 * 60_000) }),
        );
        assertGatewayError(late, 400, 'InvalidTimeStamp.Expired');
        const early = await call(
          emulator().url,
          getTicket({ signatureVersion, date: new Date(Date.now() + 16 * 60_000) }),
        );
        assertGatewayError(early, 400, 'InvalidTimeStamp.Expired');
        const within = await call(
          emulator().url,
          getTicket({ signatureVersion, date: new Date(Date.now() - 14 * 60_000) }),
        );
        assert.equal(within.status, 200);
      });

      it('SignatureNonceUsed (400) when a nonce comes twice; the first request still succeeds', async () => {
        const first = await call(emulator().url, getTicket({ signatureVersion, nonce: `nonce-${signatureVersion}-1` }));
        assert.equal(first.status, 200);
        const again = await call(emulator().url, getTicket({ signatureVersion, nonce: `nonce-${signatureVersion}-1` }));
        assertGatewayError(again, 400, 'SignatureNonceUsed');
      });

      it('a rejected signature does not burn the nonce', async () => {
        const bad = await call(
          emulator().url,
          getTicket({ signatureVersion, nonce: 'kept-nonce', signWithSecret: 'wrong' }),
        );
        assertGatewayError(bad, 400, 'SignatureDoesNotMatch');
        const good = await call(emulator().url, getTicket({ signatureVersion, nonce: 'kept-nonce' }));
        assert.equal(good.status, 200);
      });

      it('MissingSecurityToken, InvalidSecurityToken.MismatchWithAccessKey and InvalidSecurityToken.Expired for STS keys', async () => {
        const missing = await call(
          emulator().url,
          getTicket({ signatureVersion, credentials: { ...STS_CREDENTIALS, securityToken: undefined } }),
        );
        assertGatewayError(missing, 400, 'MissingSecurityToken');
        const wrong = await call(
          emulator().url,
          getTicket({
            signatureVersion,
            credentials: { ...STS_CREDENTIALS, securityToken: EXPIRED_STS_CREDENTIALS.securityToken },
          }),
        );
        assertGatewayError(wrong, 400, 'InvalidSecurityToken.MismatchWithAccessKey');
        const expired = await call(
          emulator().url,
          getTicket({ signatureVersion, credentials: EXPIRED_STS_CREDENTIALS }),
        );
        assertGatewayError(expired, 400, 'InvalidSecurityToken.Expired');
      });

      it('Forbidden.AccessKeyDisabled (403) for a disabled key, also one disabled at run time', async () => {
        const r = await call(emulator().url, getTicket({ signatureVersion, credentials: DISABLED_CREDENTIALS }));
        assertGatewayError(r, 403, 'Forbidden.AccessKeyDisabled');
        emulator().disableKey(DEMO_CREDENTIALS.accessKeyId);
        const demo = await call(emulator().url, getTicket({ signatureVersion }));
        assertGatewayError(demo, 403, 'Forbidden.AccessKeyDisabled');
      });
    });
  }

  describe('V3 specifics', () => {
    it('IncompleteSignature (400) without an Authorization header or with a garbled one', async () => {
      const none = await call(emulator().url, getTicket({ afterSign: (h) => delete h['authorization'] }));
      assertGatewayError(none, 400, 'IncompleteSignature');
      for (const garbled of [
        'garbage',
        'ACS3-HMAC-SHA256 Credential=x',
        'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=zz',
        'HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=' + '0'.repeat(64),
      ]) {
        const r = await call(emulator().url, getTicket({ afterSign: (h) => (h['authorization'] = garbled) }));
        assertGatewayError(r, 400, 'IncompleteSignature');
      }
    });

    it('IncompleteSignature when host, content-type or an x-acs-* header is left out of SignedHeaders', async () => {
      for (const name of ['host', 'content-type', 'x-acs-date', 'x-acs-signature-nonce']) {
        const r = await call(emulator().url, getTicket({ unsignedHeaders: [name] }));
        assertGatewayError(r, 400, 'IncompleteSignature');
        assert.ok(r.json.Message.includes(name), r.json.Message);
      }
      const extra = await call(
        emulator().url,
        getTicket({ afterSign: (h) => (h['x-acs-extra'] = 'added after signing') }),
      );
      assertGatewayError(extra, 400, 'IncompleteSignature');
    });

    it('SignatureDoesNotMatch when the body differs from x-acs-content-sha256, or a signed value changed', async () => {
      const tampered = await call(emulator().url, getTicket({ bodyOverride: 'TicketId=001571BTXC' }));
      assertGatewayError(tampered, 400, 'SignatureDoesNotMatch');
      assert.match(tampered.json.Message, /x-acs-content-sha256/);
      const consistentHash = await call(
        emulator().url,
        getTicket({
          bodyOverride: 'TicketId=001571BTXC',
          afterSign: (h) => (h['x-acs-content-sha256'] = sha256Hex('TicketId=001571BTXC')),
        }),
      );
      assertGatewayError(consistentHash, 400, 'SignatureDoesNotMatch');
      const action = await call(
        emulator().url,
        getTicket({ afterSign: (h) => (h['x-acs-action'] = 'ListTicketNotes') }),
      );
      assertGatewayError(action, 400, 'SignatureDoesNotMatch');
    });

    it('SignatureDoesNotMatch when the query is changed after signing, or reordered harmlessly is fine', async () => {
      const changed = await call(emulator().url, {
        action: 'ListTickets',
        query: [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        queryOverride: [
          ['PageNumber', '2'],
          ['PageSize', '10'],
        ],
        credentials: DEMO_CREDENTIALS,
      });
      assertGatewayError(changed, 400, 'SignatureDoesNotMatch');
      const reordered = await call(emulator().url, {
        action: 'ListTickets',
        query: [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        queryOverride: [
          ['PageSize', '10'],
          ['PageNumber', '1'],
        ],
        credentials: DEMO_CREDENTIALS,
      });
      assert.equal(reordered.status, 200, 'the canonical query is sorted, so wire order does not matter');
    });

    it('InvalidTimeStamp.Format for a date that is not YYYY-MM-DDTHH:mm:ssZ', async () => {
      const r = await call(
        emulator().url,
        getTicket({
          afterSign: (h) => (h['x-acs-date'] = new Date().toISOString()),
        }),
      );
      assertGatewayError(r, 400, 'InvalidTimeStamp.Format');
    });

    it('IncompleteSignature without x-acs-content-sha256', async () => {
      const r = await call(emulator().url, getTicket({ afterSign: (h) => delete h['x-acs-content-sha256'] }));
      assertGatewayError(r, 400, 'IncompleteSignature');
      assert.match(r.json.Message, /x-acs-content-sha256/);
    });

    it('a clock offset set over the control API makes correctly dated requests look expired, until reset', async () => {
      const set = await control(emulator().url, 'POST', '/__emulator/clock', { offsetMs: 20 * 60_000 });
      assert.equal(set.status, 200);
      assertGatewayError(await call(emulator().url, getTicket()), 400, 'InvalidTimeStamp.Expired');
      emulator().setClockOffset(-20 * 60_000);
      assertGatewayError(await call(emulator().url, getTicket()), 400, 'InvalidTimeStamp.Expired');
      emulator().reset();
      assert.equal((await call(emulator().url, getTicket())).status, 200);
    });

    it('honours clockSkewToleranceMs', async () => {
      const strict = await TicketEmulator.start({ clockSkewToleranceMs: 60_000 });
      try {
        const r = await call(strict.url, getTicket({ date: new Date(Date.now() - 2 * 60_000) }));
        assertGatewayError(r, 400, 'InvalidTimeStamp.Expired');
        const ok = await call(strict.url, getTicket({ date: new Date(Date.now() - 30_000) }));
        assert.equal(ok.status, 200);
      } finally {
        await strict.stop();
      }
    });

    it('checks Unicode and reserved characters in query and body exactly', async () => {
      const r = await call(emulator().url, {
        action: 'ListTickets',
        query: [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        body: [
          ['Keyword', "工单 a+b*c!'()~ %20"],
          ['StatusList.1', 'assigned'],
          ['StatusList.2', 'dealing'],
        ],
        credentials: DEMO_CREDENTIALS,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(emulator().requests[emulator().requests.length - 1].body.Keyword, "工单 a+b*c!'()~ %20");
    });
  });

  describe('V1 specifics', () => {
    it('IncompleteSignature without Signature, SignatureDoesNotMatch when a body parameter changed', async () => {
      const url = new URL(emulator().url);
      const noSig = await rawRequest(
        url,
        'POST',
        '/?Action=GetTicket&Version=2021-06-10&AccessKeyId=' + DEMO_CREDENTIALS.accessKeyId,
        { host: url.host },
        '',
      );
      assertGatewayError(noSig, 400, 'IncompleteSignature');
      const changed = await call(
        emulator().url,
        getTicket({ signatureVersion: 'v1', bodyOverride: 'TicketId=001571BTXC' }),
      );
      assertGatewayError(changed, 400, 'SignatureDoesNotMatch');
    });

    it('signs body parameters too: the echoed StringToSign lists them', async () => {
      const r = await call(emulator().url, getTicket({ signatureVersion: 'v1', signWithSecret: 'wrong' }));
      const echoed = /server string to sign is:(.*)$/s.exec(r.json.Message)![1];
      assert.ok(echoed.includes('TicketId%3D0005PYGCW'), echoed);
      assert.ok(echoed.includes('Action%3DGetTicket'), echoed);
      assert.equal(emulator().requests[emulator().requests.length - 1].code, 'SignatureDoesNotMatch');
    });
  });
});
