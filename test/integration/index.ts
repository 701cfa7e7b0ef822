// Entry point the workbench loads in the extension host (extensionTestsPath): runs every compiled *.test.js here with
// mocha and rejects when any test fails (the runner turns that into a non-zero exit).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Suites that must run after all the others (the leak check looks at what the whole session left behind). */
const LAST = ['secrets.test.js'];

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: 30_000,
    slow: 2_000,
    ...(process.env.TICKETS_TEST_GREP ? { grep: process.env.TICKETS_TEST_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)) || a.localeCompare(b));
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        // The runners read this line (scripts/run-integration-tests.mjs, and CI after it); keep it plain and alone.
        console.log(`${passed} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (passed === 0)
          reject(new Error('no integration test ran (none found, all skipped, or --grep matched none)'));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
