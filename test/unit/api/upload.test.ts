// uploadAttachment against the emulator over real HTTP: GetAttachmentUploadUrl, then one PUT of the bytes to the
// signed URL; the key goes into a reply and the attachment is served back. Size limit, URL scheme rule, progress,
// abort, and no retry of a PUT are checked on the wire (the emulator's upload log).
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { TicketEmulator, DEMO_CREDENTIALS, UPLOAD_FAULT_ACTION } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { TicketApiError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import { MAX_ATTACHMENT_BYTES, checkUploadUrl } from '../../../src/api/upload';

describe('api/client uploadAttachment against the emulator', function () {
  this.timeout(20000);
  let emu: TicketEmulator;
  const clients: TicketClient[] = [];
  function client(endpoint = emu.url): TicketClient {
    const c = new TicketClient({ endpoint, credentials: DEMO_CREDENTIALS, retryBaseDelayMs: 10 });
    clients.push(c);
    return c;
  }
  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    emu.reset();
  });
  after(async () => {
    await emu.stop();
  });

  it('uploads the bytes once, reports progress up to the total, and the key attaches the file to a reply', async () => {
    const bytes = Buffer.alloc(300 * 1024, 7);
    const progress: Array<[number, number]> = [];
    const c = client();
    const key = await c.uploadAttachment('build log.txt', bytes, {
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    assert.ok(key.endsWith('build log.txt'), key);
    assert.deepStrictEqual(emu.uploadedBytes(key), bytes);
    const puts = emu.uploadRequests.filter((u) => u.method === 'PUT');
    assert.strictEqual(puts.length, 1);
    assert.strictEqual(puts[0].hadAuthorization, false, 'the PUT carries no Authorization of ours');
    assert.deepStrictEqual(progress[0], [0, bytes.length]);
    assert.deepStrictEqual(progress[progress.length - 1], [bytes.length, bytes.length]);
    assert.ok(progress.length > 3, 'progress in several steps');
    assert.ok(
      progress.every(([s], i) => i === 0 || s >= progress[i - 1][0]),
      'never goes back',
    );
    const url = emu.requests.find((r) => r.action === 'GetAttachmentUploadUrl')!;
    assert.deepStrictEqual(url.paramSources, { FileName: 'body' });

    const ticket = emu.addTicket({ title: 'with file', status: 3 });
    const dialogId = await c.replyTicket(ticket.ticketId, 'see attached', { attachments: [key] });
    const note = (await c.listTicketNotes(ticket.ticketId)).find((n) => n.dialogId === dialogId)!;
    assert.strictEqual(note.attachments[0].name, 'build log.txt');
    const served = await fetch(note.attachments[0].url);
    assert.strictEqual(served.status, 200);
    assert.deepStrictEqual(Buffer.from(await served.arrayBuffer()), bytes);
  });

  it('refuses a file over the limit before any request, with the sizes in the message', async () => {
    const before = emu.requests.length;
    const err = await client()
      .uploadAttachment('dump.bin', new Uint8Array(MAX_ATTACHMENT_BYTES + 1))
      .catch((e: TicketApiError) => e);
    assert.ok(err instanceof TicketApiError);
    assert.strictEqual(err.code, 'AttachmentTooLarge');
    assert.match(describeError(err), /"dump\.bin" is 20 MB; attachments can be at most 20 MB/);
    assert.strictEqual(emu.requests.length, before);
    assert.strictEqual(emu.uploadRequests.length, 0);
  });

  it('refuses an empty file and a name with folders, before any request', async () => {
    await assert.rejects(client().uploadAttachment('empty.txt', new Uint8Array(0)), /empty/);
    await assert.rejects(client().uploadAttachment('../etc/passwd', new Uint8Array(3)), /plain name/);
    assert.strictEqual(emu.requests.length, 0);
  });

  it('the signed URL must be https, or http on loopback only when the endpoint is loopback too', () => {
    assert.strictEqual(
      checkUploadUrl('https://bucket.oss-cn-hangzhou.aliyuncs.com/k?Signature=x', 'https://workorder.aliyuncs.com')
        .host,
      'bucket.oss-cn-hangzhou.aliyuncs.com',
    );
    assert.ok(checkUploadUrl('http://127.0.0.1:9/k', 'http://127.0.0.1:8'));
    assert.throws(() => checkUploadUrl('http://127.0.0.1:9/k', 'https://workorder.aliyuncs.com'), /does not use https/);
    assert.throws(() => checkUploadUrl('http://bucket.example.com/k', 'http://127.0.0.1:8'), /does not use https/);
    assert.throws(
      () => checkUploadUrl('ftp://bucket.example.com/k', 'https://workorder.aliyuncs.com'),
      /does not use https/,
    );
    assert.throws(
      () => checkUploadUrl('https://user:pw@bucket.example.com/k', 'https://workorder.aliyuncs.com'),
      /user name or password/,
    );
  });

  it('an API that answers a plain-http upload URL off loopback gets nothing uploaded', async () => {
    // A stand-in API on loopback that answers GetAttachmentUploadUrl with an http URL on another host.
    let putSeen = false;
    const api = http.createServer((req, res) => {
      if (req.method === 'PUT') putSeen = true;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          RequestId: 'R',
          Success: true,
          Code: 0,
          Data: { ObjectKey: 'k', PutSignedUrl: 'http://files.example.com/k?Signature=s', GetSignedUrl: '' },
        }),
      );
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    try {
      const err = await client(`http://127.0.0.1:${(api.address() as AddressInfo).port}`)
        .uploadAttachment('a.txt', Buffer.from('abc'))
        .catch((e: TicketApiError) => e);
      assert.ok(err instanceof TicketApiError);
      assert.strictEqual(err.code, 'InsecureUploadUrl');
      assert.match(describeError(err), /not use https/);
      assert.strictEqual(putSeen, false);
    } finally {
      await new Promise<void>((r) => api.close(() => r()));
    }
  });

  it('an abort during the PUT rejects at once as aborted and the PUT is not sent again', async () => {
    const controller = new AbortController();
    const bytes = Buffer.alloc(4 * 1024 * 1024, 1);
    const err = await client()
      .uploadAttachment('big.bin', bytes, {
        signal: controller.signal,
        onProgress: (sent) => {
          if (sent > 0) controller.abort();
        },
      })
      .catch((e: TicketApiError) => e);
    assert.ok(err instanceof TicketApiError);
    assert.strictEqual(err.kind, 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(emu.uploadRequests.filter((u) => u.method === 'PUT').length <= 1);
  });

  for (const fault of [
    { kind: 'status', status: 500 },
    { kind: 'status', status: 403, code: 'AccessDenied' },
    { kind: 'drop' },
  ] as const) {
    it(`a failed PUT (${JSON.stringify(fault)}) is reported and never sent again`, async () => {
      emu.inject({ ...fault, action: UPLOAD_FAULT_ACTION });
      const err = await client()
        .uploadAttachment('f.txt', Buffer.from('abc'))
        .catch((e: TicketApiError) => e);
      assert.ok(err instanceof TicketApiError);
      assert.strictEqual(err.kind, fault.kind === 'drop' ? 'network' : fault.status >= 500 ? 'server' : 'badRequest');
      if (fault.kind === 'status' && fault.status === 403)
        assert.match(describeError(err), /upload was refused \(HTTP 403, AccessDenied\)/);
      await new Promise((r) => setTimeout(r, 50));
      assert.strictEqual(emu.uploadRequests.filter((u) => u.method === 'PUT').length, 1);
      assert.strictEqual(emu.requests.filter((r) => r.action === 'GetAttachmentUploadUrl').length, 1);
    });
  }

  it('the emulator store refuses an altered signature and a PUT carrying Authorization', async () => {
    const c = client();
    const key = await c.uploadAttachment('ok.txt', Buffer.from('hello'));
    // The emulator's store checks the signature: an altered one is refused with its XML error.
    const res = await fetch(emu.signedUploadUrl('PUT', key).replace(/Signature=[0-9a-f]+/, 'Signature=00'), {
      method: 'PUT',
      body: 'x',
    });
    assert.strictEqual(res.status, 403);
    assert.match(await res.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    // A PUT that carries an Authorization header is refused too (one authentication at a time).
    const withAuth = await fetch(emu.signedUploadUrl('PUT', key), {
      method: 'PUT',
      body: 'x',
      headers: { authorization: 'ACS3-HMAC-SHA256 x' },
    });
    assert.strictEqual(withAuth.status, 400);
  });
});
