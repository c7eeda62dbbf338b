import { call } from './api.js';
import { h, show } from './dom.js';

// A new project from a template of the labeling config (edited freely before it is made).
const TEMPLATES = {
  'Text classification': '<View>\n  <Text name="text" value="$text"/>\n  <Choices name="sentiment" toName="text">\n'
    + '    <Choice value="Positive"/>\n    <Choice value="Negative"/>\n    <Choice value="Neutral"/>\n  </Choices>\n'
    + '</View>',
  'Named entities': '<View>\n  <Labels name="label" toName="text">\n    <Label value="Person"/>\n'
    + '    <Label value="Organization"/>\n    <Label value="Location"/>\n  </Labels>\n'
    + '  <Text name="text" value="$text"/>\n</View>',
  'Image boxes': '<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="image">\n'
    + '    <Label value="Cat"/>\n    <Label value="Dog"/>\n  </RectangleLabels>\n</View>',
};

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

export async function newProjectPage(root) {
  const strategies = (await call('GET', 'sampling-strategies')).strategies;
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'new-project-error' });
  const title = h('input', { id: 'title', name: 'title', required: true, maxlength: 255 });
  const description = h('textarea', { id: 'description', name: 'description', rows: 2 });
  const config = h('textarea', { id: 'label_config', name: 'label_config', rows: 10, spellcheck: 'false' });
  const template = h('select', {
    id: 'template',
    name: 'template',
    onChange: (e) => { config.value = TEMPLATES[e.target.value]; },
  }, Object.keys(TEMPLATES).map((name) => h('option', { value: name }, name)));
  config.value = TEMPLATES['Text classification'];
  const sampling = h('select', { id: 'sampling', name: 'sampling' },
    strategies.map((s) => h('option', { value: s.name, title: s.description }, s.name)));
  const overlap = h('input', { id: 'overlap', name: 'overlap', type: 'number', min: 1, value: 1 });
  const lockTtl = h('input', { id: 'lock_ttl', name: 'lock_ttl', type: 'number', min: 10, max: 86400, value: 600 });
  const button = h('button', { type: 'submit' }, 'Create project');
  show(root,
    h('p', {}, h('a', { href: '/' }, 'Projects'), ' / '),
    h('form', {
      class: 'card form',
      'aria-labelledby': 'new-project-title',
      onSubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        show(message);
        try {
          const project = await call('POST', 'projects', {
            title: title.value,
            description: description.value,
            label_config: config.value,
            sampling: sampling.value,
            overlap: Number(overlap.value),
            lock_ttl: Number(lockTtl.value),
          });
          window.location.assign(`/projects/${project.id}/data`);
        } catch (e) {
          show(message, e.message);
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', { id: 'new-project-title' }, 'New project'),
    field('title', 'Title', title),
    field('description', 'Description', description),
    field('template', 'Template', template),
    field('label_config', 'Labeling config', config),
    h('div', { class: 'row' },
      field('sampling', 'Sampling', sampling),
      field('overlap', 'Overlap (annotators per task)', overlap),
      field('lock_ttl', 'Lock TTL (seconds)', lockTtl)),
    message, button));
  title.focus();
}
