/* eslint-disable no-template-curly-in-string -- the templates' placeholders are written ${name}, as users write them */
// The team file (.vscode/aliyun-tickets.json) as New Ticket and the Filter read it: valid files give their templates
// and saved queries; malformed ones a sentence saying where, with the good entries kept; hostile ones nothing that can
// draw an icon, hide text or pollute an object; the schema the editor validates with describes the same fields.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseTeamFile, stripJsonComments, TEAM_FILE_LIMITS } from '../../../src/features/templates/teamFile';
import { quickPickText } from '../../../src/common/untrustedText';
import { HOSTILE_VALUES } from '../../fixtures/hostile-strings';
import { repoRoot } from '../manifest';

const VALID = `{
  // Comments and trailing commas, as in VS Code's own .vscode files.
  "templates": [
    {
      "name": "RDS slow queries",
      "product": "ApsaraDB RDS",
      "category": "Performance",
      "severity": "urgent",
      "titlePrefix": "[RDS] ",
      "description": ["Instance: ", "", "\${selection}", "From \${file}, lines \${lines}"],
    },
    { "name": "Minimal" },
  ],
  /* saved queries */
  "savedQueries": [
    { "name": "Waiting on us", "statuses": ["wait_feedback", "wait_confirm"], "created": "last30" },
    { "name": "Timeouts", "keyword": "timeout" }
  ]
}`;

describe('templates: the team file', () => {
  it('reads templates and saved queries from JSON with comments and trailing commas', () => {
    const file = parseTeamFile(VALID);
    assert.deepStrictEqual(file.problems, []);
    assert.deepStrictEqual(file.templates, [
      {
        name: 'RDS slow queries',
        product: 'ApsaraDB RDS',
        category: 'Performance',
        severity: 2,
        titlePrefix: '[RDS]',
        description: 'Instance:\n\n${selection}\nFrom ${file}, lines ${lines}',
      },
      { name: 'Minimal' },
    ]);
    assert.deepStrictEqual(file.queries, [
      { name: 'Waiting on us', statuses: ['wait_feedback', 'wait_confirm'], created: 'last30' },
      { name: 'Timeouts', keyword: 'timeout' },
    ]);
  });

  it('keeps comment-like text inside strings', () => {
    assert.strictEqual(stripJsonComments('{"a": "http://x/*y*/", "b": [1,],}'), '{"a": "http://x/*y*/", "b": [1 ] }');
  });

  it('says where a syntax error is and yields nothing else', () => {
    const file = parseTeamFile('{\n  "templates": [\n    { "name": "A" ]\n}');
    assert.deepStrictEqual(file.templates, []);
    assert.strictEqual(file.problems.length, 1);
    assert.match(file.problems[0], /not valid JSON \(line 3, column \d+\)/);
  });

  it('leaves out broken entries, names what is wrong, and keeps the good ones', () => {
    const file = parseTeamFile(
      JSON.stringify({
        templates: [
          { name: 'Good', severity: 'urgent' },
          { product: 'ECS' },
          'not an object',
          { name: 'Odd severity', severity: 'critical', description: 42 },
          { name: 'Good', product: 'duplicate' },
        ],
        savedQueries: { name: 'not a list' },
      }),
    );
    assert.deepStrictEqual(
      file.templates.map((tpl) => tpl.name),
      ['Good', 'Odd severity'],
    );
    assert.strictEqual(file.templates[1].severity, undefined);
    assert.deepStrictEqual(file.queries, []);
    const text = file.problems.join('\n');
    assert.match(text, /Template 2 has no "name"/);
    assert.match(text, /Template 3 is not an object/);
    assert.match(text, /“Odd severity”: "severity" must be "normal" or "urgent"/);
    assert.match(text, /"description" must be text or a list of lines/);
    assert.match(text, /“Good” is in "templates" twice/);
    assert.match(text, /"savedQueries" must be a list/);
  });

  it('drops unknown statuses and says which names there are', () => {
    const file = parseTeamFile(JSON.stringify({ savedQueries: [{ name: 'Q', statuses: ['open', 'dealing'] }] }));
    assert.deepStrictEqual(file.queries, [{ name: 'Q', statuses: ['dealing'] }]);
    assert.match(file.problems[0], /"statuses" takes these names: assigned, dealing/);
  });

  it('refuses a file that is not an object or is too large, and reads an empty one as none', () => {
    assert.match(parseTeamFile('[]').problems[0], /must hold an object/);
    assert.match(parseTeamFile(' '.repeat(TEAM_FILE_LIMITS.bytes + 1)).problems[0], /larger than 256 KB/);
    assert.deepStrictEqual(parseTeamFile('\uFEFF  \n'), { templates: [], queries: [], problems: [] });
  });

  it('caps the number of entries and the length of each field', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ name: `T${i}`, titlePrefix: 'x'.repeat(500) }));
    const file = parseTeamFile(JSON.stringify({ templates: many }));
    assert.strictEqual(file.templates.length, TEAM_FILE_LIMITS.templates);
    assert.ok(file.templates.every((tpl) => (tpl.titlePrefix ?? '').length <= TEAM_FILE_LIMITS.titlePrefix));
    assert.match(file.problems[0], /Only the first 50 entries of "templates"/);
  });

  it('takes no inherited or prototype keys from a hostile file', () => {
    const file = parseTeamFile(
      '{"__proto__": {"templates": [{"name": "evil"}]}, "templates": [{"name": "ok", "__proto__": {"product": "x"}}]}',
    );
    assert.deepStrictEqual(file.templates, [{ name: 'ok' }]);
    assert.strictEqual(({} as Record<string, unknown>).templates, undefined);
  });

  it('makes hostile names and text plain: no hidden characters, no line breaks in a name, no icon in a quick pick', () => {
    // The longest values are cut to what one file may hold (a larger file is refused whole, tested above).
    for (const value of HOSTILE_VALUES.map((v) => v.slice(0, 20_000))) {
      const file = parseTeamFile(
        JSON.stringify({ templates: [{ name: `x${value}`, titlePrefix: value, description: value, product: value }] }),
      );
      const [template] = file.templates;
      assert.ok(template, `kept: ${JSON.stringify(value).slice(0, 60)}`);
      for (const field of [template.name, template.titlePrefix ?? '', template.product ?? '']) {
        assert.doesNotMatch(field, /[\n\r\u202E\u2066\u200B\u0000-\u0008]/, JSON.stringify(value).slice(0, 60));
      }
      assert.doesNotMatch(template.description ?? '', /[\u202A-\u202E\u2066-\u2069\u200B\u0000-\u0008]/);
      assert.doesNotMatch(quickPickText(template.name), /\$\(/);
    }
  });

  it('is described by the contributed schema: the same fields, the same limits', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'aliyun-tickets.schema.json'), 'utf8'));
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepStrictEqual(manifest.contributes.jsonValidation, [
      { fileMatch: '**/.vscode/aliyun-tickets.json', url: './schemas/aliyun-tickets.schema.json' },
    ]);
    const template = schema.properties.templates.items.properties;
    assert.deepStrictEqual(Object.keys(template).sort(), [
      'category',
      'description',
      'name',
      'product',
      'severity',
      'titlePrefix',
    ]);
    assert.strictEqual(schema.properties.templates.maxItems, TEAM_FILE_LIMITS.templates);
    assert.strictEqual(template.name.maxLength, TEAM_FILE_LIMITS.name);
    const query = schema.properties.savedQueries.items.properties;
    assert.deepStrictEqual(Object.keys(query).sort(), ['created', 'keyword', 'name', 'statuses']);
    assert.deepStrictEqual(query.statuses.items.enum, [
      'assigned',
      'dealing',
      'wait_feedback',
      'feedback',
      'wait_confirm',
      'confirmed',
    ]);
  });
});
