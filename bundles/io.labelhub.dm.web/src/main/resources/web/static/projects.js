import { call } from './api.js';
import { h, show } from './dom.js';

/** The caller's projects, each with its progress. */
export async function projectsPage(root, user) {
  const mayManage = user.role === 'admin' || user.role === 'manager';
  // the progress of each project comes after the list, from its statistics (a manager's)
  const progress = (p) => {
    const bar = h('progress', { max: Math.max(1, p.task_count), value: 0, 'aria-label': `Progress of ${p.title}` });
    const label = h('span', { class: 'muted', 'data-testid': 'project-progress' });
    if (mayManage && p.task_count > 0) {
      call('GET', `projects/${p.id}/stats`).then((stats) => {
        bar.value = stats.done;
        label.textContent = ` ${stats.done.toLocaleString()} of ${stats.tasks.toLocaleString()} done`;
      }).catch(() => { label.textContent = ''; });
    }
    return mayManage ? [bar, label] : '';
  };
  show(root, h('p', { class: 'muted' }, 'Loading projects…'));
  const page = await call('GET', 'projects?page_size=100');
  const rows = page.projects.map((p) => h('tr', { 'data-testid': 'project-row' },
    // an annotator's work in a project is its Label Stream; the others land on its Data Manager
    h('td', {}, h('a', { href: `/projects/${p.id}/${user.role === 'annotator' ? 'label' : 'data'}` }, p.title)),
    h('td', { class: 'number' }, p.task_count.toLocaleString()),
    h('td', { class: 'progress-cell' }, progress(p)),
    h('td', {}, p.description || ''),
    h('td', {}, new Date(p.created_at).toLocaleString())));
  show(root,
    h('div', { class: 'title-row' }, h('h1', {}, 'Projects'),
      mayManage ? h('a', { class: 'button', href: '/projects/new', title: 'Create a project' }, 'New project') : null),
    h('p', { class: 'muted', 'data-testid': 'project-total' }, `${page.total} project${page.total === 1 ? '' : 's'}`),
    rows.length === 0 ? h('p', { class: 'card' }, 'No projects yet. A manager creates them.')
      : h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', { class: 'number' }, 'Tasks'), h('th', {}, 'Progress'),
          h('th', {}, 'Description'), h('th', {}, 'Created'))),
        h('tbody', {}, rows)));
}
