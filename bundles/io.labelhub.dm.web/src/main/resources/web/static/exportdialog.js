import { call, download } from './api.js';
import { openDialog } from './dialog.js';
import { h, show } from './dom.js';

// Export: every installed format, which tasks (all, the current filter, the selection), with or without the full
// task descriptions, only ground truth; a download with progress.
export async function openExportDialog(projectId, { filters, selection }) {
  const { formats } = await call('GET', 'export-formats');
  const format = h('select', { name: 'format', 'aria-label': 'Format' },
    formats.map((f) => h('option', { value: f.name, title: f.description }, `${f.name} — ${f.description}`)));
  const scopes = [['project', 'The whole project'], ['filter', 'The tasks the current filter matches', !filters],
    ['selection', `The selected tasks${selection ? ` (${selection.count})` : ''}`, !selection]];
  const scope = h('fieldset', { class: 'choices' }, h('legend', {}, 'Tasks'),
    scopes.map(([value, label, disabled], i) => h('label', {},
      h('input', { type: 'radio', name: 'scope', value, checked: i === (selection ? 2 : filters ? 1 : 0), disabled }),
      ` ${label}`)));
  const box = (name, label, checked = false) => h('label', {},
    h('input', { type: 'checkbox', name, checked }), ` ${label}`);
  const progress = h('progress', { hidden: true, 'aria-label': 'Download' });
  const outcome = h('p', { role: 'status', 'data-testid': 'export-result' });
  const start = async () => {
    const form = dialogForm;
    const query = new URLSearchParams({ exportType: format.value });
    const picked = form.querySelector('input[name=scope]:checked').value;
    if (picked === 'filter') {
      query.set('filters', JSON.stringify(filters));
    } else if (picked === 'selection') {
      query.set('selection', JSON.stringify(selection.json));
    }
    for (const name of ['download_all_tasks', 'include_full_task', 'only_ground_truth']) {
      if (form.elements[name].checked) {
        query.set(name, 'true');
      }
    }
    if (form.elements.shape_2020.checked) {
      query.set('shape', '2020');
    }
    progress.hidden = false;
    progress.removeAttribute('value');
    outcome.textContent = 'Preparing the file…';
    try {
      const file = await download(`projects/${projectId}/export?${query}`, (bytes) => {
        outcome.textContent = `Received ${(bytes / 1024).toFixed(0)} KB…`;
      });
      progress.max = 1;
      progress.value = 1;
      const link = h('a', { href: URL.createObjectURL(file.blob), download: file.name });
      document.body.append(link);
      link.click();
      link.remove();
      outcome.textContent = `Downloaded ${file.name} (${(file.blob.size / 1024).toFixed(1)} KB)`;
    } catch (e) {
      progress.hidden = true;
      outcome.textContent = '';
      show(outcome, h('span', { class: 'error', role: 'alert' }, e.message));
    }
  };
  const dialogForm = h('form', { class: 'export', onSubmit: (e) => { e.preventDefault(); start(); } },
    h('label', { class: 'field' }, 'Format', format), scope,
    h('fieldset', { class: 'choices' }, h('legend', {}, 'Options'),
      box('download_all_tasks', 'Also tasks without completions', true),
      box('include_full_task', 'Include the full task descriptions'),
      box('only_ground_truth', 'Only ground truth completions'),
      box('shape_2020', 'JSON in the 2020 shape ("completions") for older tools')),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Export'), progress), outcome);
  openDialog('Export', dialogForm, { testid: 'export-dialog' });
}
