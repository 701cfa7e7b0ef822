// One attachment of the reply being written, as a list item: its name (as text: it is a file name from the user's
// disk), its size, upload progress or why it failed, and a Remove button that carries only the attachment's id.
import type { DraftAttachmentView } from '../protocol';

export function attachmentItem(a: DraftAttachmentView, sending: boolean): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `draft-attachment ${a.state}`;
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = a.name;
  const status = document.createElement('span');
  status.className = 'muted';
  status.textContent =
    a.state === 'uploading'
      ? ` uploading ${Math.round(a.progress * 100)}%`
      : a.state === 'failed'
        ? ` not uploaded: ${a.error ?? 'failed'}`
        : ` ${size(a.size)}`;
  item.append(name, status);
  if (a.state === 'uploading') {
    const bar = document.createElement('progress');
    bar.max = 1;
    bar.value = a.progress;
    bar.setAttribute('aria-label', `Uploading ${a.name}`);
    item.append(' ', bar);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary small';
  remove.dataset.remove = a.id;
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove ${a.name}`);
  remove.disabled = sending;
  item.append(' ', remove);
  return item;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
