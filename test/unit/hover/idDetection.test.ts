import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { configurationProperties } from '../manifest';
import {
  compileIdPattern,
  DEFAULT_ID_PATTERN,
  findTicketIds,
  MAX_LINE_LENGTH,
  ticketIdAt,
} from '../../../src/features/hover/idDetection';

interface Row {
  text: string;
  /** Ids found with the default settings (context required). */
  ids: string[];
  /** Ids found with requireContext off; defaults to `ids`. */
  bare?: string[];
}

// Lines from real code, docs, commit messages and logs. "ids" is what the default settings must find; "bare" what the
// bare-id mode (aliyunTickets.hover.requireContext = false) must find.
const TABLE: Row[] = [
  // ---- must match ----
  { text: '// see ticket 0005PYGCW', ids: ['0005PYGCW'] },
  { text: '# Workaround until ticket 001571BTXC is fixed', ids: ['001571BTXC'] },
  { text: 'const ticketId = "0005PYGCW";', ids: ['0005PYGCW'] },
  { text: "TICKET_ID = '001571BTXC'", ids: ['001571BTXC'] },
  { text: '// 工单 0005PYGCW：重启后恢复', ids: ['0005PYGCW'] },
  { text: '/* 工单号:001571BTXC */', ids: ['001571BTXC'] },
  { text: '阿里云工单0005PYGCW已回复', ids: ['0005PYGCW'] },
  { text: 'Opened workorder 0005PYGCW with Alibaba Cloud support', ids: ['0005PYGCW'] },
  { text: 'see work order #001571BTXC', ids: ['001571BTXC'] },
  { text: 'fix(oss): retry on 503 (Alibaba ticket: 0005PYGCW)', ids: ['0005PYGCW'] },
  {
    text: '- [ ] follow up on tickets 0005PYGCW, 001571BTXC and 0002KQWERT',
    ids: ['0005PYGCW', '001571BTXC', '0002KQWERT'],
  },
  { text: 'https://workorder.console.aliyun.com/console.htm#/ticket/detail/?ticketId=0005PYGCW', ids: ['0005PYGCW'] },
  { text: 'Link: https://smartservice.console.aliyun.com/service/detail?id=001571BTXC', ids: ['001571BTXC'] },
  {
    text: '<a href="https://workorder.console.alibabacloud.com/#/ticket/detail/?ticketId=0005PYGCW">',
    ids: ['0005PYGCW'],
  },
  { text: 'logger.info("ticket %s updated", "0005PYGCW")', ids: ['0005PYGCW'] },
  { text: '{"ticketId":"0005PYGCW","status":"dealing"}', ids: ['0005PYGCW'] },
  { text: 'ticket=0005PYGCW status=wait_feedback', ids: ['0005PYGCW'] },
  { text: '0005PYGCW (ticket) is waiting for our feedback', ids: ['0005PYGCW'] },
  { text: 'git checkout -b ticket/001571BTXC-slb-timeout', ids: ['001571BTXC'] },
  { text: '| 001571BTXC | open | ticket for SLB health checks |', ids: ['001571BTXC'] },
  // ---- an id shape, but no context: found only in bare mode ----
  { text: 'Blocked on 0005PYGCW, see the runbook', ids: [], bare: ['0005PYGCW'] },
  { text: 'ref: 001571BTXC', ids: [], bare: ['001571BTXC'] },
  { text: 'serial number 5CG7310XYZ on the rack label', ids: [], bare: ['5CG7310XYZ'] },
  {
    text: 'ticket booth opens at 9; unrelated reference 0005PYGCW far away in this line',
    ids: [],
    bare: ['0005PYGCW'],
  },
  { text: 'https://example.com/issues?id=0005PYGCW', ids: [], bare: ['0005PYGCW'] },
  // ---- dates and times ----
  { text: 'ticket created 2026-08-14T09:30:00Z', ids: [], bare: [] },
  { text: 'ticket 2026-08', ids: [], bare: [] },
  { text: 'ticket opened 20260814 at 0930', ids: [], bare: [] },
  { text: 'ticket log 20260814T093000Z', ids: [], bare: [] },
  { text: 'Fri, 27 Nov 2026 19:31:25 GMT ticket', ids: [], bare: [] },
  { text: '2026-11-27 19:31:25.123 INFO  [main] ticket sync done in 1234567ms', ids: [], bare: [] },
  { text: 'expires_at: 1732730000000 # ticket cache', ids: [], bare: [] },
  { text: 'ticket window 12:00-13:00 UTC+8', ids: [], bare: [] },
  // ---- versions ----
  { text: '"version": "1.90.0", // ticket', ids: [], bare: [] },
  { text: 'ticket fixed in v2.3.11-rc.1', ids: [], bare: [] },
  { text: 'Node.js v20.19.43 (ticket env)', ids: [], bare: [] },
  { text: 'ticket: upgrade to 10.0.19045.3693', ids: [], bare: [] },
  { text: 'image: win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd ticket', ids: [], bare: [] },
  // ---- UUIDs and hashes ----
  { text: 'ticket request id 5C9F6A3E-0B1D-4E5F-8A7B-1C2D3E4F5A6B', ids: [], bare: [] },
  { text: 'RequestId: 3F2504E0-4F89-11D3-9A0C-0305E82C3301 (ticket)', ids: [], bare: [] },
  { text: 'x-acs-signature-nonce: 3156853299f313e23d1673dc12e1703d ticket', ids: [], bare: [] },
  { text: 'ticket fix in commit 9fceb02d0ae598e95dc970b74767f19372d61af8', ids: [], bare: [] },
  { text: 'ticket: reverted a1b2c3d4e5', ids: [], bare: [] },
  { text: 'ticket sha256 7EA06492DA5221EBA5297E897CE16E55F964061054B7695BEEDAAC1145B1E259', ids: [], bare: [] },
  { text: 'ticket checksum 0DEADBEEF1', ids: [], bare: [] },
  { text: 'ticket md5 9E107D9D372BB6826BD81D3542A419D6', ids: [], bare: [] },
  // ---- hex constants ----
  { text: 'const TICKET_MAGIC = 0x1F2E3D4C5B;', ids: [], bare: [] },
  { text: 'ticket color: #1E90FF;', ids: [], bare: [] },
  { text: 'ticket flags = 0XABCDEF1234', ids: [], bare: [] },
  { text: 'ticket at address 0x7ffd5fbff8c0', ids: [], bare: [] },
  { text: 'ticket buffer 1A2B3C4D5E', ids: [], bare: [] },
  // ---- plain words, identifiers, constants ----
  { text: 'ticket TIMESTAMP', ids: [], bare: [] },
  { text: 'ticket DEPRECATED_API', ids: [], bare: [] },
  { text: 'ticket UNDEFINED1', ids: [], bare: [] },
  { text: 'createTicketService(options) // ticket', ids: [], bare: [] },
  { text: 'ticket ALIBABACLOUD', ids: [], bare: [] },
  { text: 'ticket ticketing TICKETING tickets', ids: [], bare: [] },
  { text: 'AccessKeyId LTAI5tQp0005PYGCWXYZ ticket', ids: [], bare: [] },
  { text: 'ticket for AKIAIOSFODNN7EXAMPLE', ids: [], bare: [] },
  { text: 'ticket prefix X0005PYGCW and suffix 0005PYGCWXY', ids: [], bare: [] },
  // Lower case is the same id (Open Ticket accepts it too); it is sent upper-case.
  { text: 'ticket lower case 0005pygcw', ids: ['0005PYGCW'], bare: ['0005PYGCW'] },
  { text: 'ticket 0005PyGcW in camel case', ids: [], bare: [] },
  { text: 'ticket took 12345678sec', ids: [], bare: [] },
  { text: 'ticket too short 0005PYG and too long 0005PYGCWXYZ', ids: [], bare: [] },
  { text: 'ticket_id_0005PYGCW_backup', ids: [], bare: [] },
  { text: 'ticket 3RDPARTY', ids: [], bare: [] },
  { text: 'ticket 1234567890', ids: [], bare: [] },
  { text: 'ticket +8613800138000', ids: [], bare: [] },
  { text: 'ticket 192.168.100.200:8080', ids: [], bare: [] },
  { text: 'ticket 2001:0DB8:85A3:0000:0000:8A2E:0370:7334', ids: [], bare: [] },
  { text: 'ticket SGVsbG8gV29ybGQ= base64', ids: [], bare: [] },
  { text: 'ticket 10GBASE-T 40GBASE', ids: [], bare: [] },
  { text: 'ticket i-bp1g6zv0ce8oghu7k3x9 ecs instance', ids: [], bare: [] },
  { text: 'ticket docker.io/library/nginx:1.25.3-alpine3.18', ids: [], bare: [] },
];

const defaults = { pattern: compileIdPattern(undefined).pattern, requireContext: true };
const bare = { ...defaults, requireContext: false };

describe('ticket id detection (table of real-world lines)', () => {
  it('has at least 60 rows with both matches and non-matches', () => {
    assert.ok(TABLE.length >= 60, `only ${TABLE.length} rows`);
    assert.ok(TABLE.filter((r) => r.ids.length > 0).length >= 15);
    assert.ok(TABLE.filter((r) => (r.bare ?? r.ids).length === 0).length >= 40);
  });

  for (const row of TABLE) {
    it(`default settings: ${JSON.stringify(row.text)} -> [${row.ids.join(', ')}]`, () => {
      const found = findTicketIds(row.text, defaults).map((m) => m.ticketId);
      assert.deepStrictEqual(found, row.ids);
    });
    const bareExpected = row.bare ?? row.ids;
    it(`bare ids: ${JSON.stringify(row.text)} -> [${bareExpected.join(', ')}]`, () => {
      const found = findTicketIds(row.text, bare).map((m) => m.ticketId);
      assert.deepStrictEqual(found, bareExpected);
    });
  }

  it('reports exact offsets, and the id under the cursor', () => {
    const line = '// see ticket 0005PYGCW today';
    const [match] = findTicketIds(line, defaults);
    assert.strictEqual(line.slice(match.start, match.end), '0005PYGCW');
    assert.strictEqual(ticketIdAt(line, match.start + 3, defaults)?.ticketId, '0005PYGCW');
    assert.strictEqual(ticketIdAt(line, 2, defaults), undefined);
  });

  it('skips lines longer than the guard, even full of ids', () => {
    const line = 'ticket 0005PYGCW '.repeat(Math.ceil((MAX_LINE_LENGTH + 1) / 17));
    assert.ok(line.length > MAX_LINE_LENGTH);
    assert.deepStrictEqual(findTicketIds(line, defaults), []);
    assert.strictEqual(findTicketIds(line.slice(0, MAX_LINE_LENGTH), defaults).length > 0, true);
  });
});

describe('aliyunTickets.idPattern', () => {
  it('uses a custom pattern, with a named group picking the id', () => {
    const compiled = compileIdPattern('WO-(?<id>[0-9]{9})');
    assert.strictEqual(compiled.error, undefined);
    const found = findTicketIds('ticket WO-123456789 and WO-987654321 and WO-1234567', {
      pattern: compiled.pattern,
      requireContext: false,
    });
    // Whatever the pattern, what it finds must have the shape of a ticket id (src/tickets/ticketId.ts): 9 or 10.
    assert.deepStrictEqual(
      found.map((m) => m.ticketId),
      ['123456789', '987654321'],
    );
    assert.strictEqual(found[0].start, 'ticket WO-'.length);
  });

  it('takes the offsets of the `id` group itself, even when the same text comes earlier in the match', () => {
    const compiled = compileIdPattern('(?<order>[0-9]{9})/(?<id>[0-9]{9})');
    const line = 'ticket 123456789/123456789';
    const [match] = findTicketIds(line, { pattern: compiled.pattern, requireContext: false });
    assert.deepStrictEqual(match, { ticketId: '123456789', start: 'ticket 123456789/'.length, end: line.length });
  });

  it('refuses an invalid pattern with a reason and falls back to the default', () => {
    const compiled = compileIdPattern('([0-9A-Z');
    assert.match(compiled.error ?? '', /not a valid regular expression/);
    assert.strictEqual(compiled.pattern.source, DEFAULT_ID_PATTERN);
  });

  it('refuses a pattern that matches empty text', () => {
    const compiled = compileIdPattern('[A-Z]*');
    assert.match(compiled.error ?? '', /empty/);
    assert.strictEqual(compiled.pattern.source, DEFAULT_ID_PATTERN);
  });

  it('refuses an overlong pattern', () => {
    assert.match(compileIdPattern('A'.repeat(501)).error ?? '', /longer than 500/);
  });

  it('package.json shows the same default pattern the code uses', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
    const setting = configurationProperties(manifest)['aliyunTickets.idPattern'];
    assert.ok(setting, 'aliyunTickets.idPattern is contributed');
    assert.strictEqual(setting.default, DEFAULT_ID_PATTERN);
  });
});
