// The secret guard on every path that sends text, against the emulator over real HTTP: a reply, a reopen reason, a
// rating comment and a new ticket holding an AccessKey secret ask first; Cancel sends nothing, Send as Confidential
// sends the reply encrypted (the ticket: the secret in SecretInfo only), Redact and Send sends a marker in its place.
// What reaches the emulator is asserted, not what the client meant to send.
import * as assert from 'assert';
import { EMPTY_DRAFT } from '../../../src/features/new-ticket/draft';
import { submitDraft } from '../../../src/features/new-ticket/submit';
import { guardTicket, type GuardChoice, type GuardQuestion } from '../../../src/features/secret-guard/guard';
import { questionWords } from '../../../src/features/secret-guard/questionWords';
import { emulatorActing } from '../api/emulatorActing';
import { FAKE } from './corpus';

const PASTED = `It still fails with this config:\nALIBABA_CLOUD_ACCESS_KEY_ID=${FAKE.akId}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${FAKE.akSecret}\n`;

describe('secret guard on the paths that send text (emulator)', function () {
  this.timeout(20_000);
  const env = emulatorActing();

  /** Everything the emulator received for `action`, query and body together, as one string. */
  const sent = (action: string) =>
    env.emu.requests
      .filter((r) => r.action === action)
      .map((r) => JSON.stringify({ ...r.query, ...r.body }))
      .join('\n');

  function setUp(status: 3 | 6, answer: GuardChoice) {
    const asked: GuardQuestion[] = [];
    const acting = env.actingOn(status, {
      askAboutSecrets: async (question) => {
        // Nothing has left while the question is on screen.
        assert.ok(!sent('ReplyTicket').includes(FAKE.akSecret) && !sent('ReopenTicket') && !sent('EvaluateTicket'));
        asked.push(question);
        return answer;
      },
    });
    return { ...acting, asked };
  }

  it('a reply with a pasted AccessKey: Cancel sends nothing and keeps the text', async () => {
    const { ticketId, acting, asked, idle, drafts } = setUp(3, 'cancel');
    acting.handle({ type: 'send', draft: { text: PASTED, encrypt: false } });
    await idle();
    assert.strictEqual(asked.length, 1);
    assert.deepStrictEqual(
      asked[0].items.map((i) => [i.label, i.masked, i.place]),
      [
        ['Alibaba Cloud AccessKey ID', `LTAI••••••${FAKE.akId.slice(-2)}`, 'line 2'],
        ['Alibaba Cloud AccessKey Secret', `••••••${FAKE.akSecret.slice(-2)}`, 'line 3'],
      ],
    );
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'ReplyTicket').length, 0, 'no ReplyTicket at all');
    assert.strictEqual(drafts.get(ticketId).text, PASTED, 'the draft is kept as typed');
    assert.match(acting.state().notice!.text, /Nothing was sent/);
  });

  it('a reply sent as Confidential goes once, encrypted, as written', async () => {
    const { ticketId, acting, idle } = setUp(3, 'confidential');
    acting.handle({ type: 'send', draft: { text: PASTED, encrypt: false } });
    await idle();
    const replies = env.emu.requests.filter((r) => r.action === 'ReplyTicket');
    assert.strictEqual(replies.length, 1);
    assert.strictEqual(replies[0].body.Encrypt ?? replies[0].query.Encrypt, 'true');
    assert.strictEqual(env.emu.notesOf(ticketId).at(-1)!.content.trim(), PASTED.trim());
  });

  it('a reply already Confidential is not asked about', async () => {
    const { acting, asked, idle } = setUp(3, 'cancel');
    acting.handle({ type: 'send', draft: { text: PASTED, encrypt: true } });
    await idle();
    assert.strictEqual(asked.length, 0);
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'ReplyTicket').length, 1);
  });

  it('Redact and Send: the reply leaves in clear with markers, never the key', async () => {
    const { ticketId, acting, idle } = setUp(3, 'redact');
    acting.handle({ type: 'send', draft: { text: PASTED, encrypt: false } });
    await idle();
    const wire = sent('ReplyTicket');
    assert.ok(
      !wire.includes(FAKE.akSecret) && !wire.includes(FAKE.akId),
      'neither the id nor the secret reached the server',
    );
    assert.match(
      env.emu.notesOf(ticketId).at(-1)!.content,
      /ALIBABA_CLOUD_ACCESS_KEY_SECRET=\[redacted: Alibaba Cloud AccessKey Secret\]/,
    );
  });

  it('a reopen reason cannot be confidential: only Redact is offered, and it is what is sent', async () => {
    const { ticketId, acting, asked, idle } = setUp(6, 'redact');
    acting.handle({ type: 'reopen', reason: `Broke again. ${PASTED}` });
    await idle();
    assert.strictEqual(asked[0].canSendConfidential, false);
    assert.deepStrictEqual(
      questionWords(asked[0]).buttons.map((b) => b.choice),
      ['redact'],
    );
    assert.ok(!sent('ReopenTicket').includes(FAKE.akSecret));
    assert.match(env.emu.notesOf(ticketId).at(-1)!.content, /\[redacted: Alibaba Cloud AccessKey Secret\]/);
  });

  it('a rating comment with a password: Cancel sends no rating; a comment without one is not asked about', async () => {
    const { ticketId, acting, asked, idle, until } = setUp(6, 'cancel');
    acting.handle({ type: 'rate', solved: true, score: 5, comment: 'Fixed after resetting password=Tr0ub4dor3' });
    await idle();
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'EvaluateTicket').length, 0);
    assert.strictEqual(env.emu.getEvaluation(ticketId), undefined);
    acting.handle({ type: 'rate', solved: true, score: 5, comment: 'Quick and clear, thanks (ticket 0005PYGCW).' });
    await until('the rating', (s) => /rating was sent/.test(s.notice?.text ?? ''));
    assert.strictEqual(asked.length, 1, 'asked only about the comment with the password');
  });

  it('a new ticket sent as Confidential: the secret goes in SecretInfo only, the description keeps a marker', async () => {
    const asked: GuardQuestion[] = [];
    const draft = {
      ...EMPTY_DRAFT,
      categoryId: '101',
      title: 'OSS upload fails',
      description: PASTED,
      secret: 'db pw elsewhere',
    };
    const guarded = await guardTicket(draft, async (q) => (asked.push(q), 'confidential'));
    assert.deepStrictEqual(
      asked[0].items.map((i) => i.place),
      ['description, line 2', 'description, line 3'],
    );
    const outcome = await submitDraft(env.client(), { ...draft, ...guarded! });
    assert.strictEqual(outcome.kind, 'created');
    const create = env.emu.requests.filter((r) => r.action === 'CreateTicket');
    assert.strictEqual(create.length, 1);
    assert.ok(!create[0].body.Description.includes(FAKE.akSecret) && !create[0].body.Description.includes(FAKE.akId));
    assert.match(create[0].body.Description, /\[in the confidential information: Alibaba Cloud AccessKey Secret\]/);
    const secretInfo = JSON.parse(create[0].query.SecretInfo ?? create[0].body.SecretInfo) as { Content: string };
    assert.ok(secretInfo.Content.startsWith('db pw elsewhere\n'), 'what the user put there stays first');
    assert.ok(secretInfo.Content.includes(`Alibaba Cloud AccessKey Secret (description, line 3): ${FAKE.akSecret}`));
  });

  it('a new ticket: a title with a key is asked about, Cancel or a failing question sends nothing', async () => {
    const draft = { ...EMPTY_DRAFT, title: `Key ${FAKE.akId} refused`, description: 'see title', secret: '' };
    assert.strictEqual(await guardTicket(draft, async () => 'cancel'), undefined);
    assert.strictEqual(await guardTicket(draft, () => Promise.reject(new Error('dialog failed'))), undefined);
    const redacted = await guardTicket(
      draft,
      async (q) => (
        assert.deepStrictEqual(
          q.items.map((i) => i.place),
          ['title'],
        ),
        'redact'
      ),
    );
    assert.strictEqual(redacted!.title, 'Key [redacted: Alibaba Cloud AccessKey ID] refused');
    const clean = {
      ...EMPTY_DRAFT,
      title: 'RequestId C499BB0F-630D-5BE6-B3EA-5FCD95B85503',
      description: 'ticket 0005PYGCW',
    };
    assert.strictEqual(await guardTicket(clean, () => assert.fail('nothing to ask')), clean);
  });
});
