// The one definition of a ticket id: its shape, the default hover pattern (also package.json's default), and the
// id inside a command argument. Open Ticket and the hover detection both answer from it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseTicketIdInput } from '../../../src/features/open-ticket/ticketId';
import { findTicketIds, compileIdPattern } from '../../../src/features/hover/idDetection';
import { DEFAULT_ID_PATTERN, isTicketIdShape, ticketIdProblem, ticketIdTextOf } from '../../../src/tickets/ticketId';
import { resetL10n } from '../../../src/common/l10n';
import { useLanguage } from '../l10nBundle';
import { configurationProperties } from '../manifest';

describe('ticket id (src/tickets/ticketId.ts)', () => {
  it('the documented ids have the shape; ids the API cannot have do not, with the reason', () => {
    for (const id of ['0005PYGCW', '001571BTXC', 'ZZZZ99999']) assert.ok(isTicketIdShape(id), id);
    assert.match(ticketIdProblem('0005PYGCW0005PYGCW')!, /9 or 10 letters and digits.*this has 18/);
    assert.match(ticketIdProblem('0005PYG')!, /9 or 10/);
    assert.match(ticketIdProblem('ABCDEFGHIJ')!, /contains digits/);
    assert.match(ticketIdProblem('0005-PYGC')!, /found "-"/);
  });

  it("Open Ticket's refusals are in the display language (Chinese under zh-cn)", () => {
    useLanguage('zh-cn');
    try {
      assert.strictEqual(
        parseTicketIdInput('0005PYG').ok ? '' : (parseTicketIdInput('0005PYG') as { message: string }).message,
        '工单编号由 9 或 10 个字母和数字组成，如 0005PYGCW（输入的有 7 个）。',
      );
      assert.strictEqual(ticketIdProblem('ABCDEFGHIJ'), '工单编号包含数字，如 0005PYGCW。');
      assert.strictEqual(ticketIdProblem('0005-PYGC'), '工单编号只能包含字母和数字（发现了“-”）。');
    } finally {
      resetL10n();
    }
  });

  it("package.json's default idPattern is the module's pattern", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
    assert.strictEqual(configurationProperties(manifest)['aliyunTickets.idPattern'].default, DEFAULT_ID_PATTERN);
  });

  it('lower-case ids: Open Ticket and the hover links agree (both accept them and send them upper-case)', () => {
    const parsed = parseTicketIdInput('0005pygcw');
    assert.deepStrictEqual(parsed, { ok: true, ticketId: '0005PYGCW' });
    const found = findTicketIds('see ticket 0005pygcw here', {
      pattern: compileIdPattern(undefined).pattern,
      requireContext: true,
    });
    assert.deepStrictEqual(found, [{ ticketId: '0005PYGCW', start: 11, end: 20 }]);
    // Mixed case is an identifier, not an id.
    assert.deepStrictEqual(
      findTicketIds('ticket 0005PyGcW', { pattern: compileIdPattern(undefined).pattern, requireContext: true }),
      [],
    );
  });

  it('an 18-character id is refused by Open Ticket and never linked', () => {
    const parsed = parseTicketIdInput('0005PYGCW0005PYGCW');
    assert.strictEqual(parsed.ok, false);
    assert.deepStrictEqual(
      findTicketIds('ticket 0005PYGCW0005PYGCW', { pattern: /[0-9A-Z]{18}/g, requireContext: true }),
      [],
    );
  });

  it('reads the id out of every kind of command argument once', () => {
    assert.strictEqual(ticketIdTextOf('0005PYGCW'), '0005PYGCW');
    assert.strictEqual(ticketIdTextOf(['0005PYGCW']), '0005PYGCW');
    assert.strictEqual(ticketIdTextOf({ ticketId: '001571BTXC' }), '001571BTXC');
    assert.strictEqual(
      ticketIdTextOf({ kind: 'ticket', id: 'group/x', ticket: { ticketId: '001571BTXC' } }),
      '001571BTXC',
    );
    for (const other of [undefined, null, 42, {}, { kind: 'group' }, [{}]])
      assert.strictEqual(ticketIdTextOf(other), undefined);
  });
});
