import { call } from './api.js';
import { h, show } from './dom.js';
import { projectForm } from './projectform.js';

// A new project from a template of the labeling config (edited freely, previewed live, before it is made).
export async function newProjectPage(root, user) {
  const strategies = (await call('GET', 'sampling-strategies')).strategies;
  const { form, title, start, stop } = projectForm({
    strategies, user, submitLabel: 'Create project',
    onSubmit: async (body) => {
      const project = await call('POST', 'projects', body);
      window.location.assign(`/projects/${project.id}/data`);
    },
  });
  show(root, h('p', {}, h('a', { href: '/' }, 'Projects'), ' / '), h('h1', {}, 'New project'), form);
  title.focus();
  await start();
  return stop;
}
