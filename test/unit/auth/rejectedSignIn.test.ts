import { strict as assert } from 'assert';
import { RejectedSignIn } from '../../../src/auth/rejectedSignIn';
import type { RequestLogEvent } from '../../../src/api/types';

const refused = (code: string): RequestLogEvent => ({
  action: 'ListTicketNotes',
  attempt: 1,
  httpStatus: 400,
  durationMs: 5,
  code,
});
const accepted: RequestLogEvent = { action: 'ListTickets', attempt: 1, httpStatus: 200, durationMs: 5 };

describe('one sign-in prompt when the saved sign-in is refused (RejectedSignIn)', () => {
  it('prompts once for a run of refusals, says whether the token expired, and again only after an accepted request or a reset', () => {
    const prompts: boolean[] = [];
    const watcher = new RejectedSignIn((expired) => prompts.push(expired));
    for (let i = 0; i < 12; i++) watcher.observe(refused('InvalidSecurityToken.Expired'));
    assert.deepStrictEqual(prompts, [true], 'twelve refused requests, one prompt');
    watcher.observe(accepted);
    watcher.observe(refused('InvalidAccessKeyId.NotFound'));
    watcher.observe(refused('Forbidden.AccessKeyDisabled'));
    assert.deepStrictEqual(prompts, [true, false], 'accepted in between: the next refusal is news');
    watcher.reset();
    watcher.observe(refused('Forbidden.AccessKeyDisabled'));
    assert.deepStrictEqual(prompts, [true, false, false], 'signed in again: news again');
  });

  it('says nothing for failures that are not about the sign-in', () => {
    const prompts: boolean[] = [];
    const watcher = new RejectedSignIn((expired) => prompts.push(expired));
    for (const code of [
      'Throttling.User',
      'ServiceUnavailable',
      'No permissions',
      'InvalidTimeStamp.Expired',
      'SignatureDoesNotMatch',
    ])
      watcher.observe(refused(code));
    watcher.observe({ action: 'GetTicket', attempt: 1, httpStatus: 0, durationMs: 5, code: 'ECONNRESET' });
    assert.deepStrictEqual(prompts, []);
  });
});
