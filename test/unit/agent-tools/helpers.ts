// Checks shared by the agent-tools tests: what a live link looks like, and what markdown would render from a result.

const MarkdownIt = require('markdown-it');

/** CommonMark with raw HTML and bare-URL linking on: the most a renderer could make of a tool result. */
export const markdown = new MarkdownIt({ html: true, linkify: true });

/** A URL or command link a model or renderer could follow (the defanged forms read `scheme[:]`). */
export const LIVE_LINK =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|(?:https?|ftps?|wss?|command|vscode[a-z-]*|javascript|vbscript|data|file|mailto):)/i;

/** The element names in rendered HTML, in order (e.g. ['p', 'code']). */
export function renderedTags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase());
}

/** Tags that plain, quoted text may render to. Anything else (a, img, script, iframe…) came from ticket text. */
export const INERT_TAGS = new Set(['p', 'pre', 'code', 'ul', 'li', 'br']);

/** A result without its fenced text blocks and code spans: what is left is the tools' own words. */
export function outsideQuotes(text: string): string {
  return text.replace(/```text\n[\s\S]*?\n```/g, '').replace(/`[^`\n]*`/g, '');
}
