// Every user-facing string has its English and Simplified Chinese text:
// (a) each "%key%" in package.json has its text in package.nls.json and package.nls.zh-cn.json, and the package
//     carries them;
// plus what a Chinese user sees: statuses, ages, counts and dates in Chinese through the real bundle. The checks of
// src/ (every t() message translated, no user-facing literal without t()) are in l10nSource.test.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { formatMessage, resetL10n, setL10n, t } from '../../../src/common/l10n';
import { errorActionLabel } from '../../../src/common/errors';
import { describeFilter } from '../../../src/features/explorer/filter';
import { ticketCount } from '../../../src/features/explorer/labels';
import { waitingText } from '../../../src/tickets/attention';
import { SEVERITY_LABELS, STATUS_LABELS, type SeverityValue, type StatusValue } from '../../../src/api/types';
import {
  formatAge,
  formatRelativeTime,
  severityLabel,
  severityText,
  statusLabel,
  statusText,
} from '../../../src/tickets/display';
import { bundle } from '../l10nBundle';
import { configurationProperties, manifestStrings, NLS_REFERENCE, rawManifest, repoRoot } from '../manifest';
import { LANGUAGES, manifestReferences } from './l10nCheck';

describe('translations: English and Simplified Chinese', () => {
  afterEach(() => resetL10n());

  it('(a) every %key% in package.json has its text in package.nls.json and every other language, and no text is orphaned', () => {
    const keys = manifestReferences();
    assert.ok(keys.length > 40, `only ${keys.length} %key% references: the manifest is not localized`);
    for (const language of [undefined, ...LANGUAGES]) {
      const strings = manifestStrings(language);
      const file = language ? `package.nls.${language}.json` : 'package.nls.json';
      for (const key of keys) assert.ok(strings[key]?.trim(), `%${key}% has no text in ${file}`);
      for (const key of Object.keys(strings))
        assert.ok(keys.includes(key), `${file} has "${key}", which package.json never uses`);
    }
  });

  it('(a) the manifest’s user-facing fields are references, not English text', () => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- package.json is untyped JSON */
    const manifest = rawManifest() as any;
    const contributes = manifest.contributes;
    const fields: Array<[string, unknown]> = [
      ['displayName', manifest.displayName],
      ['description', manifest.description],
      ...contributes.commands.flatMap((c: any) => [
        [`${c.command} title`, c.title],
        [`${c.command} category`, c.category],
      ]),
      ...[contributes.configuration].flat().map((c: any) => [`configuration ${c.id} title`, c.title]),
      ...Object.entries<any>(configurationProperties(manifest)).map(([k, p]) => [
        `${k} description`,
        p.markdownDescription ?? p.description,
      ]),
      ...contributes.viewsWelcome.map((w: any, i: number) => [`viewsWelcome[${i}]`, w.contents]),
      ...Object.values<any[]>(contributes.views)
        .flat()
        .map((v) => [`view ${v.id}`, v.name]),
      ...contributes.viewsContainers.activitybar.map((v: any) => [`container ${v.id}`, v.title]),
      ...contributes.languageModelTools.flatMap((tool: any) => [
        [`${tool.name} displayName`, tool.displayName],
        [`${tool.name} userDescription`, tool.userDescription],
      ]),
    ] as Array<[string, unknown]>;
    /* eslint-enable @typescript-eslint/no-explicit-any */
    for (const [field, value] of fields)
      assert.match(String(value), NLS_REFERENCE, `${field} is not a %key% reference`);
    // The model reads modelDescription: it stays one English text.
    for (const tool of contributes.languageModelTools) assert.doesNotMatch(tool.modelDescription, NLS_REFERENCE);
    assert.strictEqual(manifest.l10n, './l10n');
  });

  it('(a) the packaged extension carries the translations (.vscodeignore lets package.nls*.json and l10n/ in)', () => {
    const ignore = fs
      .readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    assert.ok(
      ignore.includes('!package.nls*.json'),
      '.vscodeignore leaves out package.nls*.json: the installed extension would show %keys%',
    );
    assert.ok(
      ignore.includes('!l10n/**'),
      '.vscodeignore leaves out l10n/: the installed extension would be English only',
    );
  });

  it('(a) a Chinese welcome view keeps the same command links as the English one', () => {
    const en = manifestStrings();
    for (const language of LANGUAGES) {
      const other = manifestStrings(language);
      for (const key of Object.keys(en)) {
        const targets = (text: string) => [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
        assert.deepStrictEqual(targets(other[key] ?? ''), targets(en[key]), `${key} in ${language}: links differ`);
        assert.deepStrictEqual(
          [...(other[key] ?? '').matchAll(/`[^`]+`/g)]
            .map((m) => m[0])
            .filter((code) => code.includes('aliyunTickets')),
          [...en[key].matchAll(/`[^`]+`/g)].map((m) => m[0]).filter((code) => code.includes('aliyunTickets')),
          `${key} in ${language}: setting names differ`,
        );
      }
    }
  });

  it('our English status and severity names are the API module’s (the emulator and the UI tests find groups by them)', () => {
    for (const value of Object.keys(STATUS_LABELS).map(Number) as StatusValue[])
      assert.strictEqual(statusLabel(value), STATUS_LABELS[value]);
    for (const value of Object.keys(SEVERITY_LABELS).map(Number) as SeverityValue[])
      assert.strictEqual(severityLabel(value), SEVERITY_LABELS[value]);
  });

  it('shows statuses, severities, ages, counts and button labels in Chinese under zh-cn, and in English by default', () => {
    const zh = bundle('zh-cn');
    const now = Date.UTC(2026, 10, 28, 12);
    // The server's labels (given in the other language) are not shown: they speak the account's language, not the
    // display language.
    const shown = (serverStatus: string, serverSeverity: string) => [
      statusText({ value: 3, label: serverStatus }),
      severityText({ value: 2, label: serverSeverity }),
      formatAge(now - 3 * 3600_000, now),
      formatRelativeTime(now - 3 * 24 * 3600_000, now),
      ticketCount(1),
      ticketCount(25),
      waitingText(2),
      errorActionLabel('signIn'),
      describeFilter({ statuses: ['wait_feedback', 'dealing'] }),
    ];
    assert.deepStrictEqual(shown('等待您反馈', '紧急问题'), [
      'Waiting for your feedback',
      'Urgent',
      '3h',
      '3 days ago',
      '1 ticket',
      '25 tickets',
      '2 tickets wait for you (Waiting for your feedback, To be confirmed).',
      'Sign In',
      'Waiting for your feedback, Processing',
    ]);
    setL10n((message, ...args) => formatMessage(zh[message] ?? message, ...args), 'zh-cn');
    assert.deepStrictEqual(shown('Waiting for your feedback', 'Urgent'), [
      '待您反馈',
      '紧急',
      '3小时',
      '3天前',
      '1 个工单',
      '25 个工单',
      '2 个工单在等您（待您反馈、待您确认）。',
      '登录',
      '待您反馈、处理中',
    ]);
    assert.strictEqual(t('Completed'), '已完成');
  });
});
