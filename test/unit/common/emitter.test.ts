// The event emitter the ticket service, the explorer model and the credential store share.
import * as assert from 'assert';
import { Emitter } from '../../../src/common/emitter';

describe('Emitter', () => {
  it('calls every listener in order; one that throws does not stop the others or the caller', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    emitter.event((n) => seen.push(`a${n}`));
    emitter.event(() => {
      throw new Error('broken listener');
    });
    emitter.event((n) => seen.push(`c${n}`));
    emitter.fire(1);
    assert.deepStrictEqual(seen, ['a1', 'c1']);
  });

  it('stops calling a listener once its subscription is disposed, and all of them after dispose()', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const first = emitter.event((s) => seen.push(`1:${s}`));
    emitter.event((s) => seen.push(`2:${s}`));
    first.dispose();
    emitter.fire('x');
    emitter.dispose();
    emitter.fire('y');
    assert.deepStrictEqual(seen, ['2:x']);
  });
});
