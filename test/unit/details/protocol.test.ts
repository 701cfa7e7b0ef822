// The page's messages are checked field by field: anything malformed is dropped, never half-used.
import * as assert from 'assert';
import { MAX_ATTACHMENT_BYTES } from '../../../src/api/upload';
import {
  CLICK_ACTIONS,
  MAX_DROP_BYTES,
  MAX_TEXT_LENGTH,
  dataAction,
  parsePageMessage,
} from '../../../src/features/details/protocol';

describe('details/protocol', () => {
  it('accepts each click action, ready and rendered, with no fields carried over', () => {
    for (const type of [...CLICK_ACTIONS, 'ready', 'rendered'])
      assert.deepStrictEqual(parsePageMessage({ type, extra: 'x' }), { type });
    assert.strictEqual(dataAction('refresh'), 'data-action="refresh"');
  });

  it('drops unknown types and non-objects', () => {
    for (const raw of [undefined, null, 'send', 42, {}, { type: 'eval' }, { type: 'openExternal', url: 'https://x' }]) {
      assert.strictEqual(parsePageMessage(raw), undefined, JSON.stringify(raw));
    }
  });

  it('checks a draft: text a string within the limit, encrypt a boolean', () => {
    const ok = { type: 'send', draft: { text: 'hello', encrypt: true } };
    assert.deepStrictEqual(parsePageMessage(ok), ok);
    assert.deepStrictEqual(parsePageMessage({ type: 'draftChanged', draft: { text: '', encrypt: false, junk: 1 } }), {
      type: 'draftChanged',
      draft: { text: '', encrypt: false },
    });
    assert.strictEqual(parsePageMessage({ type: 'send', draft: { text: 5, encrypt: false } }), undefined);
    assert.strictEqual(parsePageMessage({ type: 'send', draft: { text: 'x', encrypt: 'yes' } }), undefined);
    assert.strictEqual(parsePageMessage({ type: 'send' }), undefined);
    assert.strictEqual(
      parsePageMessage({ type: 'send', draft: { text: 'x'.repeat(MAX_TEXT_LENGTH + 1), encrypt: false } }),
      undefined,
    );
  });

  it('checks a dropped file: a name and bytes', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    assert.deepStrictEqual(parsePageMessage({ type: 'dropFile', name: 'a.log', bytes }), {
      type: 'dropFile',
      name: 'a.log',
      bytes,
    });
    const fromBuffer = parsePageMessage({ type: 'dropFile', name: 'b.log', bytes: bytes.buffer });
    assert.ok(fromBuffer && fromBuffer.type === 'dropFile' && fromBuffer.bytes.byteLength === 3);
    assert.strictEqual(parsePageMessage({ type: 'dropFile', name: '  ', bytes }), undefined);
    assert.strictEqual(parsePageMessage({ type: 'dropFile', name: 'a', bytes: [1, 2, 3] }), undefined);
    assert.strictEqual(parsePageMessage({ type: 'dropFile', bytes }), undefined);
  });

  it('checks remove, reopen and rate field by field', () => {
    assert.deepStrictEqual(parsePageMessage({ type: 'removeAttachment', id: 'a1' }), {
      type: 'removeAttachment',
      id: 'a1',
    });
    assert.strictEqual(parsePageMessage({ type: 'removeAttachment', id: 1 }), undefined);
    assert.deepStrictEqual(parsePageMessage({ type: 'reopen', reason: 'still broken' }), {
      type: 'reopen',
      reason: 'still broken',
    });
    assert.strictEqual(parsePageMessage({ type: 'reopen' }), undefined);
    const rate = { type: 'rate', solved: true, score: 4, comment: '' };
    assert.deepStrictEqual(parsePageMessage(rate), rate);
    for (const bad of [
      { score: 0 },
      { score: 6 },
      { score: 4.5 },
      { score: '4' },
      { solved: 'true' },
      { comment: null },
    ]) {
      assert.strictEqual(parsePageMessage({ ...rate, ...bad }), undefined, JSON.stringify(bad));
    }
    assert.deepStrictEqual(parsePageMessage({ type: 'closeTicket' }), { type: 'closeTicket' });
    assert.deepStrictEqual(parsePageMessage({ type: 'pickFiles' }), { type: 'pickFiles' });
  });

  it('refuses drops above the same limit as the upload itself', () => {
    assert.strictEqual(MAX_DROP_BYTES, MAX_ATTACHMENT_BYTES);
  });
});
