// What `vsce package` puts in the .vsix, read from .vscodeignore, and the pictures a Markdown page shows: the tests of
// what the installed extension carries (walkthrough pages, the README's pictures) share them.
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './manifest';

/**
 * Whether `vsce package` keeps a file, read from .vscodeignore as vsce reads it: the last pattern that matches the path
 * decides, a `!pattern` keeps it, any other pattern leaves it out; a path no pattern matches is kept.
 */
export function shippedInVsix(relativePath: string): boolean {
  const patterns = fs
    .readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  let kept = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    const source = glob
      .split(/(\*\*|\*|\?)/)
      .map((part) =>
        part === '**'
          ? '.*'
          : part === '*'
            ? '[^/]*'
            : part === '?'
              ? '[^/]'
              : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    if (new RegExp(`^${source}$`).test(relativePath)) kept = negated;
  }
  return kept;
}

/** The pictures a Markdown page shows, as written in it (relative to the page). */
export function markdownPictures(text: string): string[] {
  return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}
