// Search benchmark: the local index (src/features/search/searchIndex.ts) over 10,000 notes (500 tickets of 20 notes,
// English and Chinese text of support-note length), timed per query: a phrase in one note, a common word, two words,
// Chinese, and no match. Budget: every query answers in under 50 ms (the slowest of 15 runs after a warm-up), and the
// index is built from the last-known copies, so its build time is reported too.
//
//   node bench/search.mjs           (prints the numbers)
//   import { runSearchBench } from './search.mjs'; await runSearchBench({ notes })
import { pathToFileURL } from 'node:url';
import { loadModules } from './bundle.mjs';

const loadIndex = () => loadModules('search-bench', `export * from './src/features/search/searchIndex';`);

const WORDS =
  'instance renewal order network security group port database connection timeout restart console disk snapshot bucket policy access key region zone bandwidth certificate domain record load balancer listener health check'.split(
    ' ',
  );
const CHINESE = [
  '安全组',
  '实例',
  '续费',
  '数据库',
  '连接超时',
  '重启',
  '控制台',
  '磁盘',
  '快照',
  '带宽',
  '证书',
  '域名',
];

/** Deterministic text: the same corpus every run. */
function corpus(notes) {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(next() * list.length)];
  const tickets = [];
  const perTicket = 20;
  for (let t = 0; t < notes / perTicket; t++) {
    const ticketId = `B${String(t).padStart(8, '0')}`;
    const list = [];
    for (let n = 0; n < perTicket; n++) {
      const words = Array.from({ length: 40 + Math.floor(next() * 40) }, () =>
        next() < 0.2 ? pick(CHINESE) : pick(WORDS),
      );
      list.push({
        dialogId: `${t}-${n}`,
        createTime: 1_700_000_000_000 + t * 1000 + n,
        content: `Hello,\n${words.join(' ')}.\nRegards`,
        userName: n % 2 ? 'Agent Li' : 'me',
        userRole: n % 2 ? 2 : 3,
        attachments: [],
      });
    }
    tickets.push({
      ticketId,
      savedAt: 1,
      ticket: {
        ticketId,
        title: `Ticket ${t} about ${pick(WORDS)}`,
        description: `${pick(WORDS)} ${pick(CHINESE)}`,
        createTime: 1,
      },
      notes: list,
    });
  }
  // One phrase in exactly one support note.
  tickets[Math.floor(tickets.length / 2)].notes[7].content += '\nPlease flush the DNS cache on the gateway';
  return tickets;
}

export async function runSearchBench({ notes = 10_000, runs = 15 } = {}) {
  const m = await loadIndex();
  const tickets = corpus(notes);
  const index = new m.SearchIndex();
  const t0 = performance.now();
  for (const known of tickets) index.setTicket(known.ticketId, m.documentsOf(known));
  const buildMs = performance.now() - t0;
  const queries = {
    'phrase in one note': 'flush the DNS cache',
    'common word': 'instance',
    'two words': 'snapshot bucket',
    Chinese: '连接超时',
    'no match': 'nothing-like-this',
  };
  const perQuery = {};
  for (const [name, query] of Object.entries(queries)) {
    index.search(query); // warm-up
    const times = [];
    let hits = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      hits = index.search(query).length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    perQuery[name] = { medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1], hits };
  }
  const found = index.search(queries['phrase in one note']);
  return {
    notes: tickets.reduce((n, k) => n + k.notes.length, 0),
    documents: index.size,
    buildMs,
    perQuery,
    slowestMs: Math.max(...Object.values(perQuery).map((q) => q.maxMs)),
    slowestMedianMs: Math.max(...Object.values(perQuery).map((q) => q.medianMs)),
    phraseFound: found.length === 1 && found[0].doc.field === 'note',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runSearchBench(), null, 2));
}
