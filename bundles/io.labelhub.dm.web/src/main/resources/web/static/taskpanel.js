import { call } from './api.js';
import { h, show } from './dom.js';
import { openEditor } from './editor.js';

// One task as a manager or reviewer sees it: the editor with every annotator's completion and every prediction,
// the completions listed with their authors, reviews and ground truth star (managers mark and unmark it), and a new
// completion or a change to one stored through the API as the editor gives it.
// answers a function that takes the task (and its editor) away again
export async function showTask(element, options) {
  const shown = { close: () => {} };
  await render(element, options, shown);
  return () => shown.close();
}

async function render(element, options, shown) {
  const { project, taskId, user, names, mayManage, onChanged } = options;
  show(element, h('p', { class: 'muted' }, `Loading task ${taskId}…`));
  const task = await call('GET', `tasks/${taskId}`);
  const completions = task.completions ?? [];
  const problem = h('p', { class: 'error', role: 'alert' });
  const editorElement = h('div', { class: 'editor', 'data-testid': 'task-editor' });
  const changed = async () => {
    onChanged();
    shown.close();
    await render(element, options, shown);
  };
  const attempt = async (work) => {
    try {
      await work();
      await changed();
    } catch (e) {
      problem.textContent = e.message;
    }
  };
  const star = (c) => (mayManage && !c.was_cancelled ? h('button', {
    type: 'button', class: c.ground_truth ? 'star on' : 'star', 'aria-pressed': String(c.ground_truth),
    title: c.ground_truth ? 'Unmark ground truth' : 'Mark as ground truth',
    onClick: () => attempt(() => call(c.ground_truth ? 'DELETE' : 'POST', `completions/${c.id}/ground-truth`)),
  }, '★') : c.ground_truth ? h('span', { class: 'star on', title: 'Ground truth' }, '★') : null);
  const list = h('table', { class: 'table compact', 'data-testid': 'task-completions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Completion'), h('th', {}, 'By'), h('th', {}, 'Result'),
      h('th', {}, 'Reviews'), h('th', {}, 'GT'))),
    h('tbody', {}, completions.map((c) => h('tr', { 'data-testid': 'task-completion' },
      h('td', {}, `#${c.id}${c.was_cancelled ? ' (skipped)' : ''}`),
      h('td', {}, names(c.completed_by)),
      h('td', {}, (c.result ?? []).flatMap((r) => Object.values(r.value ?? {}).filter(Array.isArray).flat())
        .join(', ')),
      h('td', {}, `▲ ${(c.reviews ?? []).filter((r) => r.accepted).length} ▼ `
        + `${(c.reviews ?? []).filter((r) => !r.accepted).length}`),
      h('td', {}, star(c))))));
  show(element,
    h('div', { class: 'title-row' }, h('h2', {}, `Task ${task.id}`),
      h('span', { class: 'muted' }, `${completions.length} completions · ${(task.predictions ?? []).length} predictions`)),
    problem,
    completions.length ? list : h('p', { class: 'muted' }, 'No completions yet.'),
    editorElement);
  shown.close = await openEditor(editorElement, {
    config: project.label_config,
    task,
    completions,
    predictions: task.predictions ?? [],
    user,
    mode: 'edit',
    onSubmit: (result, leadTime) => attempt(() => call('POST', `tasks/${task.id}/completions`,
      { result, lead_time: leadTime })),
    onUpdate: (completionId, result) => attempt(() => call('PATCH', `completions/${completionId}`, { result })),
  });
}
