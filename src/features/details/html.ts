// Escaping text for the details panel's HTML (render.ts, actingHtml.ts): every string that goes into markup, server
// text and translations alike, passes through escapeHtml.

/** Escapes text for use in HTML element content and in double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => ESCAPES[ch]);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};
