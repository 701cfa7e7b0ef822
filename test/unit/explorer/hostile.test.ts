// Tree labels, descriptions and tooltips built from the emulator's hostile seed (every corpus string as title,
// creator and status/severity label): plain text, no link, no command, no icon, no markup.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { nodeLook, ticketTooltip } from '../../../src/features/explorer/labels';
import { TicketExplorerModel, type TicketNode } from '../../../src/features/explorer/model';
import { createTicketService } from '../../../src/tickets/ticketService';
import { ticketHoverMarkdown } from '../../../src/features/hover/hoverMarkdown';
import { treeText } from '../../../src/common/untrustedText';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';

const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: true, linkify: true });

const UNSAFE_IN_LABEL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

describe('explorer and hover with the hostile corpus (emulator seed "hostile")', function () {
  this.timeout(60000);
  let emu: TicketEmulator;
  let client: TicketClient;

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'hostile' });
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
  });
  after(async () => {
    await client.close();
    await emu.stop();
  });

  it('every hostile ticket renders inert in the tree and in the hover', async () => {
    const service = createTicketService({ getClient: () => client, maxConcurrent: 4 });
    const model = new TicketExplorerModel({ service, settings: () => ({ groupByStatus: false, pageSize: 100 }) });
    await model.ensureLoaded();
    while (model.children().some((n) => n.kind === 'loadMore')) {
      await model.loadMore('all');
    }
    const nodes = model.children().filter((n): n is TicketNode => n.kind === 'ticket');
    assert.strictEqual(nodes.length, HOSTILE_STRINGS.length, 'one ticket per corpus entry');
    const now = Date.now();
    let checked = 0;
    for (const node of nodes) {
      const details = await service.getTicket(node.ticket.ticketId);
      const look = nodeLook(node, details, now, 100);
      const where = `ticket ${node.ticket.ticketId}`;
      // Labels are plain text in VS Code; they must still be one clean line of bounded length.
      assert.ok(!UNSAFE_IN_LABEL.test(look.label), `${where}: control/bidi/line-break characters in the label`);
      // The id and age lead the title (rowLead), at most 64 + a few characters.
      assert.ok(look.label.length <= 200 + 80, `${where}: label not cut`);
      assert.ok(!UNSAFE_IN_LABEL.test(look.description ?? ''), `${where}: unsafe description`);
      const expectedLabel = treeText(details.title, 200) || '(no title)';
      assert.ok(look.label.endsWith(` · ${expectedLabel}`), `${where}: the label shows the title as text`);
      assert.deepStrictEqual(look.command?.arguments, [node.ticket.ticketId], `${where}: click opens this ticket only`);

      for (const [name, markdown] of [
        ['tooltip', ticketTooltip(node.ticket, details, now)],
        ['hover', ticketHoverMarkdown(details, now).markdown],
      ] as const) {
        const html: string = md.render(markdown);
        const anchors = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
        const expectedAnchors = name === 'hover' ? 2 : 0;
        assert.strictEqual(anchors.length, expectedAnchors, `${where}: ${name} has links ${anchors.join(' ')}`);
        assert.ok(
          anchors.every((href) => href.startsWith('command:aliyunTickets.')),
          `${where}: ${name} link ${anchors.join(' ')}`,
        );
        assert.ok(
          !/<(?!\/?(p|strong|em|a)\b)[a-z!/]/i.test(html),
          `${where}: ${name} has markup: ${html.slice(0, 200)}`,
        );
        const icons = [...markdown.matchAll(/(?<!\\)\$\(/g)].length;
        assert.strictEqual(icons, name === 'hover' ? 1 : 0, `${where}: ${name} icon syntax`);
        assert.ok(markdown.length < 4000, `${where}: ${name} is bounded`);
      }
      checked++;
    }
    assert.strictEqual(checked, HOSTILE_STRINGS.length);
  });
});
