// The facts of a failed request, from our own error (over real HTTP against the emulator's RAM refusal) and from the
// text around a RequestId (the envelope, the aliyun CLI's lines), and the draft text they make.
import * as assert from 'assert';
import { TicketApiError } from '../../../src/api/errors';
import { forgetErrors, recentError, rememberError, MAX_RECENT_ERRORS } from '../../../src/common/recentErrors';
import { canAskSupportAbout } from '../../../src/common/errors';
import { factsFromText, factsOfError, mergeFacts } from '../../../src/features/error-facts/facts';
import { withErrorFacts } from '../../../src/features/error-facts/factsText';
import { guessCategory, guessProduct } from '../../../src/features/error-facts/productGuess';
import { requestIdPrefill } from '../../../src/features/new-ticket/prefill';
import { emulatorClients } from '../api/emulatorClients';

const RID = 'C499BB0F-630D-5BE6-B3EA-5FCD95B85503';
const DETAIL =
  '{"AuthAction":"ecs:RunInstances","AuthPrincipalDisplayName":"2146216584788xxxxx","AuthPrincipalOwnerId":"1135850448xxxxx","AuthPrincipalType":"SubUser","NoPermissionType":"ImplicitDeny","PolicyType":"AccountLevelIdentityBasedPolicy"}';

describe('error facts', () => {
  describe('from our own error, over HTTP', () => {
    const env = emulatorClients();

    it('keeps HostId, Recommend, the decoded AccessDeniedDetail, the action and the endpoint of a RAM refusal', async () => {
      env.emu.inject({ kind: 'forbidden' });
      const error = await env
        .client()
        .getTicket('0005PYGCW')
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(error instanceof TicketApiError, 'the call fails');
      assert.strictEqual(error.kind, 'permission');
      assert.match(error.requestId ?? '', /^[0-9A-F-]{36}$/);
      assert.strictEqual(error.hostId, 'workorder.aliyuncs.com');
      assert.match(error.recommend ?? '', /^https:\/\/api\.aliyun\.com\/troubleshoot\?.*requestId=/);
      assert.strictEqual(error.accessDeniedDetail?.AuthAction, 'ram:GetTicket');
      assert.strictEqual(error.action, 'GetTicket');
      assert.strictEqual(error.endpoint, env.emu.url);
      const facts = factsOfError(error);
      assert.ok(facts);
      const text = withErrorFacts(requestIdPrefill(facts.requestId), facts).description;
      for (const expected of [
        facts.requestId,
        'Error code: No permissions (HTTP 403)',
        'HostId: workorder.aliyuncs.com',
        `Diagnosis: ${error.recommend}`,
        'API action: GetTicket',
        `Endpoint: ${env.emu.url}`,
        'Denied action: ram:GetTicket',
        'Principal: SubUser 2146216584788xxxxx (account 1135850448xxxxx)',
        'Policy type: AccountLevelIdentityBasedPolicy',
        'Why: ImplicitDeny',
        'Kind of problem (guessed): Access permissions (RAM)',
      ]) {
        assert.ok(text.includes(expected), `the draft says "${expected}":\n${text}`);
      }
    });
  });

  it('reads the envelope around a RequestId in a log (JSON, with the detail as a JSON-encoded string)', () => {
    const log = `2026-12-05 ERROR call failed {"RequestId":"${RID}","HostId":"ecs.cn-hangzhou.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource.","Recommend":"https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Ecs","AccessDeniedDetail":${JSON.stringify(DETAIL)}}`;
    const facts = factsFromText(log, RID);
    assert.strictEqual(facts.code, 'Forbidden.RAM');
    assert.strictEqual(facts.hostId, 'ecs.cn-hangzhou.aliyuncs.com');
    assert.strictEqual(facts.message, 'User not authorized to operate on the specified resource.');
    assert.strictEqual(facts.accessDenied?.AuthAction, 'ecs:RunInstances');
    assert.strictEqual(guessProduct(facts), 'Elastic Compute Service (ECS)');
    assert.strictEqual(guessCategory(facts), 'Access permissions (RAM)');
  });

  it("reads the aliyun CLI's error lines", () => {
    const cli = [
      'ERROR: SDK.ServerError',
      'ErrorCode: Throttling.User',
      'Recommend: https://api.aliyun.com/troubleshoot?q=Throttling.User&product=Rds',
      `RequestId: ${RID}`,
      'Message: Request was denied due to user flow control.',
    ].join('\n');
    const facts = factsFromText(cli, RID);
    assert.strictEqual(facts.code, 'Throttling.User');
    assert.strictEqual(facts.message, 'Request was denied due to user flow control.');
    assert.strictEqual(guessProduct(facts), 'ApsaraDB RDS');
    assert.strictEqual(guessCategory(facts), 'Throttling and quotas');
  });

  it("takes nothing from text that holds another request's answer", () => {
    const other = 'D499BB0F-630D-5BE6-B3EA-5FCD95B85503';
    const facts = factsFromText(`RequestId: ${RID}\n{"RequestId":"${other}","Code":"InternalError"}`, RID);
    assert.deepStrictEqual(facts, { requestId: RID });
  });

  it('keeps hostile text out: no link but https, one plain line per value, no guess for an unknown service', () => {
    const facts = factsFromText(
      `{"Code":"X\\nInjected: line","Recommend":"javascript:alert(1)","HostId":"evil.example.com","Message":"a\\u202Eb"}`,
      RID,
    );
    assert.strictEqual(facts.code, 'X Injected: line');
    assert.strictEqual(facts.recommend, undefined);
    assert.strictEqual(facts.message, 'ab');
    assert.strictEqual(guessProduct(facts), undefined);
    assert.strictEqual(guessCategory(facts), undefined);
  });

  it('prefers our own error to the text, field by field', () => {
    const mine = { requestId: RID, code: 'No permissions', action: 'GetTicket' };
    const merged = mergeFacts(mine, { requestId: RID, code: 'Other', hostId: 'h.aliyuncs.com' });
    assert.deepStrictEqual(merged, {
      requestId: RID,
      code: 'No permissions',
      action: 'GetTicket',
      hostId: 'h.aliyuncs.com',
    });
  });

  it('adds the environment only when given, after the facts, and titles the draft with the action and code', () => {
    const facts = { requestId: RID, code: 'InternalError', action: 'ListTickets', httpStatus: 500 };
    const without = withErrorFacts(requestIdPrefill(RID), facts);
    assert.strictEqual(without.title, `ListTickets failed with InternalError (RequestId ${RID})`);
    assert.ok(!without.description.includes('Operating system'));
    const withEnv = withErrorFacts(requestIdPrefill(RID), facts, {
      os: 'Linux 6.1 (x64)',
      vscodeVersion: '1.139.1',
      extensionVersion: '0.1.0',
      site: 'workorder.aliyuncs.com',
      language: 'en',
    });
    assert.match(
      withEnv.description,
      /Kind of problem \(guessed\): Service errors\n\nEnvironment .*\n {2}Operating system: Linux 6\.1 \(x64\)\n {2}VS Code: 1\.139\.1\n/,
    );
  });

  it('remembers the failures shown, by RequestId, the newest few dozen, and offers a ticket only where support can help', () => {
    forgetErrors();
    const error = (n: number, kind: 'server' | 'signature' = 'server') =>
      new TicketApiError({
        code: 'InternalError',
        kind,
        requestId: `${String(n).padStart(8, '0')}-0000-0000-0000-00000000000A`,
      });
    for (let i = 1; i <= MAX_RECENT_ERRORS + 1; i++) rememberError(error(i));
    assert.strictEqual(recentError('00000001-0000-0000-0000-00000000000A'), undefined, 'the oldest is forgotten');
    assert.ok(recentError(`000000${MAX_RECENT_ERRORS + 1}-0000-0000-0000-00000000000A`));
    assert.strictEqual(canAskSupportAbout(error(1)), true);
    assert.strictEqual(canAskSupportAbout(error(1, 'signature')), false, 'a wrong secret is the user’s to fix');
    assert.strictEqual(canAskSupportAbout(new TicketApiError({ code: 'InternalError', kind: 'server' })), false);
    forgetErrors();
    assert.strictEqual(recentError(`000000${MAX_RECENT_ERRORS + 1}-0000-0000-0000-00000000000A`), undefined);
  });
});
