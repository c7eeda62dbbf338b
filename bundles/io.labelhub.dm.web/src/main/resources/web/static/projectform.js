import { h, show } from './dom.js';
import { openEditor } from './editor.js';

// The form of a project's settings (new or existing): title, description, labeling config from a template with a
// live preview in the editor, sampling, overlap, lock TTL.
export const TEMPLATES = {
  'Text classification': '<View>\n  <Text name="text" value="$text"/>\n  <Choices name="sentiment" toName="text">\n'
    + '    <Choice value="Positive"/>\n    <Choice value="Negative"/>\n    <Choice value="Neutral"/>\n  </Choices>\n'
    + '</View>',
  'Named entities': '<View>\n  <Labels name="label" toName="text">\n    <Label value="Person"/>\n'
    + '    <Label value="Organization"/>\n    <Label value="Location"/>\n  </Labels>\n'
    + '  <Text name="text" value="$text"/>\n</View>',
  'Image boxes': '<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="image">\n'
    + '    <Label value="Cat"/>\n    <Label value="Dog"/>\n  </RectangleLabels>\n</View>',
};

const SAMPLE_IMAGE = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="480" '
  + 'height="300"><rect width="480" height="300" fill="#d9e2ec"/><circle cx="160" cy="150" r="70" fill="#9fb3c8"/>'
  + '<rect x="270" y="90" width="140" height="120" fill="#829ab1"/></svg>');

/** Data for each $variable of the config, so the preview shows something to label. */
function sampleData(config) {
  const data = {};
  for (const [, tag, key] of config.matchAll(/<(\w+)[^>]*\bvalue="\$([\w.]+)"/g)) {
    data[key] = /^(Image|Video|Audio|AudioPlus)$/.test(tag) ? SAMPLE_IMAGE
      : 'Ada Lovelace met Charles Babbage in London in 1833; the cat on the mat did not.';
  }
  return data;
}

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

export function projectForm({ project, strategies, user, submitLabel, onSubmit }) {
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'project-form-error' });
  const title = h('input', { id: 'title', name: 'title', required: true, maxlength: 255, value: project?.title ?? '' });
  const description = h('textarea', { id: 'description', name: 'description', rows: 2 });
  description.value = project?.description ?? '';
  const config = h('textarea', { id: 'label_config', name: 'label_config', rows: 12, spellcheck: 'false' });
  config.value = project?.label_config ?? TEMPLATES['Text classification'];
  const preview = h('div', { class: 'editor preview', 'data-testid': 'config-preview' });
  let closePreview = null;
  let timer = null;
  const render = async () => {
    closePreview?.();
    try {
      closePreview = await openEditor(preview, { config: config.value, task: { id: 0, data: sampleData(config.value) },
        user, mode: 'preview' });
    } catch (e) {
      show(preview, h('p', { class: 'error' }, e.message));
    }
  };
  config.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(render, 500);
  });
  const template = h('select', {
    id: 'template', name: 'template',
    onChange: (e) => { if (e.target.value) { config.value = TEMPLATES[e.target.value]; render(); } },
  }, project ? h('option', { value: '' }, '(keep the config below)') : null,
  Object.keys(TEMPLATES).map((name) => h('option', { value: name }, name)));
  const sampling = h('select', { id: 'sampling', name: 'sampling' },
    strategies.map((s) => h('option', { value: s.name, title: s.description, selected: s.name === project?.sampling },
      s.name)));
  const overlap = h('input', { id: 'overlap', name: 'overlap', type: 'number', min: 1, value: project?.overlap ?? 1 });
  const lockTtl = h('input', { id: 'lock_ttl', name: 'lock_ttl', type: 'number', min: 10, max: 86400,
    value: project?.lock_ttl ?? 600 });
  const button = h('button', { type: 'submit' }, submitLabel);
  const form = h('form', {
    class: 'card form',
    onSubmit: async (event) => {
      event.preventDefault();
      button.disabled = true;
      show(message);
      try {
        await onSubmit({ title: title.value, description: description.value, label_config: config.value,
          sampling: sampling.value, overlap: Number(overlap.value), lock_ttl: Number(lockTtl.value) });
      } catch (e) {
        show(message, e.message);
      } finally {
        button.disabled = false;
      }
    },
  },
  field('title', 'Title', title),
  field('description', 'Description', description),
  field('template', 'Template', template),
  h('div', { class: 'config-row' }, field('label_config', 'Labeling config', config),
    h('div', { class: 'field' }, h('span', {}, 'Preview'), preview)),
  h('div', { class: 'row' },
    field('sampling', 'Sampling', sampling),
    field('overlap', 'Overlap (annotators per task)', overlap),
    field('lock_ttl', 'Lock TTL (seconds)', lockTtl)),
  message, button);
  return { form, title, start: render, stop: () => closePreview?.() };
}
