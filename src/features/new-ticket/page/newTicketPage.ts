// Page script of the New Ticket form (bundled by scripts/build.mjs into dist/newTicketPage.js, loaded by nonce).
// It shows what the extension posts (draft, products, categories, attachments, problems) and sends back every edit
// (as it happens) so the draft lives in the extension's storage, not in the page: a reload or a crash loses nothing.
// Its text comes from the extension, translated (FormStrings in the body's data-strings): the page has no words of its own.
import { formatMessage } from '../../../common/l10n';
import type { DraftAttachment, DraftProblem, TicketDraft } from '../draft';
import {
  filterProducts,
  parseFormStrings,
  type Category,
  type FromFormMessage,
  type FormDirectory,
  type ToFormMessage,
} from '../protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromFormMessage): void };

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('form');
const productSearch = $<HTMLInputElement>('productSearch');
const product = $<HTMLSelectElement>('product');
const productStatus = $<HTMLElement>('productStatus');
const retryProducts = $<HTMLButtonElement>('retryProducts');
const category = $<HTMLSelectElement>('category');
const categoryStatus = $<HTMLElement>('categoryStatus');
const title = $<HTMLInputElement>('title');
const description = $<HTMLTextAreaElement>('description');
const email = $<HTMLInputElement>('email');
const secret = $<HTMLTextAreaElement>('secret');
const attachmentList = $<HTMLUListElement>('attachments');
const uploadStatus = $<HTMLElement>('uploadStatus');
const problemsBox = $<HTMLElement>('problems');
const submit = $<HTMLButtonElement>('submit');

function readStrings(): unknown {
  try {
    return JSON.parse(document.body.dataset.strings ?? '');
  } catch {
    return undefined;
  }
}
const text = parseFormStrings(readStrings());

let directories: FormDirectory[] = [];
let attachments: DraftAttachment[] = [];
/** The product and category of the draft, kept while their lists load. */
let chosen = { productId: '', productName: '', categoryId: '', categoryName: '' };
let sending = false;

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

function renderProducts(): void {
  const shown = filterProducts(directories, productSearch.value);
  product.replaceChildren();
  for (const directory of shown) {
    const group = document.createElement('optgroup');
    group.label = directory.directoryName;
    for (const p of directory.products) group.append(option(p.productId, p.productName));
    product.append(group);
  }
  // The chosen product stays chosen even when the search hides it from the list.
  if (chosen.productId && !shown.some((d) => d.products.some((p) => p.productId === chosen.productId))) {
    product.prepend(option(chosen.productId, chosen.productName || chosen.productId));
  }
  product.value = chosen.productId;
  if (directories.length)
    productStatus.textContent = shown.length ? '' : formatMessage(text.noProductMatches, productSearch.value);
}

/** The category list: its placeholder says why it is empty (no product yet, loading, or none for this product). */
function renderCategories(categories: Category[], loaded = true): void {
  const placeholder = !chosen.productId
    ? text.chooseProductFirst
    : !loaded
      ? text.loadingCategories
      : categories.length
        ? text.chooseCategory
        : text.noCategories;
  category.replaceChildren(option('', placeholder));
  category.disabled = !chosen.productId;
  for (const c of categories) category.append(option(c.categoryId, c.categoryName));
  if (chosen.categoryId && !categories.some((c) => c.categoryId === chosen.categoryId)) {
    category.append(option(chosen.categoryId, chosen.categoryName || chosen.categoryId));
  }
  category.value = chosen.categoryId;
}

function renderAttachments(): void {
  attachmentList.replaceChildren();
  attachments.forEach((a, index) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = formatMessage(text.attachmentSize, a.name, Math.max(1, Math.round(a.size / 1024)));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = text.remove;
    remove.setAttribute('aria-label', formatMessage(text.removeFile, a.name));
    remove.addEventListener('click', () => vscode.postMessage({ type: 'removeAttachment', index }));
    item.append(name, remove);
    attachmentList.append(item);
  });
}

function collect(): TicketDraft {
  const severity =
    (document.querySelector('input[name="severity"]:checked') as HTMLInputElement | null)?.value === '2' ? 2 : 1;
  return {
    ...chosen,
    severity,
    title: title.value,
    description: description.value,
    email: email.value,
    attachments,
    secret: secret.value,
  };
}

function fill(draft: TicketDraft): void {
  chosen = {
    productId: draft.productId,
    productName: draft.productName,
    categoryId: draft.categoryId,
    categoryName: draft.categoryName,
  };
  title.value = draft.title;
  description.value = draft.description;
  email.value = draft.email;
  secret.value = draft.secret;
  $<HTMLInputElement>(draft.severity === 2 ? 'severity2' : 'severity1').checked = true;
  attachments = draft.attachments;
  renderAttachments();
  renderProducts();
  renderCategories([], false);
  if (chosen.productId) vscode.postMessage({ type: 'loadCategories', productId: chosen.productId });
}

/** The summary of what is wrong and the fields it marks. live: a re-check after an edit, which leaves the focus alone. */
function showProblems(problems: DraftProblem[], message?: string, live = false): void {
  problemsBox.replaceChildren();
  for (const el of [product, category, description, email]) el.removeAttribute('aria-invalid');
  if (message) {
    const p = document.createElement('p');
    p.textContent = message;
    problemsBox.append(p);
  }
  for (const problem of problems) {
    const p = document.createElement('p');
    p.textContent = problem.message;
    if (!problem.blocking) p.className = 'warning';
    problemsBox.append(p);
    const field = { product, category, description, email }[problem.field];
    if (problem.blocking) field.setAttribute('aria-invalid', 'true');
  }
  const first = problems.find((p) => p.blocking);
  if (first && !live) {
    const field = ({ product: productSearch, category, description, email } as Record<string, HTMLElement>)[
      first.field
    ];
    field.focus({ preventScroll: true });
    // The box and the label that names it: Submit is at the bottom, and scrolling to the box alone left its label
    // above the top edge.
    field.scrollIntoView({ block: 'nearest' });
    document.querySelector(`label[for="${field.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }
}

// Every change at once: the page can go any moment (Escape right after typing) and takes no timer with it. The
// extension writes each change it is told (new-ticket/draftKeeper.ts).
function changed(): void {
  vscode.postMessage({ type: 'draftChanged', draft: collect() });
}

function send(): void {
  if (sending) return;
  vscode.postMessage({ type: 'submit', draft: collect() });
}

productSearch.addEventListener('input', renderProducts);
product.addEventListener('change', () => {
  const selected = product.selectedOptions[0];
  if (!selected || selected.value === chosen.productId) return;
  chosen = { productId: selected.value, productName: selected.textContent ?? '', categoryId: '', categoryName: '' };
  renderCategories([], false);
  categoryStatus.textContent = text.loadingCategories;
  vscode.postMessage({ type: 'loadCategories', productId: selected.value });
  changed();
});
category.addEventListener('change', () => {
  const selected = category.selectedOptions[0];
  chosen = {
    ...chosen,
    categoryId: selected?.value ?? '',
    categoryName: selected?.value ? (selected.textContent ?? '') : '',
  };
  changed();
});
for (const el of [title, description, email, secret]) el.addEventListener('input', changed);
document.querySelectorAll('input[name="severity"]').forEach((el) => el.addEventListener('change', changed));
retryProducts.addEventListener('click', () => {
  retryProducts.hidden = true;
  productStatus.textContent = text.loadingProducts;
  vscode.postMessage({ type: 'retryProducts' });
});
$('addAttachments').addEventListener('click', () => vscode.postMessage({ type: 'addAttachments' }));
$('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
$('discard').addEventListener('click', () => vscode.postMessage({ type: 'discard' }));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    send();
  } else if (event.key === 'Escape' && !(event.target === productSearch && productSearch.value)) {
    // Escape in a non-empty search box clears the search (the browser does that); anywhere else it closes the form.
    event.preventDefault();
    vscode.postMessage({ type: 'cancel' });
  }
});

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as ToFormMessage;
  switch (message?.type) {
    case 'draft':
      fill(message.draft);
      document.body.dataset.ready = 'true';
      break;
    case 'products':
      directories = message.directories;
      retryProducts.hidden = true;
      renderProducts();
      if (!directories.length) productStatus.textContent = text.noProducts;
      break;
    case 'productsFailed':
      productStatus.textContent = formatMessage(text.productsFailed, message.message);
      retryProducts.hidden = false;
      break;
    case 'categories':
      if (message.productId !== chosen.productId) break;
      categoryStatus.textContent = '';
      renderCategories(message.categories);
      break;
    case 'categoriesFailed':
      if (message.productId === chosen.productId)
        categoryStatus.textContent = formatMessage(text.categoriesFailed, message.message);
      break;
    case 'attachments':
      attachments = message.attachments;
      renderAttachments();
      uploadStatus.textContent = message.uploading
        ? formatMessage(text.uploading, message.uploading.name, message.uploading.percent)
        : '';
      break;
    case 'sending':
      sending = message.sending;
      submit.disabled = message.sending;
      submit.textContent = message.sending ? (message.label ?? text.sending) : text.submit;
      document.body.dataset.sending = String(message.sending);
      break;
    case 'problems':
      showProblems(message.problems, message.message, message.live);
      break;
  }
});

productSearch.focus();
vscode.postMessage({ type: 'ready' });
