// What every runner shares: cleanups that run on success, failure and Ctrl-C / SIGTERM (last registered, first run),
// and the closing lines: "<tag> passed|FAILED in N s", then the plain "N passed, N failed" that CI reads.

export function createRun(tag) {
  const started = Date.now();
  const cleanups = [];
  let cleaning;

  /** Runs every registered cleanup once; a failing cleanup is reported and the others still run. */
  function cleanup() {
    cleaning ??= (async () => {
      while (cleanups.length) {
        const fn = cleanups.pop();
        try {
          await fn();
        } catch (err) {
          console.error(`[${tag}] cleanup:`, err?.message ?? err);
        }
      }
    })();
    return cleaning;
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`[${tag}] ${signal}: stopping`);
      console.log('0 passed, 1 failed');
      cleanup().finally(() => process.exit(130));
    });
  }

  return {
    /** Registers `fn` to run at the end (in reverse order of registration). */
    onCleanup(fn) {
      cleanups.push(fn);
    },
    cleanup,
    /**
     * Cleans up, prints the closing lines and exits. `tests` is { passed, failed } from mocha (undefined when no test
     * result arrived); a failure outside the tests (start-up, timeout, leak scan) counts as one more failed.
     */
    async finish(exitCode, tests) {
      await cleanup();
      const passed = tests?.passed ?? 0;
      let failed = tests?.failed ?? 0;
      if (exitCode !== 0 && failed === 0) failed = 1;
      if (exitCode === 0 && passed === 0) {
        exitCode = 1;
        failed = Math.max(failed, 1);
        console.error(`[${tag}] FAILED: no test ran`);
      }
      console.log(
        `[${tag}] ${exitCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(exitCode);
    },
  };
}
