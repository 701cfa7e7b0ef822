// package.json as VS Code reads it: every "%key%" string replaced by its text from package.nls.json (English) or
// package.nls.<language>.json, so tests of the contributions check what a user sees.
import * as fs from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The raw manifest, with its %key% references. */
export function rawManifest(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

/** package.nls.json (language undefined) or package.nls.<language>.json. */
export function manifestStrings(language?: string): Record<string, string> {
  const file = language ? `package.nls.${language}.json` : 'package.nls.json';
  return JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
}

/** A whole string "%key%" is a reference, as VS Code and vsce read it. */
export const NLS_REFERENCE = /^%([^%\s]+)%$/;

/** The manifest with each reference resolved; a reference with no text throws (the completeness test says which). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json is untyped JSON, read field by field by the tests
export function resolvedManifest(language?: string): any {
  const strings = { ...manifestStrings(), ...(language ? manifestStrings(language) : {}) };
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = NLS_REFERENCE.exec(value)?.[1];
      if (key === undefined) return value;
      if (!(key in strings)) throw new Error(`package.json references %${key}%, which package.nls has no text for`);
      return strings[key];
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
  };
  return resolve(rawManifest());
}

/**
 * The settings of a manifest (raw or resolved), whatever its configuration's form: VS Code takes one category
 * ({ title, properties }) or an array of them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json is untyped JSON, read field by field by the tests
export function configurationProperties(manifest: any): Record<string, any> {
  const configuration = manifest.contributes.configuration;
  const categories = Array.isArray(configuration) ? configuration : [configuration];
  return Object.assign({}, ...categories.map((category: { properties?: object }) => category.properties ?? {}));
}
