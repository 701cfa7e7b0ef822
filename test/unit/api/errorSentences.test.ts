// describeError without a translator is the English a user (and the log) has always read: byte for byte the sentences
// in test/fixtures/errorSentences.en.json, for one failure of every kind and code (test/unit/api/errorCases.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeError } from '../../../src/api/errorWording';
import { repoRoot } from '../manifest';
import { errorCases } from './errorCases';

describe('api/errors: the English sentences', () => {
  const golden: Record<string, string> = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'errorSentences.en.json'), 'utf8'),
  );

  it('every case has its sentence in the golden file, and every sentence its case', () => {
    assert.deepStrictEqual(
      errorCases()
        .map(([name]) => name)
        .sort(),
      Object.keys(golden).sort(),
    );
  });

  for (const [name, error] of errorCases()) {
    it(`${name}: as before`, () => {
      assert.strictEqual(describeError(error), golden[name]);
    });
  }
});
