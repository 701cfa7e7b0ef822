// The badge's count and what its tooltip says it is made of (src/tickets/attention.ts), against the lists a user checks
// it with: the Tickets view's groups of the tickets that wait for them, and the Inbox's description of the answers not
// read yet. The numbers must visibly add up, in English and Chinese.
import * as assert from 'assert';
import { resetL10n } from '../../../src/common/l10n';
import { plainLine } from '../../../src/common/untrustedText';
import { nodeLook } from '../../../src/features/explorer/labels';
import type { GroupNode } from '../../../src/features/explorer/model';
import { inboxDescription } from '../../../src/features/inbox/inboxModel';
import { ANSWERS_PART, answersPart, AttentionCount } from '../../../src/tickets/attention';
import { needsYouStatuses } from '../../../src/tickets/status';
import { useLanguage } from '../l10nBundle';

/** The count over a server that says `waiting` tickets wait for the user (the newest ten listed). */
async function countOf(waiting: number, answers: number): Promise<AttentionCount> {
  const attention = new AttentionCount({
    listTickets: () =>
      Promise.resolve({
        pageNumber: 1,
        pageSize: 10,
        totalCount: waiting,
        tickets: Array.from({ length: Math.min(waiting, 10) }, (_, i) => ({
          ticketId: `00000000${i}G`,
          title: `Ticket ${i}`,
          status: { value: 3, label: 'x' },
        })),
      }),
  });
  await attention.refresh();
  attention.setPart(ANSWERS_PART, answersPart(answers));
  return attention;
}

/** A group of the Tickets view as it shows, with `total` tickets of `status`. */
function groupLabel(status: number, total: number): string {
  const group = { kind: 'group', status, list: { key: String(status), totalCount: total, pagesLoaded: 1 } };
  return nodeLook(group as unknown as GroupNode, undefined, Date.now(), 10).label;
}

/** The numbers in a text, in order. */
const numbers = (text: string) => [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));

describe('the badge: what it counts, said so the groups and the Inbox visibly add up to it', () => {
  afterEach(() => resetL10n());

  for (const language of ['en', 'zh-cn'] as const) {
    it(`26 tickets that wait (20 + 6 in two groups) and 3 answers make 29, each named as its list names it (${language})`, async () => {
      if (language === 'zh-cn') useLanguage('zh-cn');
      const attention = await countOf(26, 3);
      assert.strictEqual(attention.total, 29);
      const lines = attention.tooltip(plainLine).split('\n');
      // First the sum, in the words of the lists: 29 = 26 that wait + the Inbox's "3 new answers".
      assert.deepStrictEqual(numbers(lines[0]), [29, 26, 3], lines[0]);
      assert.ok(lines[0].endsWith(inboxDescription(3)!), `${lines[0]} ends with the Inbox's ${inboxDescription(3)}`);
      // Then the tickets that wait: named by the statuses of the groups that hold them, which add up to the 26.
      const [feedback, confirm] = needsYouStatuses();
      const groups = [groupLabel(feedback, 20), groupLabel(confirm, 6)];
      assert.strictEqual(numbers(lines[1])[0], 26, lines[1]);
      for (const group of groups) {
        const name = group.replace(/^\d+ /, '');
        assert.ok(lines[1].includes(name), `"${lines[1]}" names the group ${group}`);
      }
      assert.strictEqual(numbers(groups[0])[0] + numbers(groups[1])[0], numbers(lines[1])[0]);
      // The newest ten, how many more, then the answers: where they are listed, and what a click opens.
      assert.strictEqual(lines.filter((line) => /^0{8}\dG /.test(line)).length, 10);
      const answersLine = lines.at(-2)!;
      assert.strictEqual(numbers(answersLine)[0], 3, answersLine);
      assert.match(answersLine, language === 'en' ? /Inbox/ : /收件箱/);
      assert.match(lines.at(-1)!, language === 'en' ? /^Click to open the most recent: 0{8}0G\.$/ : /0{8}0G/);
      // A screen reader hears the parts too, not "29 tickets wait for you".
      assert.ok(attention.accessibilityLabel().includes(lines[0]), attention.accessibilityLabel());
    });
  }

  it('with only tickets that wait there is no sum: one line says what the count is', async () => {
    const attention = await countOf(26, 0);
    const lines = attention.tooltip(plainLine).split('\n');
    assert.strictEqual(lines[0], '26 tickets wait for you (Waiting for your feedback, To be confirmed).');
    assert.strictEqual(attention.accessibilityLabel(), '26 Alibaba Cloud tickets wait for you');
    assert.strictEqual(
      (await countOf(1, 0)).tooltip(plainLine).split('\n')[0],
      '1 ticket waits for you (Waiting for your feedback, To be confirmed).',
    );
  });

  it('answers alone: the sum is theirs, said once', async () => {
    const attention = await countOf(0, 1);
    assert.strictEqual(attention.total, 1);
    assert.deepStrictEqual(attention.tooltip(plainLine).split('\n'), [
      '1 new answer from support, listed in the Inbox.',
    ]);
  });
});
