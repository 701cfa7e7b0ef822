// The emulator in its own process (so its CPU and heap are not counted as the client's), started by bench/run.mjs:
//   node bench/emulator-child.cjs <bundled emulator> <options JSON>
// options: { tickets?: { [status]: count } } replaces the seed with that many generated tickets per status.
// Prints one JSON line { url, credentials } when listening; stops when stdin closes.
'use strict';
const [bundle, optionsJson] = process.argv.slice(2);
const { TicketEmulator, DEMO_CREDENTIALS } = require(bundle);
const options = JSON.parse(optionsJson || '{}');

TicketEmulator.start({ keepAliveTimeoutMs: 30000, seed: options.tickets ? 'empty' : 'demo', language: 'en' }).then(
  (emu) => {
    if (options.tickets) {
      const now = Date.now();
      let n = 0;
      for (const [status, count] of Object.entries(options.tickets)) {
        for (let i = 0; i < count; i++, n++) {
          emu.addTicket({
            title: `Benchmark ticket ${n}: ECS instance i-bp1${n.toString(36)} cannot reach RDS over the VPC`,
            description: 'Generated for the memory benchmark.',
            createTime: now - n * 60_000,
            status: Number(status),
            severity: n % 7 === 0 ? 2 : 1,
          });
        }
      }
    }
    process.stdout.write(
      JSON.stringify({ url: emu.url, credentials: DEMO_CREDENTIALS, tickets: emu.tickets?.size }) + '\n',
    );
    process.stdin.on('end', () => emu.stop().then(() => process.exit(0)));
    process.stdin.resume();
  },
);
