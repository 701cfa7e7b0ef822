// The static part of the ticket panel below the conversation: the reply box, the Close / Reopen / Rate buttons and
// their forms. Sent once to each new page ('actingPart', after its first paint) and never replaced (a refresh swaps
// only <main id="root">), so what the user types is never touched by new data; the page script shows, hides and
// fills it from 'acting' messages.
// No server text goes in here; every word is the display language's (t()).
import { t } from '../../common/l10n';
import { escapeHtml } from '../../common/untrustedText';
import { pageStrings } from './pageStrings';
import { MAX_DROP_BYTES, type ToPageMessage } from './protocol';

/** What a new page gets once it is ready: the acting part and the words its script uses. A page that has it keeps it. */
export function actingPartMessage(): Extract<ToPageMessage, { type: 'actingPart' }> {
  return { type: 'actingPart', html: renderActingHtml(), strings: pageStrings() };
}

export function renderActingHtml(): string {
  const stars = [5, 4, 3, 2, 1]
    .map(
      (n) =>
        `<label class="star"><input type="radio" name="score" value="${n}"> ${'★'.repeat(n)}${'☆'.repeat(5 - n)} <span class="muted">${escapeHtml(t('{0} of 5', n))}</span></label>`,
    )
    .join('');
  return `<section id="acting" class="acting" aria-label="${escapeHtml(t('Act on this ticket'))}" hidden>
<div id="acting-notice" class="banner" role="status" hidden></div>
<form id="reply-form" class="reply" hidden>
<h2>${escapeHtml(t('Reply'))}</h2>
<p id="reply-kept" class="muted" hidden>${escapeHtml(t('Not sent: support takes no replies on this ticket now. Your text stays here to copy; reopen the ticket to send it, or discard it.'))}</p>
<p id="reply-kept-offline" class="muted" hidden>${escapeHtml(t('Offline: this reply cannot be sent now. It is kept here; send it once the server answers again.'))}</p>
<label for="reply-text" class="field-label">${escapeHtml(t('Your reply to support'))}</label>
<textarea id="reply-text" rows="4" placeholder="${escapeHtml(t('Write your reply. Ctrl+Enter (⌘+Enter) sends.'))}"></textarea>
<div class="reply-options">
<label class="check"><input type="checkbox" id="reply-encrypt"> ${escapeHtml(t('Confidential (encrypted; for passwords, keys and personal data)'))}</label>
</div>
<div id="drop-zone" class="drop-zone">
<ul id="attachment-list" class="draft-attachments" aria-label="${escapeHtml(t('Attachments of the reply'))}"></ul>
<button type="button" class="secondary" id="attach-button">${escapeHtml(t('Attach Files…'))}</button> <span id="drop-hint" class="muted">${escapeHtml(t('or drop files here (up to {0} MB each)', MAX_DROP_BYTES / 1024 / 1024))}</span>
</div>
<div class="actions"><button type="submit" id="send-button">${escapeHtml(t('Send Reply'))}</button><button type="button" class="secondary" id="discard-button" hidden>${escapeHtml(t('Discard Unsent Reply'))}</button></div>
</form>
<div id="ticket-buttons" class="actions ticket-actions">
<button type="button" class="secondary" id="close-button" hidden>${escapeHtml(t('Close Ticket…'))}</button>
<button type="button" class="secondary" id="reopen-button" hidden>${escapeHtml(t('Reopen…'))}</button>
<button type="button" class="secondary" id="rate-button" hidden>${escapeHtml(t('Rate…'))}</button>
<span id="rated-note" class="muted" hidden></span>
</div>
<form id="reopen-form" class="side-form" hidden>
<h2>${escapeHtml(t('Reopen the ticket'))}</h2>
<label for="reopen-reason" class="field-label">${escapeHtml(t('Why reopen it? (sent to support)'))}</label>
<textarea id="reopen-reason" rows="3"></textarea>
<p id="reopen-problem" class="problem" role="alert" hidden></p>
<div class="actions"><button type="submit" id="reopen-submit">${escapeHtml(t('Reopen Ticket'))}</button><button type="button" class="secondary" data-cancel="reopen">${escapeHtml(t('Cancel'))}</button></div>
</form>
<form id="rate-form" class="side-form" hidden>
<h2>${escapeHtml(t('Rate the support'))}</h2>
<fieldset><legend>${escapeHtml(t('Was the problem solved?'))}</legend>
<label class="check"><input type="radio" name="solved" value="yes"> ${escapeHtml(t('Yes'))}</label>
<label class="check"><input type="radio" name="solved" value="no"> ${escapeHtml(t('No'))}</label>
</fieldset>
<fieldset class="stars"><legend>${escapeHtml(t('Score'))}</legend>${stars}</fieldset>
<label for="rate-comment" class="field-label">${escapeHtml(t('Comment (optional)'))}</label>
<textarea id="rate-comment" rows="3"></textarea>
<p id="rate-problem" class="problem" role="alert" hidden></p>
<div class="actions"><button type="submit" id="rate-submit">${escapeHtml(t('Send Rating'))}</button><button type="button" class="secondary" data-cancel="rate">${escapeHtml(t('Cancel'))}</button></div>
</form>
</section>`;
}
