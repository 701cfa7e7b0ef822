// The one home of what our two webviews (the ticket panel, media/details.*; the New Ticket form, media/newTicket.*)
// share around their content: the document shell, its Content-Security-Policy with a fresh nonce, and the stylesheets:
// media/common.css (theme colours, body, buttons, fields) first, then the page's own. The extension puts the
// stylesheets into the document (by nonce) instead of linking them when it can read them: VS Code keeps a webview's new
// document hidden until its linked files have come through the webview's resource loader (or for 200 ms); bench:ui
// measured 40–300 ms of that on our panel against 0–20 on a bare webview. The form's script goes in too; the panel's
// is linked and loaded after the first paint (PAGE_SCRIPT). Pure (no vscode): unit tests and the browser tests
// render the same document.
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { displayLanguage } from './l10n';
import { escapeHtml } from './untrustedText';

/** The stylesheet both pages share, in media/ beside each page's own. */
export const SHARED_STYLESHEET = 'common.css';

/** A webview page of ours: its files in media/ are `<page>.css` and `<page>.js` (scripts/build.mjs writes the .js). */
export type PageName = 'details' | 'newTicket';

/**
 * When each page's script runs. `afterPaint`: it is linked and loaded after the document was first painted
 * (AFTER_PAINT_LOADER), as the ticket panel's document carries what it shows. `inDocument`: it runs while the document
 * is written, as its last element, carried when it can be read (the New Ticket form, which its script fills in).
 */
export const PAGE_SCRIPT: Record<PageName, 'afterPaint' | 'inDocument'> = {
  details: 'afterPaint',
  newTicket: 'inDocument',
};

/** The stylesheets' text (the shared one first) and, for a page whose script runs in the document, the script's. */
export interface InlineAssets {
  style: string;
  script?: string;
}

export interface PageResources {
  /** webview.cspSource */
  cspSource: string;
  /** From createNonce(); a new one for every document. */
  nonce: string;
  /** webview.asWebviewUri(media/<page>.css); media/common.css is linked from beside it. */
  styleUri: string;
  /** webview.asWebviewUri(media/<page>.js) */
  scriptUri: string;
  /** The files' text (readPageAssets), carried in the document instead of linked. */
  inline?: InlineAssets;
}

/** What a page puts inside the shell. */
export interface PageContent {
  /** The document's title (plain text: escaped here). */
  title: string;
  /** The <body>'s attributes (plain values: escaped here). */
  bodyAttributes: Record<string, string>;
  /** The body's HTML, ready (before the page script). */
  body: string;
}

/**
 * The one script of a paint-first document (by nonce): once the document loaded and was painted, it loads the page
 * script (data-src) as a new element with the same nonce. VS Code's webview host writes a new document in one go and
 * shows it on its load event, so a page script inside the document is parsed and run before anything shows, and its
 * text is carried, parsed and written with the document: bench:ui's window profile showed the host's parse of our
 * document (DOMParser) and its write taking 3–8× a bare webview's, in proportion to the document's size, of which the
 * page script was two thirds. Linked, it comes through the webview's resource loader after the first paint. A page in a
 * tab that gets no animation frames loads it 100 ms after loading.
 */
export const AFTER_PAINT_LOADER =
  "(()=>{const me=document.currentScript,nonce=me.nonce,src=me.dataset.src;let done=false;const run=()=>{if(done)return;done=true;const s=document.createElement('script');s.nonce=nonce;s.src=src;document.body.appendChild(s)};addEventListener('load',()=>{requestAnimationFrame(()=>setTimeout(run,0));setTimeout(run,100)},{once:true})})()";

/** A fresh script nonce for one document: 144 random bits from crypto (a guessable nonce would let injected script run). */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The Content-Security-Policy of both pages: nothing but our own stylesheets, images, and nonce'd script. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `page`'s whole document: the CSP first, the stylesheets, the title, the body, and the page script (by nonce). */
export function renderPage(page: PageName, resources: PageResources, content: PageContent): string {
  const nonce = escapeHtml(resources.nonce);
  const { inline } = resources;
  const styles = inline
    ? `<style nonce="${nonce}">${inline.style}</style>`
    : [sharedStyleUri(resources.styleUri), resources.styleUri]
        .map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`)
        .join('\n');
  const script =
    PAGE_SCRIPT[page] === 'afterPaint'
      ? `<script nonce="${nonce}" data-src="${escapeHtml(resources.scriptUri)}">${AFTER_PAINT_LOADER}</script>`
      : inline?.script !== undefined
        ? `<script nonce="${nonce}">${inline.script}</script>`
        : `<script nonce="${nonce}" src="${escapeHtml(resources.scriptUri)}"></script>`;
  const attributes = Object.entries(content.bodyAttributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(displayLanguage())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(resources.cspSource, resources.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(content.title)}</title>
</head>
<body${attributes}>
${content.body}
${script}
</body>
</html>`;
}

/** media/common.css's URI: the page stylesheet's with its file name changed (both are in media/). */
export function sharedStyleUri(pageStyleUri: string): string {
  return pageStyleUri.replace(/[^/]*$/, SHARED_STYLESHEET);
}

const cache = new Map<PageName, InlineAssets | null>();

/**
 * The page's stylesheets (media/common.css, then media/<page>.css) and, when it runs in the document, its script from
 * `mediaFolder` as text, read once per window (readPageFiles); undefined (then the document links them) when one cannot
 * be read. All are our own build's files.
 */
export function readPageAssets(mediaFolder: string, page: PageName): InlineAssets | undefined {
  let assets = cache.get(page);
  if (assets === undefined) {
    assets = readPageFiles(mediaFolder, page) ?? null;
    cache.set(page, assets);
  }
  return assets ?? undefined;
}

/** What readPageAssets reads, every time. */
export function readPageFiles(mediaFolder: string, page: PageName): InlineAssets | undefined {
  try {
    const read = (file: string) => readFileSync(path.join(mediaFolder, file), 'utf8');
    const script = PAGE_SCRIPT[page] === 'inDocument' ? read(`${page}.js`) : undefined;
    return inlinable(`${read(SHARED_STYLESHEET)}\n${read(`${page}.css`)}`, script);
  } catch {
    return undefined;
  }
}

/** The texts given, unless one holds what would end its element early (then the document links the files). */
export function inlinable(style: string, script?: string): InlineAssets | undefined {
  if (/<\/style/i.test(style) || (script !== undefined && /<\/script/i.test(script))) return undefined;
  return script === undefined ? { style } : { style, script };
}
