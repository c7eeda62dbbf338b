import { call } from './api.js';
import { confirmAction } from './dialog.js';
import { h, show } from './dom.js';
import { projectForm } from './projectform.js';

// A project's settings: its form (title, description, labeling config with its live preview, sampling, overlap,
// lock TTL), its members and their roles in it, and deleting it.
const ROLES = ['manager', 'reviewer', 'annotator'];

export async function settingsPage(root, projectId, user) {
  const [project, strategies] = await Promise.all([call('GET', `projects/${projectId}`), call('GET', 'sampling-strategies')]);
  const saved = h('p', { class: 'ok', role: 'status', 'data-testid': 'settings-saved' });
  const { form, start, stop } = projectForm({
    project, strategies: strategies.strategies, user, submitLabel: 'Save',
    onSubmit: async (body) => {
      const changed = await call('PATCH', `projects/${projectId}`, body);
      saved.textContent = `Saved at ${new Date(changed.updated_at).toLocaleTimeString()}.`;
    },
  });
  const members = h('section', { class: 'card', 'aria-labelledby': 'members-title', 'data-testid': 'members' });
  const renderMembers = async () => {
    const [list, users] = await Promise.all([call('GET', `projects/${projectId}/members?page_size=1000`),
      call('GET', 'users?page_size=1000')]);
    const inProject = new Set(list.members.map((m) => m.user.id));
    const problem = h('p', { class: 'error', role: 'alert' });
    const attempt = async (work) => {
      try {
        await work();
        await renderMembers();
      } catch (e) {
        problem.textContent = e.message;
      }
    };
    const roleSelect = (selected, label, onChange) => h('select', { 'aria-label': label, onChange },
      ROLES.map((r) => h('option', { value: r, selected: r === selected }, r)));
    const newUser = h('select', { name: 'user', 'aria-label': 'User to add' },
      users.users.filter((u) => !inProject.has(u.id) && u.active).map((u) => h('option', { value: u.id }, u.email)));
    const newRole = roleSelect('annotator', 'Role of the new member', () => {});
    show(members, h('h2', { id: 'members-title' }, `Members (${list.total})`), problem,
      h('table', { class: 'table compact' },
        h('thead', {}, h('tr', {}, h('th', {}, 'User'), h('th', {}, 'Role here'), h('th', {}, 'Added'), h('th', {}))),
        h('tbody', {}, list.members.map((m) => h('tr', { 'data-testid': 'member-row' },
          h('td', {}, m.user.email),
          h('td', {}, roleSelect(m.role, `Role of ${m.user.email}`, (e) => attempt(() => call('POST',
            `projects/${projectId}/members`, { user: m.user.id, role: e.target.value })))),
          h('td', {}, new Date(m.added_at).toLocaleDateString()),
          h('td', {}, h('button', { type: 'button', class: 'link danger-text', title: `Remove ${m.user.email}`,
            onClick: () => attempt(() => call('DELETE', `projects/${projectId}/members/${m.user.id}`)) }, 'Remove')))))),
      newUser.options.length ? h('div', { class: 'row' }, newUser, newRole, h('button', { type: 'button',
        onClick: () => attempt(() => call('POST', `projects/${projectId}/members`,
          { user: Number(newUser.value), role: newRole.value })) }, 'Add member'))
        : h('p', { class: 'muted' }, 'Every active user is a member.'));
  };
  const remove = async () => {
    if (await confirmAction(`Delete the project "${project.title}" with all its tasks, completions and predictions?`,
      'Delete project')) {
      await call('DELETE', `projects/${projectId}`);
      window.location.assign('/');
    }
  };
  show(root,
    h('p', {}, h('a', { href: '/' }, 'Projects'), ' / ', h('a', { href: `/projects/${projectId}/data` }, project.title)),
    h('h1', {}, `${project.title} · Settings`),
    form, saved, members,
    h('section', { class: 'card danger-zone' }, h('h2', {}, 'Delete the project'),
      h('p', {}, 'Deletes every task, completion, prediction, review and view of the project.'),
      h('button', { type: 'button', class: 'danger', onClick: remove }, 'Delete project')));
  await Promise.all([start(), renderMembers()]);
  return stop;
}
