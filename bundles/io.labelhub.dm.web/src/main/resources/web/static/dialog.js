import { h } from './dom.js';

// Dialogs on the page: the browser's own modal <dialog> (focus kept inside, Escape closes it), built from data
// like everything else.

/** Opens a modal dialog with a title and a body; answers a function that closes it. */
export function openDialog(title, body, { testid, onClose } = {}) {
  const close = () => dialog.close();
  const dialog = h('dialog', { class: 'dialog', 'data-testid': testid, 'aria-label': title },
    h('header', {}, h('h2', {}, title),
      h('button', { type: 'button', class: 'link close', title: 'Close', 'aria-label': 'Close', onClick: close }, '✕')),
    body);
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return close;
}

/** Asks to confirm something that cannot be undone; answers true when confirmed. */
export function confirmAction(question, confirmLabel) {
  return new Promise((resolve) => {
    let confirmed = false;
    const close = openDialog('Please confirm', h('div', { class: 'confirm' },
      h('p', {}, question),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'danger', onClick: () => { confirmed = true; close(); } }, confirmLabel),
        h('button', { type: 'button', class: 'secondary', onClick: () => close() }, 'Cancel'))),
    { testid: 'confirm', onClose: () => resolve(confirmed) });
  });
}

/** Asks for a line of text (a name); answers it, or null when cancelled. */
export function askText(title, label, initial = '') {
  return new Promise((resolve) => {
    let answer = null;
    const input = h('input', { name: 'text', required: true, maxlength: 255, value: initial, 'aria-label': label });
    const close = openDialog(title, h('form', { class: 'ask', onSubmit: (e) => {
      e.preventDefault();
      answer = input.value.trim() || null;
      close();
    } },
    h('label', { class: 'field' }, label, input),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onClick: () => close() }, 'Cancel'))),
    { testid: 'ask', onClose: () => resolve(answer) });
    input.select();
  });
}
