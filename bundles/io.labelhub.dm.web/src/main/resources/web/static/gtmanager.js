import { call } from './api.js';
import { confirmAction, openDialog } from './dialog.js';
import { h, show } from './dom.js';

// The Ground Truth Manager: step 1 which completions (annotators, a label, the review result, lead time), step 2 the
// share of them to mark, with the count it will mark shown before the manager confirms; and resetting every mark.
export async function openGroundTruthManager(projectId, names, onChanged) {
  const { annotators } = await call('GET', `projects/${projectId}/annotators`);
  const who = h('select', { name: 'annotators', multiple: true, size: Math.min(5, Math.max(2, annotators.length)),
    'aria-label': 'Completed by' }, annotators.map((a) => h('option', { value: a.user }, names(a.user))));
  const label = h('input', { name: 'label', placeholder: 'e.g. Cat', 'aria-label': 'Holding the label' });
  const review = h('select', { name: 'review', 'aria-label': 'Review result' },
    h('option', { value: '' }, 'any'), h('option', { value: 'accepted' }, 'accepted'),
    h('option', { value: 'rejected' }, 'rejected'), h('option', { value: 'none' }, 'not reviewed'));
  const leadTime = h('input', { name: 'lead_time', type: 'number', min: 0, step: 'any', 'aria-label': 'Lead time under' });
  const percent = h('input', { name: 'percent', type: 'number', min: 0, max: 100, step: 'any', value: 10,
    'aria-label': 'Percent', required: true });
  const seed = h('input', { name: 'seed', type: 'number', step: 1, placeholder: 'drawn for you',
    'aria-label': 'Seed' });
  const outcome = h('div', { role: 'status', 'data-testid': 'gt-result' });
  const confirm = h('button', { type: 'button', class: 'star', disabled: true, 'data-testid': 'gt-mark' }, 'Mark');

  const request = () => {
    const items = [];
    const users = [...who.selectedOptions].map((o) => Number(o.value));
    if (users.length) {
      items.push({ filter: 'completed_by', operator: 'in', value: users });
    }
    if (label.value.trim()) {
      items.push({ filter: 'label', operator: 'contains', value: label.value.trim() });
    }
    if (review.value) {
      items.push({ filter: 'review', operator: 'equal', value: review.value });
    }
    if (leadTime.value !== '') {
      items.push({ filter: 'lead_time', operator: 'less', value: Number(leadTime.value) });
    }
    const body = { filters: { conjunction: 'and', items }, percent: Number(percent.value) };
    // a seed the page can hold exactly (JavaScript numbers are exact up to 2^53), so that the sample confirmed draws
    // what the preview drew
    if (seed.value === '') {
      seed.value = String(Math.floor(Math.random() * Number.MAX_SAFE_INTEGER));
    }
    body.seed = Number(seed.value);
    return body;
  };
  let planned = null;
  const preview = async () => {
    confirm.disabled = true;
    try {
      planned = request();
      const dry = await call('POST', `projects/${projectId}/ground-truth/sample`, { ...planned, dry_run: true });
      show(outcome, h('p', { 'data-testid': 'gt-preview' }, `${dry.matched} completions match; `
        + `${planned.percent}% of them is ${dry.target}. This will mark ${dry.marked} as ground truth `
        + `(one per task, only tasks without one), seed ${dry.seed}.`));
      confirm.textContent = `Mark ${dry.marked}`;
      confirm.disabled = dry.marked === 0;
    } catch (e) {
      show(outcome, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  };
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const done = await call('POST', `projects/${projectId}/ground-truth/sample`, planned);
      show(outcome, h('p', { class: 'ok', 'data-testid': 'gt-marked' }, `Marked ${done.marked} completions as ground `
        + `truth (seed ${done.seed}).`));
      onChanged();
    } catch (e) {
      show(outcome, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  });
  const reset = async () => {
    if (await confirmAction('Unmark every ground truth of this project?', 'Reset all ground truth')) {
      try {
        const done = await call('POST', `projects/${projectId}/ground-truth/reset`);
        show(outcome, h('p', { class: 'ok' }, `Unmarked ${done.reset} ground truth completions.`));
        onChanged();
      } catch (e) {
        show(outcome, h('p', { class: 'error', role: 'alert' }, e.message));
      }
    }
  };
  const form = h('form', { class: 'gt', onSubmit: (e) => { e.preventDefault(); preview(); },
    onInput: () => { confirm.disabled = true; } },
  h('fieldset', {}, h('legend', {}, '1. Which completions'),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, 'Completed by (none: anybody)', who),
      h('div', { class: 'field' },
        h('label', { class: 'field' }, 'Holding the label', label),
        h('label', { class: 'field' }, 'Review result', review),
        h('label', { class: 'field' }, 'Lead time under (seconds)', leadTime)))),
  h('fieldset', {}, h('legend', {}, '2. How many'),
    h('div', { class: 'row' }, h('label', { class: 'field' }, 'Percent of them', percent),
      h('label', { class: 'field' }, 'Seed (the same seed draws the same)', seed))),
  h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Preview'), confirm,
    h('button', { type: 'button', class: 'danger', onClick: reset, title: 'Unmark every ground truth' },
      'Reset all ground truth')),
  outcome);
  openDialog('★ Ground Truth Manager', form, { testid: 'gt-dialog' });
}
