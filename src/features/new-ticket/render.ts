// HTML of the New Ticket form, built by a pure function (no vscode import). Native controls with labels, theme colours
// from VS Code's CSS variables (media/common.css and media/newTicket.css); the document shell, its strict CSP and the
// stylesheets are common/pageAssets.ts's, as for the ticket panel.
// Every word on the page is the display language's: the static text here through t(), the text the page script sets
// itself (FormStrings) as JSON in the body's data-strings attribute. The page fills the fields from the draft the
// extension posts after 'ready': nothing user-typed is baked in here.
import { t } from '../../common/l10n';
import { renderPage, type PageResources } from '../../common/pageAssets';
import { escapeHtml } from '../../common/untrustedText';
import { severityLabel } from '../../tickets/display';
import type { FormStrings } from './protocol';

/** Our own words, escaped (quotes too: the same function serves attribute values and text between tags). */
const attr = escapeHtml;
const html = escapeHtml;

/**
 * The page script's own text in the display language. Its {0}, {1} stay for the page to fill: they are passed as
 * arguments so that every translate function (ours or VS Code's) gives them back unchanged.
 */
export function formStrings(): FormStrings {
  return {
    noProductMatches: t('No product matches “{0}”.', '{0}'),
    chooseCategory: t('Choose a category'),
    noCategories: t('This product has no categories'),
    chooseProductFirst: t('Choose a product first'),
    loadingProducts: t('Loading products…'),
    loadingCategories: t('Loading categories…'),
    noProducts: t('The Ticket API listed no products.'),
    productsFailed: t('Products could not be loaded: {0}', '{0}'),
    categoriesFailed: t('Categories could not be loaded: {0}', '{0}'),
    attachmentSize: t('{0} ({1} KB)', '{0}', '{1}'),
    remove: t('Remove'),
    removeFile: t('Remove {0}', '{0}'),
    uploading: t('Uploading {0}: {1}%', '{0}', '{1}'),
    sending: t('Submitting…'),
    submit: t('Submit'),
  };
}

export function renderNewTicketHtml(resources: PageResources, options: { isMac: boolean }): string {
  const strings = formStrings();
  return renderPage('newTicket', resources, {
    title: t('New Ticket'),
    bodyAttributes: { 'data-strings': JSON.stringify(strings) },
    body: formHtml(strings, options.isMac ? '⌘+Enter' : 'Ctrl+Enter'),
  });
}

function formHtml(strings: FormStrings, submitKey: string): string {
  return `<form id="form" novalidate aria-labelledby="heading">
  <h1 id="heading">${html(t('New support ticket'))}</h1>
  <p class="hint">${html(t('Nothing is sent until you press {0}. The draft is kept, also across reloads, until the ticket is created.', '\u0000')).replace('\u0000', `<strong>${html(strings.submit)}</strong>`)}</p>

  <div class="columns">
    <div class="field">
      <label for="productSearch">${html(t('Product'))}</label>
      <input id="productSearch" type="search" placeholder="${attr(t('Search products'))}" autocomplete="off" aria-controls="product">
      <select id="product" size="6" aria-label="${attr(t('Products, grouped by directory'))}" aria-describedby="productStatus"></select>
      <div id="productStatus" class="status" role="status">${html(strings.loadingProducts)}</div>
      <button type="button" id="retryProducts" class="secondary" hidden>${html(t('Retry'))}</button>
    </div>
    <div>
      <div class="field">
        <label for="category">${html(t('Category'))}</label>
        <select id="category" aria-describedby="categoryStatus"><option value="">${html(t('Choose a product first'))}</option></select>
        <div id="categoryStatus" class="status" role="status"></div>
      </div>
      <fieldset class="field">
        <legend>${html(t('Severity'))}</legend>
        <label class="inline"><input type="radio" name="severity" id="severity1" value="1" checked> ${html(severityLabel(1))}</label>
        <label class="inline"><input type="radio" name="severity" id="severity2" value="2"> ${html(t('{0} (a production service is down)', severityLabel(2)))}</label>
      </fieldset>
    </div>
  </div>

  <div class="field">
    <label for="title">${html(t('Title'))}</label>
    <input id="title" type="text" maxlength="500" placeholder="${attr(t('One line support reads first (optional)'))}">
  </div>

  <div class="field">
    <label for="description">${html(t('Description (required)'))}</label>
    <textarea id="description" rows="9" spellcheck="true" aria-required="true"></textarea>
  </div>

  <div class="field">
    <label for="email">${html(t('E-mail for updates (optional)'))}</label>
    <input id="email" type="email" autocomplete="email">
  </div>

  <div class="field">
    <span class="label" id="attachmentsLabel">${html(t('Attachments'))}</span>
    <ul id="attachments" aria-labelledby="attachmentsLabel"></ul>
    <button type="button" id="addAttachments" class="secondary">${html(t('Add Files…'))}</button>
    <div id="uploadStatus" class="status" role="status"></div>
  </div>

  <div class="field">
    <label for="secret">${html(t('Sensitive information (optional)'))}</label>
    <textarea id="secret" rows="3" autocomplete="off" spellcheck="false" aria-describedby="secretHint"></textarea>
    <div id="secretHint" class="hint">${html(t("Passwords, keys or account details support needs. Sent apart from the description (as SecretInfo) and kept in VS Code's secret storage while this is a draft."))}</div>
  </div>

  <div id="problems" role="alert"></div>

  <div class="buttons">
    <button type="submit" id="submit">${html(strings.submit)}</button>
    <button type="button" id="cancel" class="secondary">${html(t('Close'))}</button>
    <button type="button" id="discard" class="secondary">${html(t('Discard Draft'))}</button>
    <span class="hint">${html(t('{0} submits · Escape closes (the draft is kept)', submitKey))}</span>
  </div>
</form>`;
}
