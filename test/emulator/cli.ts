// `npm run emulator [-- --port 8123 --seed demo|empty|hostile --lang zh|en]`: the emulator on its own, for a demo
// or for tests in another process (which drive it through /__emulator/*).
import { DEMO_CREDENTIALS, TicketEmulator } from './server';
import type { Language } from './model';
import type { SeedName } from './seed';

const USAGE =
  'Usage: npm run emulator -- [--port N] [--seed demo|empty|hostile] [--lang zh|en] [--skew-tolerance-ms N] [--latency-ms N]';

function parseArgs(argv: string[]): {
  port: number;
  seed: SeedName;
  language: Language;
  clockSkewToleranceMs?: number;
  latencyMs?: number;
} {
  const envPort = process.env.EMULATOR_PORT;
  let port = envPort ? Number(envPort) : 0;
  let seed: SeedName = 'demo';
  let language: Language = 'zh';
  let clockSkewToleranceMs: number | undefined;
  let latencyMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    switch (flag) {
      case '--port':
        port = Number(value);
        break;
      case '--seed':
        seed = value as SeedName;
        break;
      case '--lang':
        language = value as Language;
        break;
      case '--skew-tolerance-ms':
        clockSkewToleranceMs = Number(value);
        break;
      case '--latency-ms':
        latencyMs = Number(value);
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`Unknown option ${flag}`);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${port}`);
  if (!['demo', 'empty', 'hostile'].includes(seed)) fail(`--seed must be demo, empty or hostile, got ${seed}`);
  if (language !== 'zh' && language !== 'en') fail(`--lang must be zh or en, got ${language}`);
  if (latencyMs !== undefined && !(latencyMs >= 0)) fail(`--latency-ms must be a number ≥ 0, got ${latencyMs}`);
  if (clockSkewToleranceMs !== undefined && !(clockSkewToleranceMs >= 0))
    fail(`--skew-tolerance-ms must be a number ≥ 0, got ${clockSkewToleranceMs}`);
  return { port, seed, language, clockSkewToleranceMs, latencyMs };
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const emulator = await TicketEmulator.start(args);
  const tickets = emulator.allTickets();
  // These are emulator-only demo keys, never real ones: printing them is the point of this command.
  console.log(
    `Alibaba Cloud Ticket API emulator listening on ${emulator.url}  (seed: ${args.seed}, ${tickets.length} tickets)`,
  );
  console.log(`  AccessKey ID:     ${DEMO_CREDENTIALS.accessKeyId}`);
  console.log(`  AccessKey Secret: ${DEMO_CREDENTIALS.accessKeySecret}`);
  console.log(`  settings.json:    "aliyunTickets.endpoint": "${emulator.url}"`);
  if (tickets.length > 0)
    console.log(
      `  try ticket ids:   ${tickets
        .slice(0, 3)
        .map((t) => t.ticketId)
        .join(', ')}${emulator.getTicket('0005PYGCW') ? ', 0005PYGCW' : ''}`,
    );
  console.log(
    `  control API:      POST ${emulator.url}/__emulator/faults  {"kind":"throttle"} | POST /__emulator/reset | GET /__emulator/requests`,
  );
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Emulator failed to start: ${(err as Error).message}`);
  process.exit(1);
});
