// No source file over 400 lines and no test file over 600 (issue 19): a file past that holds more than one concern, and
// the next engineer has to read all of it to change one. Split it into focused modules (a test file by what its tests
// are about, its shared set-up in a helper beside it) rather than raising the limit.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '../../..');

export const LIMITS = [
  { folder: 'src', max: 400, files: /\.ts$/ },
  { folder: 'test', max: 600, files: /\.(?:ts|js|mjs|cjs)$/ },
];

/** Lines as an editor counts them: a last line without a newline counts, an empty last one does not. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

/** Every file of src/ and test/ over its limit, as "path: lines (limit)". */
export function oversized(root = ROOT): Array<{ file: string; lines: number; max: number }> {
  return LIMITS.flatMap(({ folder, max, files }) =>
    filesUnder(path.join(root, folder), files).flatMap((full) => {
      const lines = lineCount(fs.readFileSync(full, 'utf8'));
      const file = path.relative(root, full).split(path.sep).join('/');
      return lines > max ? [{ file, lines, max }] : [];
    }),
  );
}

describe('file sizes: src files at most 400 lines, test files at most 600', () => {
  it('no file of src/ or test/ is over its limit', () => {
    const over = oversized().map((f) => `${f.file}: ${f.lines} lines (at most ${f.max})`);
    assert.deepStrictEqual(over, [], 'split these into focused modules');
  });

  it('counts lines as an editor does, and finds a file one line over the limit', () => {
    assert.strictEqual(lineCount(''), 0);
    assert.strictEqual(lineCount('a\n'), 1);
    assert.strictEqual(lineCount('a\nb'), 2);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'file-sizes-'));
    try {
      fs.mkdirSync(path.join(tmp, 'src', 'x'), { recursive: true });
      fs.mkdirSync(path.join(tmp, 'test'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'src', 'x', 'ok.ts'), 'line\n'.repeat(400));
      fs.writeFileSync(path.join(tmp, 'src', 'x', 'big.ts'), 'line\n'.repeat(401));
      fs.writeFileSync(path.join(tmp, 'src', 'notes.md'), 'line\n'.repeat(900));
      fs.writeFileSync(path.join(tmp, 'test', 'big.test.ts'), 'line\n'.repeat(601));
      fs.writeFileSync(path.join(tmp, 'test', 'ok.mjs'), 'line\n'.repeat(600));
      assert.deepStrictEqual(oversized(tmp), [
        { file: 'src/x/big.ts', lines: 401, max: 400 },
        { file: 'test/big.test.ts', lines: 601, max: 600 },
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
