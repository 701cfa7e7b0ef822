// The text a person sees in the display language the runner gave this suite (TICKETS_E2E_LOCALE, from the suite's file
// name): the manifest's and the runtime bundle's translations as the .vsix ships them, so that a screen still in
// English where a translation exists fails its test.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './browser';

/**
 * The display language of the running suite's code-server: "en" unless the runner said otherwise. Read at each call:
 * the runner loads every suite file into one process, and this module once, whatever language each suite runs in.
 */
export function displayLocale(): string {
  return process.env.TICKETS_E2E_LOCALE || 'en';
}

const files = new Map<string, Record<string, string>>();

/** A JSON file of strings in the repository (read once); empty when there is none. */
function strings(file: string): Record<string, string> {
  let read = files.get(file);
  if (!read) {
    const full = path.join(REPO_ROOT, file);
    read = fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, string>) : {};
    files.set(file, read);
  }
  return read;
}

const englishManifest = () => strings('package.nls.json');
const localManifest = () => (displayLocale() === 'en' ? {} : strings(`package.nls.${displayLocale()}.json`));
const bundle = () => (displayLocale() === 'en' ? {} : strings(`l10n/bundle.l10n.${displayLocale()}.json`));

/** A manifest string (a package.nls key: command titles, the view's name, the walkthrough) as VS Code shows it. */
export function manifestText(key: string): string {
  const text = localManifest()[key] ?? englishManifest()[key];
  assert.ok(text !== undefined, `package.nls.json has no ${key}`);
  return text;
}

/** A command's title in the palette: "category: title", both from the manifest. */
export function commandTitle(titleKey: string): string {
  return `${manifestText('command.category')}: ${manifestText(titleKey)}`;
}

/**
 * A runtime message (src/common/l10n.ts t()) as the extension shows it: its translation with {0}, {1}… filled in, or
 * the English text where the bundle has none.
 */
export function shownText(message: string, ...args: (string | number)[]): string {
  return (bundle()[message] ?? message).replace(/\{(\d+)\}/g, (whole, index: string) =>
    args[Number(index)] === undefined ? whole : String(args[Number(index)]),
  );
}

/** A RegExp for shownText(message) with every {n} placeholder matching anything. */
export function shownPattern(message: string): RegExp {
  const parts = (bundle()[message] ?? message).split(/\{\d+\}/);
  return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
}

/**
 * The walkthrough's title, its steps' titles and the heading of each step's page (its media.markdown, itself a
 * manifest string naming the page in the display language) as shown, in the order of package.json.
 */
export function walkthroughTitles(): { title: string; steps: string[]; pageHeadings: string[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: { title: string; steps: { title: string; media: { markdown: string } }[] }[] };
  };
  const [walkthrough] = manifest.contributes.walkthroughs;
  const shown = (value: string) => manifestText(value.replace(/^%|%$/g, ''));
  const heading = (page: string) =>
    fs
      .readFileSync(path.join(REPO_ROOT, page), 'utf8')
      .split('\n')[0]
      .replace(/^#+\s*/, '');
  return {
    title: shown(walkthrough.title),
    steps: walkthrough.steps.map((step) => shown(step.title)),
    pageHeadings: walkthrough.steps.map((step) => heading(shown(step.media.markdown))),
  };
}

/** Chinese characters (CJK ideographs), what a zh-cn screen has in every label we translate. */
export const HAN = /\p{Script=Han}/u;
