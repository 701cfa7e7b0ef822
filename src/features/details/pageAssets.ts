// The details page's stylesheet and script (media/details.css, media/details.js) as text, read once per window, for
// render.ts to put into the panel's document instead of linking them: VS Code keeps a webview's new document hidden
// until its linked files have come through the webview's resource loader (or for 200 ms); bench:ui measured 40–300 ms
// of that on our panel against 0–20 on a bare webview. Both are our own build's files.
import { readFileSync } from 'fs';
import * as path from 'path';

let cached: { style: string; script: string } | null | undefined;

/** The page's files from `mediaFolder`, or undefined (then the document links them) when they cannot be read. */
export function inlinePageAssets(mediaFolder: string): { style: string; script: string } | undefined {
  if (cached === undefined) {
    try {
      const style = readFileSync(path.join(mediaFolder, 'details.css'), 'utf8');
      const script = readFileSync(path.join(mediaFolder, 'details.js'), 'utf8');
      cached = inlinable(style, script) ?? null;
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}

/** Both texts, unless one holds what would end its element early (then the document links the files). */
export function inlinable(style: string, script: string): { style: string; script: string } | undefined {
  return /<\/style/i.test(style) || /<\/script/i.test(script) ? undefined : { style, script };
}
