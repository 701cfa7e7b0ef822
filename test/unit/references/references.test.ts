// Ticket ids in the workspace's files: found with the hovers' rules, grouped by ticket and file, asked about in
// batches of 100 (one ListTickets each, TicketIdList comma-joined).
import * as assert from 'assert';
import { listTicketsParams } from '../../../src/api/params';
import { compileIdPattern } from '../../../src/features/hover/idDetection';
import {
  REFERENCE_BATCH,
  ReferenceIndex,
  batches,
  looksBinary,
  referencesInText,
} from '../../../src/features/references/references';

const options = { pattern: compileIdPattern(undefined).pattern, requireContext: true };

describe('workspace references', () => {
  it('finds ticket ids next to the word "ticket" (or 工单), with their line and offsets; not hashes or bare words', () => {
    const text = [
      '// Workaround until ticket 0005PYGCW is fixed',
      'const sha = "3f2a9c0d1e";',
      '# 工单 001571btxc',
      'ORDER 0005PYGCW without the word',
    ].join('\n');
    assert.deepStrictEqual(referencesInText(text, options), [
      { ticketId: '0005PYGCW', line: 0, start: 27, end: 36 },
      { ticketId: '001571BTXC', line: 2, start: 5, end: 15 },
    ]);
  });

  it('cuts the ids into batches of at most 100, and sends each batch as one comma-joined TicketIdList', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `0${String(i).padStart(4, '0')}PYGCW`.slice(0, 10));
    const groups = batches(ids);
    assert.deepStrictEqual(
      groups.map((g) => g.length),
      [REFERENCE_BATCH, REFERENCE_BATCH, 50],
    );
    const params = listTicketsParams({ pageNumber: 1, pageSize: 100, ticketIds: ['0005PYGCW', '001571BTXC'] });
    assert.strictEqual(params.body.TicketIdList, '0005PYGCW,001571BTXC');
    assert.strictEqual(params.query.PageSize, '100');
    assert.throws(() => listTicketsParams({ pageNumber: 1, pageSize: 10, ticketIds: ['0005PYGCW,INJECTED'] }));
  });

  it('groups references by ticket and file, and keeps what the server answered (null: not listed)', () => {
    const index = new ReferenceIndex();
    index.setFile('file:///w/b.ts', 'b.ts', [{ ticketId: '0005PYGCW', line: 3, start: 0, end: 9 }]);
    index.setFile('file:///w/a.ts', 'a.ts', [
      { ticketId: '0005PYGCW', line: 1, start: 0, end: 9 },
      { ticketId: '001571BTXC', line: 2, start: 0, end: 10 },
    ]);
    assert.deepStrictEqual(index.unknownIds(), ['0005PYGCW', '001571BTXC']);
    index.setSummaries(
      ['0005PYGCW', '001571BTXC'],
      [{ ticketId: '0005PYGCW', title: 'Renewal', status: { value: 6, label: 'Completed' } }],
    );
    const tickets = index.tickets();
    assert.deepStrictEqual(
      tickets.map((t) => [t.ticketId, t.summary?.status.value ?? t.summary, t.places.map((p) => p.file)]),
      [
        ['0005PYGCW', 6, ['a.ts', 'b.ts']],
        ['001571BTXC', null, ['a.ts']],
      ],
    );
    assert.deepStrictEqual(index.unknownIds(), []);
    index.setFile('file:///w/a.ts', 'a.ts', []);
    assert.deepStrictEqual(index.ticketIds(), ['0005PYGCW'], 'a file without ids is forgotten');
    index.clearStatuses();
    assert.deepStrictEqual(index.unknownIds(), ['0005PYGCW'], 'another account asks again');
  });

  it('treats a file with a NUL byte in its start as binary', () => {
    assert.strictEqual(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00])), true);
    assert.strictEqual(looksBinary(new TextEncoder().encode('ticket 0005PYGCW')), false);
  });
});
