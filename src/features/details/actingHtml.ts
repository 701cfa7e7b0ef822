// The static part of the ticket panel below the conversation: the reply box, the Close / Reopen / Rate buttons and
// their forms. Rendered once with the document and never replaced (a refresh swaps only <main id="root">), so what
// the user types is never touched by new data; the page script shows, hides and fills it from 'acting' messages.
// No server text goes in here.

export function renderActingHtml(): string {
  const stars = [5, 4, 3, 2, 1]
    .map(
      (n) =>
        `<label class="star"><input type="radio" name="score" value="${n}"> ${'★'.repeat(n)}${'☆'.repeat(5 - n)} <span class="muted">${n} of 5</span></label>`,
    )
    .join('');
  return `<section id="acting" class="acting" aria-label="Act on this ticket" hidden>
<div id="acting-notice" class="banner" role="status" hidden></div>
<form id="reply-form" class="reply" hidden>
<h2>Reply</h2>
<label for="reply-text" class="field-label">Your reply to support</label>
<textarea id="reply-text" rows="4" placeholder="Write your reply. Ctrl+Enter (⌘+Enter) sends."></textarea>
<div class="reply-options">
<label class="check"><input type="checkbox" id="reply-encrypt"> Confidential (encrypted; for passwords, keys and personal data)</label>
</div>
<div id="drop-zone" class="drop-zone">
<ul id="attachment-list" class="draft-attachments" aria-label="Attachments of the reply"></ul>
<button type="button" class="secondary" id="attach-button">Attach Files…</button> <span class="muted">or drop files here (up to 20 MB each)</span>
</div>
<div class="actions"><button type="submit" id="send-button">Send Reply</button></div>
</form>
<div id="ticket-buttons" class="actions ticket-actions">
<button type="button" class="secondary" id="close-button" hidden>Close Ticket…</button>
<button type="button" class="secondary" id="reopen-button" hidden>Reopen…</button>
<button type="button" class="secondary" id="rate-button" hidden>Rate…</button>
</div>
<form id="reopen-form" class="side-form" hidden>
<h2>Reopen the ticket</h2>
<label for="reopen-reason" class="field-label">Why reopen it? (sent to support)</label>
<textarea id="reopen-reason" rows="3"></textarea>
<div class="actions"><button type="submit" id="reopen-submit">Reopen Ticket</button><button type="button" class="secondary" data-cancel="reopen">Cancel</button></div>
</form>
<form id="rate-form" class="side-form" hidden>
<h2>Rate the support</h2>
<fieldset><legend>Was the problem solved?</legend>
<label class="check"><input type="radio" name="solved" value="yes"> Yes</label>
<label class="check"><input type="radio" name="solved" value="no"> No</label>
</fieldset>
<fieldset class="stars"><legend>Score</legend>${stars}</fieldset>
<label for="rate-comment" class="field-label">Comment (optional)</label>
<textarea id="rate-comment" rows="3"></textarea>
<p id="rate-problem" class="problem" role="alert" hidden></p>
<div class="actions"><button type="submit" id="rate-submit">Send Rating</button><button type="button" class="secondary" data-cancel="rate">Cancel</button></div>
</form>
</section>`;
}
