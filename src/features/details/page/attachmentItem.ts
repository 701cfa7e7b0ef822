// One attachment of the reply being written, as a list item: its name (as text: it is a file name from the user's
// disk), its size, upload progress or why it failed, and a Remove button that carries only the attachment's id. The
// words are the extension's (PageStrings, in the display language).
import { formatMessage } from '../../../common/l10n';
import type { DraftAttachmentView, PageStrings } from '../protocol';

export function attachmentItem(a: DraftAttachmentView, sending: boolean, strings: PageStrings): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `draft-attachment ${a.state}`;
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = a.name;
  const status = document.createElement('span');
  status.className = 'muted';
  const state =
    a.state === 'uploading'
      ? formatMessage(strings.uploadingPercent, Math.round(a.progress * 100))
      : a.state === 'failed'
        ? formatMessage(strings.notUploaded, a.error ?? strings.uploadFailed)
        : size(a.size);
  status.textContent = ` ${state}`;
  item.append(name, status);
  if (a.state === 'uploading') {
    const bar = document.createElement('progress');
    bar.max = 1;
    bar.value = a.progress;
    bar.setAttribute('aria-label', formatMessage(strings.uploadingFile, a.name));
    item.append(' ', bar);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary small';
  remove.dataset.remove = a.id;
  remove.textContent = strings.remove;
  remove.setAttribute('aria-label', formatMessage(strings.removeFile, a.name));
  remove.disabled = sending;
  item.append(' ', remove);
  return item;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  // l10n-exempt: unit symbols, the same in every language.
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  // l10n-exempt: a unit symbol.
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
