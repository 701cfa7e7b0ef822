// How VS Code's Settings editor names our settings. It shows a setting as "<category> › <label>", the category being
// the key minus its last part, with the prefix of the group it sits in cut off (settingKeyToDisplayFormat and
// trimCategoryForGroup in VS Code's settingsTreeModels.ts). In one category the group is the extension's id,
// "aliyun-tickets.aliyun-tickets", which cuts nothing off "aliyunTickets.explorer": every setting read
// "Aliyun Tickets › Explorer: Page Size" under the heading "Alibaba Cloud Tickets". A category per area, whose id is
// the keys' prefix, leaves "Page Size" under "Tickets View".
/* eslint-disable @typescript-eslint/no-explicit-any -- package.json is untyped JSON, read field by field */
import * as assert from 'assert';
import { configurationProperties, manifestStrings, rawManifest, resolvedManifest } from './manifest';

/** VS Code's grouping of one setting: the group id it is shown under, as the Settings editor computes it. */
function groupIdOf(manifest: any, key: string): string {
  const extensionId = `${manifest.publisher}.${manifest.name}`;
  const categories: any[] = [manifest.contributes.configuration].flat();
  if (categories.length === 1) return extensionId;
  const category = categories.find((c) => key in (c.properties ?? {}));
  // The category titled like the extension becomes the extension's own group; the others are groups of their own.
  if (category.title === manifest.displayName) return extensionId;
  return category.id && category.id !== extensionId ? category.id : category.title;
}

/** The "<category>" part VS Code shows before a setting's label ('' when none), as settingKeyToDisplayFormat does. */
export function displayedCategory(key: string, groupId: string): string {
  let category = key.slice(0, Math.max(0, key.lastIndexOf('.')));
  const trim = (forward: boolean): string | undefined => {
    const parts = groupId
      .split('.')
      .map((part) => (part.replace(/-/g, '').toLowerCase() === category.toLowerCase() ? part.replace(/-/g, '') : part));
    while (parts.length) {
      const prefix = new RegExp(`^${parts.join('\\.')}(\\.|$)`, 'i');
      if (prefix.test(category)) return category.replace(prefix, '');
      if (forward) parts.pop();
      else parts.shift();
    }
    return undefined;
  };
  category = trim(true) ?? trim(false) ?? category;
  // wordifyKey: "aliyunTickets.explorer" → "Aliyun Tickets › Explorer"
  return category
    .replace(/\.([a-z0-9])/g, (_, letter: string) => ` › ${letter.toUpperCase()}`)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^[a-z]/, (letter) => letter.toUpperCase());
}

describe('settings in the Settings editor (package.json contributes.configuration)', () => {
  for (const language of [undefined, 'zh-cn']) {
    it(`no setting shows a category of its own: each sits under a titled group (${language ?? 'en'})`, () => {
      const manifest = resolvedManifest(language);
      const shown: string[] = [];
      for (const category of [manifest.contributes.configuration].flat()) {
        assert.ok(category.title && !/aliyun/i.test(category.title), `a group titled ${category.title}`);
        for (const key of Object.keys(category.properties)) {
          const prefix = displayedCategory(key, groupIdOf(manifest, key));
          if (prefix) shown.push(`${key} shows as "${prefix}: …"`);
        }
      }
      assert.deepStrictEqual(shown, []);
    });
  }

  it('the first group is titled as the extension, and the display category is computed as VS Code does', () => {
    const raw = rawManifest() as any;
    assert.strictEqual([raw.contributes.configuration].flat()[0].title, '%configuration.title%');
    assert.strictEqual(
      displayedCategory('aliyunTickets.explorer.pageSize', 'aliyun-tickets.aliyun-tickets'),
      'Aliyun Tickets › Explorer',
    );
    assert.strictEqual(displayedCategory('aliyunTickets.endpoint', 'aliyun-tickets.aliyun-tickets'), '');
    assert.strictEqual(displayedCategory('aliyunTickets.explorer.pageSize', 'aliyunTickets.explorer'), '');
  });

  // A search in the Settings editor finds a setting when every word typed is in its key, label, description or
  // keywords; the name the rest of the product shows (Alibaba Cloud Tickets, 阿里云工单) is in none of the first three.
  it('a search for the product’s name, in English or Chinese, finds every setting', () => {
    const names = [manifestStrings().displayName, manifestStrings('zh-cn').displayName];
    for (const language of [undefined, 'zh-cn']) {
      const missed: string[] = [];
      for (const [key, setting] of Object.entries(configurationProperties(resolvedManifest(language)))) {
        const searched = [key, setting.markdownDescription ?? setting.description, ...(setting.keywords ?? [])]
          .join(' ')
          .toLowerCase();
        for (const name of names)
          for (const word of name.split(/\s+/))
            if (!searched.includes(word.toLowerCase())) missed.push(`${key}: ${word}`);
      }
      assert.deepStrictEqual(missed, [], `words a search for ${names.join(' or ')} misses (${language ?? 'en'})`);
    }
  });
});
