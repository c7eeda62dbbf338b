import { call, upload } from './api.js';
import { openDialog } from './dialog.js';
import { h, show } from './dom.js';

// "Add more data": files dropped or picked (every format installed), sent in one all-or-nothing import with a
// progress bar, then what each file brought, or the server's list of problems (file, line, reason).
export async function openImportDialog(projectId, onImported) {
  const [formats, samples] = await Promise.all([call('GET', 'import-formats'),
    call('GET', `projects/${projectId}/sample-files`)]);
  const extensions = [...new Set((formats.formats ?? []).flatMap((f) => f.extensions ?? []))];
  let files = [];
  const chosen = h('ul', { class: 'files', 'data-testid': 'import-files' });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Upload' });
  const outcome = h('div', { 'data-testid': 'import-result', role: 'status' });
  const input = h('input', {
    type: 'file', multiple: true, name: 'file', accept: extensions.map((e) => `.${e}`).join(','),
    'aria-label': 'Files to import', onChange: () => add([...input.files]),
  });
  const send = h('button', { type: 'button', disabled: true, onClick: () => start() }, 'Import');
  const authors = h('select', { name: 'unknown_authors', 'aria-label': 'Authors who are no users here' },
    h('option', { value: 'refuse' }, 'refuse the import (nobody is credited silently)'),
    h('option', { value: 'importer' }, 'credit me with their completions'),
    h('option', { value: 'create' }, 'create them as inactive users'));
  const lenient = h('input', { type: 'checkbox', name: 'lenient' });
  const options = h('details', { class: 'options' }, h('summary', {}, 'Options for Label Studio exports'),
    h('label', { class: 'field' }, 'Authors the files name who are no users here', authors),
    h('label', {}, lenient, ' Keep results that do not fit the labeling config (lenient; they are listed)'));
  const add = (more) => {
    files = [...files, ...more];
    show(chosen, files.map((f) => h('li', {}, `${f.name} · ${(f.size / 1024).toFixed(1)} KB`)));
    send.disabled = files.length === 0;
  };
  const drop = h('div', {
    class: 'drop', tabindex: 0, role: 'button', 'data-testid': 'import-drop',
    title: 'Drop files here or press Enter to pick them',
    onDragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
    onDragleave: () => drop.classList.remove('over'),
    onDrop: (e) => { e.preventDefault(); drop.classList.remove('over'); add([...e.dataTransfer.files]); },
    onClick: () => input.click(),
    onKeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } },
  }, h('strong', {}, 'Drop files here'), ' or click to pick them',
  h('p', { class: 'muted' }, `${extensions.map((e) => e.toUpperCase()).join(', ')} — one import, all or nothing`));

  const start = async () => {
    const form = new FormData();
    files.forEach((f) => form.append('file', f, f.name));
    send.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    show(outcome, h('p', { class: 'muted' }, 'Uploading…'));
    try {
      const query = new URLSearchParams({ unknown_authors: authors.value });
      if (lenient.checked) {
        query.set('strict', 'false');
      }
      const answer = await upload(`projects/${projectId}/import?${query}`, form, (share) => { progress.value = share; });
      progress.value = 1;
      show(outcome, h('p', { class: 'ok' }, `Imported ${answer.task_count} tasks, ${answer.completion_count} `
        + `completions, ${answer.prediction_count} predictions in ${answer.duration.toFixed(1)} s`),
      h('ul', { class: 'files' }, (answer.files ?? []).map((f) => h('li', {}, `${f.name} (${f.format}): ${f.task_count} tasks`))),
      answer.flagged?.length ? [h('p', {}, 'Kept although they do not fit the labeling config:'),
        h('ul', { class: 'problems', 'data-testid': 'import-flagged' }, answer.flagged.map((f) => h('li', {}, f)))]
        : null);
      files = [];
      show(chosen);
      onImported();
    } catch (e) {
      const detail = e.detail ?? e.error;
      const problems = Array.isArray(detail) ? detail : Array.isArray(detail?.problems) ? detail.problems
        : Array.isArray(detail?.unknown_authors) ? [...detail.unknown_authors, detail.hint] : [detail];
      show(outcome, h('p', { class: 'error', role: 'alert' }, `Nothing was imported: ${e.error}`),
        h('ul', { class: 'problems', 'data-testid': 'import-problems' },
          problems.map((p) => h('li', {}, typeof p === 'string' ? p : JSON.stringify(p)))));
      send.disabled = files.length === 0;
    }
  };
  const addSample = async () => {
    try {
      await call('POST', `projects/${projectId}/sample-task`);
      show(outcome, h('p', { class: 'ok' }, 'Added a sample task made from the labeling config.'));
      onImported();
    } catch (e) {
      show(outcome, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  };
  openDialog('Add more data', h('div', { class: 'import' },
    drop, input, chosen, options, h('div', { class: 'row' }, send, progress), outcome,
    h('section', { class: 'samples' },
      h('h3', {}, 'Sample files'),
      h('p', {}, 'A file of each format made for this project\'s labeling config: ',
        // the server answers each sample file's address
        (samples.formats ?? []).map((address) => {
          const path = new URL(address, window.location.href).pathname;
          const format = path.split('/').pop().toUpperCase();
          return [h('a', { href: path, download: '', title: `Download a sample ${format} file` }, format), ' '];
        }),
        h('button', { type: 'button', class: 'link', onClick: addSample, title: 'Add one sample task' }, 'Add sample task')),
      h('p', { class: 'muted' }, 'Tasks may point at images, audio or text on another host: that host must allow '
        + 'this server\'s origin (CORS) for the editor to load them.'))), { testid: 'import-dialog' });
}
