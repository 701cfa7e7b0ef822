// HTML of the New Ticket form, built by a pure function (no vscode import). Native controls with labels, theme colours
// from VS Code's CSS variables (media/newTicket.css), a strict CSP (no inline script or style; the page script by nonce).
// The page fills the fields from the draft the extension posts after 'ready': nothing user-typed is baked in here.

export interface FormResources {
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

function attr(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function renderNewTicketHtml(r: FormResources, options: { isMac: boolean }): string {
  const submitKey = options.isMac ? '⌘+Enter' : 'Ctrl+Enter';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${attr(r.cspSource)}; font-src ${attr(r.cspSource)}; script-src 'nonce-${attr(r.nonce)}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(r.styleUri)}">
<title>New Ticket</title>
</head>
<body>
<form id="form" novalidate aria-labelledby="heading">
  <h1 id="heading">New support ticket</h1>
  <p class="hint">Nothing is sent until you press <strong>Submit</strong>. The draft is kept, also across reloads, until the ticket is created.</p>

  <div class="columns">
    <div class="field">
      <label for="productSearch">Product</label>
      <input id="productSearch" type="search" placeholder="Search products" autocomplete="off" aria-controls="product">
      <select id="product" size="6" aria-label="Products, grouped by directory" aria-describedby="productStatus"></select>
      <div id="productStatus" class="status" role="status">Loading products…</div>
      <button type="button" id="retryProducts" class="secondary" hidden>Retry</button>
    </div>
    <div>
      <div class="field">
        <label for="category">Category</label>
        <select id="category" aria-describedby="categoryStatus"><option value="">Choose a product first</option></select>
        <div id="categoryStatus" class="status" role="status"></div>
      </div>
      <fieldset class="field">
        <legend>Severity</legend>
        <label class="inline"><input type="radio" name="severity" id="severity1" value="1" checked> Common</label>
        <label class="inline"><input type="radio" name="severity" id="severity2" value="2"> Urgent (a production service is down)</label>
      </fieldset>
    </div>
  </div>

  <div class="field">
    <label for="title">Title</label>
    <input id="title" type="text" maxlength="500" placeholder="One line support reads first (optional)">
  </div>

  <div class="field">
    <label for="description">Description (required)</label>
    <textarea id="description" rows="9" spellcheck="true" aria-required="true"></textarea>
  </div>

  <div class="field">
    <label for="email">E-mail for updates (optional)</label>
    <input id="email" type="email" autocomplete="email">
  </div>

  <div class="field">
    <span class="label" id="attachmentsLabel">Attachments</span>
    <ul id="attachments" aria-labelledby="attachmentsLabel"></ul>
    <button type="button" id="addAttachments" class="secondary">Add Files…</button>
    <div id="uploadStatus" class="status" role="status"></div>
  </div>

  <div class="field">
    <label for="secret">Sensitive information (optional)</label>
    <textarea id="secret" rows="3" autocomplete="off" spellcheck="false" aria-describedby="secretHint"></textarea>
    <div id="secretHint" class="hint">Passwords, keys or account details support needs. Sent apart from the description (as SecretInfo) and kept in VS Code's secret storage while this is a draft.</div>
  </div>

  <div id="problems" role="alert"></div>

  <div class="buttons">
    <button type="submit" id="submit">Submit</button>
    <button type="button" id="cancel" class="secondary">Close</button>
    <button type="button" id="discard" class="secondary">Discard Draft</button>
    <span class="hint">${submitKey} submits · Escape closes (the draft is kept)</span>
  </div>
</form>
<script nonce="${attr(r.nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}
