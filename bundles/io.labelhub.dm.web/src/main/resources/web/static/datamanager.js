import { call } from './api.js';
import { askText, confirmAction } from './dialog.js';
import { h, show } from './dom.js';
import { openExportDialog } from './exportdialog.js';
import { filterBar, fromFilters, toFilters } from './filters.js';
import { openGroundTruthManager } from './gtmanager.js';
import { openImportDialog } from './importdialog.js';
import { openStatistics } from './statistics.js';
import { showTask } from './taskpanel.js';

// The Data Manager of a project: saved views as tabs, the Full view (a table with every task's statistics) or the
// Quick view (a list beside the selected task in the editor), filters with the Found panel, selection and bulk
// actions, import, export and the Ground Truth Manager. Everything a view is (tab, filters, ordering, columns, mode,
// page, the open task) is in the address, so a reload or a shared link shows the same.
const PAGE_SIZE = 25;
const TEXT_LIMIT = 80;
const IMAGE = /^(https?:\/\/|\/)[^\s]+\.(png|jpe?g|gif|webp|svg|bmp)(\?[^\s]*)?$/i;

function day(value) {
  if (!value) {
    return '';
  }
  const t = new Date(value);
  const two = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}:${two(t.getMinutes())}`;
}

const COLUMNS = [
  { key: 'completions', title: 'Completions', number: true },
  { key: 'skipped', title: 'Skipped', number: true },
  { key: 'predictions', title: 'Predictions', number: true },
  { key: 'prediction_score', title: 'Score', number: true, render: (t) => t.prediction_score?.toFixed(2) ?? '' },
  { key: 'annotators', title: 'Annotators', list: true, render: (t, names) => (t.annotators ?? []).map(names).join(', ') },
  { key: 'reviews_up', title: 'Reviews', render: (t) => `▲ ${t.reviews_up}  ▼ ${t.reviews_down}` },
  { key: 'ground_truth', title: 'GT', render: (t) => (t.ground_truth ? '★' : '') },
  { key: 'created_at', title: 'Created', render: (t) => day(t.created_at) },
  { key: 'updated_at', title: 'Updated', render: (t) => day(t.updated_at) },
  { key: 'completed_at', title: 'Completed', render: (t) => day(t.completed_at) },
  { key: 'lead_time', title: 'Lead time', number: true, render: (t) => (t.lead_time == null ? '' : `${t.lead_time.toFixed(1)} s`) },
];

// the selection of the table on the screen: ids, or every task the filter matches but those excluded
let selection = { key: null, all: false, ids: new Set() };

function cut(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text;
}

function dataCell(value) {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' && IMAGE.test(value)) {
    return h('img', { class: 'thumb', src: value, alt: cut(value), loading: 'lazy', referrerpolicy: 'no-referrer' });
  }
  return cut(value);
}

function state() {
  const query = new URLSearchParams(window.location.search);
  let filters = null;
  try {
    filters = query.get('filters') ? JSON.parse(query.get('filters')) : null;
  } catch (notJson) {
    filters = null;
  }
  return {
    page: Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1),
    ordering: query.get('ordering') ?? '',
    filters,
    view: query.get('view') ?? '',
    mode: query.get('mode') === 'quick' || query.get('task') ? 'quick' : 'full',
    task: query.get('task') ?? '',
    hidden: new Set((query.get('hidden') ?? '').split(',').filter(Boolean)),
  };
}

function address(projectId, s) {
  const query = new URLSearchParams();
  if (s.view) query.set('view', s.view);
  if (s.mode === 'quick') query.set('mode', 'quick');
  if (s.filters) query.set('filters', JSON.stringify(s.filters));
  if (s.ordering) query.set('ordering', s.ordering);
  if (s.hidden?.size) query.set('hidden', [...s.hidden].join(','));
  if (s.page > 1) query.set('page', String(s.page));
  if (s.task) query.set('task', String(s.task));
  const search = query.toString();
  return `/projects/${projectId}/data${search ? `?${search}` : ''}`;
}

/** A tool button: an icon (or word) with its name as tooltip and accessible name. */
function tool(icon, name, onClick, attributes = {}) {
  return h('button', { type: 'button', class: 'tool', title: name, 'aria-label': name, onClick, ...attributes }, icon,
    h('span', { class: 'tool-name' }, name));
}

export async function dataManagerPage(root, projectId, rerender, user) {
  const s = state();
  const go = (changes) => {
    window.history.pushState(null, '', address(projectId, { ...s, ...changes }));
    rerender();
  };
  const mayManage = user.role === 'admin' || user.role === 'manager';
  show(root, h('p', { class: 'muted' }, 'Loading tasks…'));
  const project = await call('GET', `projects/${projectId}`);
  const notYours = () => show(root, h('h1', {}, project.title), h('p', { class: 'card', 'data-testid': 'dm-forbidden' },
    'The Data Manager is for the project\'s managers and reviewers. ',
    h('a', { href: `/projects/${projectId}/label` }, 'Open the Label Stream')));
  if (user.role === 'annotator') {
    // (the server refuses an annotator the table, the totals and the views anyway)
    notYours();
    return null;
  }
  const filterKey = JSON.stringify([projectId, s.filters]);
  if (selection.key !== filterKey) {
    selection = { key: filterKey, all: false, ids: new Set() };
  }

  const query = new URLSearchParams({ page: String(s.page), page_size: String(PAGE_SIZE) });
  if (s.ordering) query.set('ordering', s.ordering);
  if (s.filters) query.set('filters', JSON.stringify(s.filters));
  const found = new URLSearchParams();
  if (s.filters) found.set('filters', JSON.stringify(s.filters));
  let table;
  let totals;
  let views;
  let members;
  try {
    [table, totals, views, members] = await Promise.all([
      call('GET', `projects/${projectId}/tasks?${query}`),
      call('GET', `projects/${projectId}/tasks/found?${found}`),
      call('GET', `projects/${projectId}/views`),
      mayManage ? call('GET', `projects/${projectId}/members?page_size=1000`).catch(() => ({ members: [] }))
        : { members: [] }]);
  } catch (e) {
    if (e.status === 403) {
      notYours();
      return null;
    }
    if (e.status === 400) {
      // the server names the item that is wrong: shown beside the filters, which stay as the user wrote them
      show(root, h('p', {}, h('a', { href: '/' }, 'Projects'), ' / '), h('h1', {}, project.title),
        filterBar(fromFilters(s.filters), [], e.message, (bar) => go({ filters: toFilters(bar), page: 1 })));
      return null;
    }
    throw e;
  }
  const emails = new Map(members.members.map((m) => [m.user.id, m.user.email]));
  const names = (id) => emails.get(id) ?? (id === user.id ? user.email : `user ${id}`);
  const dataKeys = [...new Set(table.tasks.flatMap((t) => Object.keys(t.data ?? {})))].slice(0, 4);
  const pages = Math.max(1, Math.ceil(table.total / PAGE_SIZE));
  const refresh = () => rerender();

  // --- tabs: the project's saved views
  const current = views.find((v) => String(v.id) === s.view);
  const viewState = (v) => ({ view: String(v.id), filters: v.filters ?? null, ordering: (v.ordering ?? []).join(','),
    hidden: new Set(), mode: v.mode, page: 1, task: '' });
  const saveView = async () => {
    const title = await askText(current ? 'Save the view' : 'Save as a new view', 'Name of the view',
      current ? current.title : 'My view');
    if (!title) return;
    const body = { title, filters: s.filters, ordering: s.ordering ? s.ordering.split(',') : [],
      columns: COLUMNS.map((c) => c.key).filter((k) => !s.hidden.has(k)), mode: s.mode };
    const saved = current && title === current.title ? await call('PUT', `projects/${projectId}/views/${current.id}`, body)
      : await call('POST', `projects/${projectId}/views`, body);
    go({ view: String(saved.id) });
  };
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Views', 'data-testid': 'dm-tabs' },
    h('a', { href: address(projectId, { page: 1 }), class: !current ? 'tab active' : 'tab',
      'aria-current': !current ? 'page' : null }, 'All tasks'),
    views.map((v) => h('span', { class: String(v.id) === s.view ? 'tab active' : 'tab' },
      h('a', { href: address(projectId, viewState(v)), 'aria-current': String(v.id) === s.view ? 'page' : null,
        'data-testid': 'dm-tab' }, v.title),
      mayManage ? h('button', { type: 'button', class: 'link', title: `Delete the view ${v.title}`,
        onClick: async () => {
          if (await confirmAction(`Delete the view "${v.title}"?`, 'Delete view')) {
            await call('DELETE', `projects/${projectId}/views/${v.id}`);
            go({ view: '' });
          }
        } }, '✕') : null)),
    mayManage ? h('button', { type: 'button', class: 'link', title: 'Save these filters, ordering, columns and '
      + 'mode as a view', onClick: saveView }, current ? 'Save view' : '+ Save as view') : null);

  // --- toolbar
  const columnChooser = h('details', { class: 'columns' }, h('summary', { title: 'Columns', 'aria-label': 'Columns' },
    '☰ Columns'),
  h('div', { class: 'menu' }, COLUMNS.map((c) => h('label', {},
    h('input', { type: 'checkbox', checked: !s.hidden.has(c.key), onChange: (e) => {
      const hidden = new Set(s.hidden);
      if (e.target.checked) hidden.delete(c.key); else hidden.add(c.key);
      go({ hidden });
    } }), ` ${c.title}`))));
  const exportScope = () => {
    const count = selectionCount();
    return { filters: s.filters, selection: count ? { count, json: selectionJson() } : null };
  };
  const toolbar = h('div', { class: 'toolbar tools', role: 'toolbar', 'aria-label': 'Data Manager' },
    h('div', { class: 'segmented', role: 'group', 'aria-label': 'View mode' },
      tool('▦', 'Full view', () => go({ mode: 'full', task: '' }), { 'aria-pressed': String(s.mode === 'full') }),
      tool('☷', 'Quick view', () => go({ mode: 'quick' }), { 'aria-pressed': String(s.mode === 'quick') })),
    mayManage ? tool('⇪', 'Import', () => openImportDialog(projectId, refresh)) : null,
    mayManage ? tool('⇩', 'Export', () => openExportDialog(projectId, exportScope())) : null,
    mayManage ? tool('★', 'Ground Truth Manager', () => openGroundTruthManager(projectId, names, refresh),
      { class: 'tool gt' }) : null,
    mayManage ? tool('◔', 'Statistics', () => openStatistics(projectId, names)) : null,
    mayManage ? h('a', { class: 'button tool secondary', href: `/projects/${projectId}/settings`, title: 'Settings' },
      '⚙ Settings') : null,
    columnChooser);

  const filters = h('div', { class: 'toolbar' },
    filterBar(fromFilters(s.filters), dataKeys, null, (bar) => go({ filters: toFilters(bar), page: 1, view: s.view }),
      members.members.map((m) => ({ id: m.user.id, email: m.user.email }))),
    h('p', { class: 'found card', 'data-testid': 'dm-found', title: 'Totals of every task the filters match' },
      h('strong', {}, `Found ${totals.tasks.toLocaleString()}`),
      ` tasks · ${totals.completions} completions, ${totals.skipped} skipped, ${totals.predictions} predictions, `
      + `▲ ${totals.reviews_up} ▼ ${totals.reviews_down}, ${totals.ground_truth} GT`));

  const counters = table.page;
  const counterLine = h('p', { class: 'counters', 'data-testid': 'dm-counters' },
    `${table.total.toLocaleString()} tasks · this page: ${counters.tasks} tasks, ${counters.completions} completions, `
    + `${counters.skipped} skipped, ${counters.predictions} predictions, ▲ ${counters.reviews_up} ▼ `
    + `${counters.reviews_down}, ${counters.ground_truth} GT`);

  // --- selection and bulk actions
  function selectionCount() {
    return selection.all ? totals.tasks - selection.ids.size : selection.ids.size;
  }
  function selectionJson() {
    return selection.all ? { all: true, filters: s.filters, excluded: [...selection.ids] }
      : { all: false, ids: [...selection.ids] };
  }
  const isSelected = (id) => (selection.all ? !selection.ids.has(id) : selection.ids.has(id));
  const bulk = h('div', { class: 'bulk', 'data-testid': 'dm-bulk' });
  const actions = mayManage ? await call('GET', `projects/${projectId}/actions`).catch(() => []) : [];
  const renderBulk = () => {
    const count = selectionCount();
    const pageAll = table.tasks.length > 0 && table.tasks.every((t) => isSelected(t.id));
    const action = h('select', { name: 'action', 'aria-label': 'Action' },
      actions.map((a) => h('option', { value: a.name }, a.title)));
    show(bulk, count === 0 ? h('span', { class: 'muted' }, 'Select tasks for bulk actions')
      : [h('strong', { 'data-testid': 'dm-selected' }, `${count.toLocaleString()} selected`),
        !selection.all && pageAll && totals.tasks > count ? h('button', { type: 'button', class: 'link',
          onClick: () => { selection = { key: filterKey, all: true, ids: new Set() }; renderBulk(); syncBoxes(); },
        }, `Select all ${totals.tasks.toLocaleString()} matching`) : null,
        actions.length ? [action, h('button', { type: 'button', class: 'danger', onClick: async () => {
          const chosen = actions.find((a) => a.name === action.value);
          if (await confirmAction(`${chosen.title}: ${count.toLocaleString()} selected tasks. This cannot be undone.`,
            chosen.title)) {
            try {
              await call('POST', `projects/${projectId}/actions/${chosen.name}`, selectionJson());
              selection = { key: filterKey, all: false, ids: new Set() };
              rerender();
            } catch (e) {
              show(bulk, h('span', { class: 'error', role: 'alert' }, e.message));
            }
          }
        } }, 'Apply')] : null,
        mayManage ? h('button', { type: 'button', class: 'secondary',
          onClick: () => openExportDialog(projectId, exportScope()) }, 'Export selection') : null,
        h('button', { type: 'button', class: 'link', onClick: () => {
          selection = { key: filterKey, all: false, ids: new Set() }; renderBulk(); syncBoxes();
        } }, 'Clear')]);
  };
  const boxes = [];
  function syncBoxes() {
    boxes.forEach(([box, id]) => { box.checked = id === null ? table.tasks.every((t) => isSelected(t.id)) : isSelected(id); });
  }
  const toggle = (id, on) => {
    if (on !== selection.all) selection.ids.add(id); else selection.ids.delete(id);
  };
  const checkbox = (id) => {
    const box = h('input', { type: 'checkbox', 'aria-label': id === null ? 'Select the page' : `Select task ${id}`,
      onClick: (e) => e.stopPropagation(),
      onChange: (e) => {
        if (id === null) table.tasks.forEach((t) => toggle(t.id, e.target.checked));
        else toggle(id, e.target.checked);
        syncBoxes();
        renderBulk();
      } });
    boxes.push([box, id]);
    return box;
  };

  const open = (taskId) => go({ mode: 'quick', task: String(taskId) });
  const deleteTask = async (task) => {
    if (await confirmAction(`Delete task ${task.id} with its completions and predictions?`, 'Delete task')) {
      await call('DELETE', `tasks/${task.id}`);
      rerender();
    }
  };
  const columns = COLUMNS.filter((c) => !s.hidden.has(c.key));
  const header = (column) => {
    const sorted = s.ordering === column.key ? 'ascending' : s.ordering === `-${column.key}` ? 'descending' : 'none';
    return h('th', { class: column.number ? 'number' : null, 'aria-sort': sorted },
      column.list ? column.title : h('button', {
        type: 'button', class: 'link', title: `Sort by ${column.title}`,
        onClick: () => go({ ordering: s.ordering === column.key ? `-${column.key}` : column.key, page: 1 }),
      }, column.title, sorted === 'ascending' ? ' ↑' : sorted === 'descending' ? ' ↓' : ''));
  };
  const idSorted = s.ordering === 'id' ? 'ascending' : s.ordering === '-id' ? 'descending' : 'none';

  const fullView = () => (table.tasks.length === 0 ? h('p', { class: 'card' }, 'No tasks match.')
    : h('div', { class: 'scroll' }, h('table', { class: 'table', 'data-testid': 'dm-table' },
      h('thead', {}, h('tr', {}, h('th', {}, checkbox(null)),
        h('th', { class: 'number', 'aria-sort': idSorted }, h('button', { type: 'button', class: 'link',
          title: 'Sort by ID', onClick: () => go({ ordering: s.ordering === 'id' ? '-id' : 'id', page: 1 }) },
        'ID', idSorted === 'ascending' ? ' ↑' : idSorted === 'descending' ? ' ↓' : '')),
        columns.map(header), dataKeys.map((k) => h('th', {}, k)), h('th', {}, h('span', { class: 'sr' }, 'Actions')))),
      h('tbody', {}, table.tasks.map((task) => h('tr', {
        'data-testid': 'dm-row', 'data-task': task.id, class: 'clickable',
        onClick: (e) => { if (!e.target.closest('a, button, input')) open(task.id); },
      },
      h('td', {}, checkbox(task.id)),
      h('td', { class: 'number' }, h('a', { href: address(projectId, { ...s, mode: 'quick', task: task.id }),
        title: `Open task ${task.id}`, onClick: (e) => {
          if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); open(task.id); }
        } }, String(task.id))),
      columns.map((column) => {
        const text = String(column.render ? column.render(task, names) : task[column.key] ?? '');
        return h('td', { class: column.number ? 'number' : column.list ? 'list' : null, title: column.list ? text : null },
          text);
      }),
      dataKeys.map((k) => h('td', {}, dataCell(task.data?.[k]))),
      h('td', { class: 'row-actions' },
        h('button', { type: 'button', class: 'link', title: `Open task ${task.id} in the editor`,
          'aria-label': `Open task ${task.id} in the editor`, 'data-testid': 'dm-edit', onClick: () => open(task.id) }, '✎'),
        mayManage ? h('button', { type: 'button', class: 'link danger-text', title: `Delete task ${task.id}`,
          'aria-label': `Delete task ${task.id}`, 'data-testid': 'dm-delete', onClick: () => deleteTask(task) }, '✕')
          : null)))))));

  let closeTask = null;
  const panel = h('section', { class: 'task-panel', 'data-testid': 'dm-task', 'aria-label': 'Task' },
    h('p', { class: 'muted' }, 'Pick a task on the left (↑/↓ or j/k move).'));
  const quickView = () => {
    const items = table.tasks.map((task) => h('li', {},
      h('a', {
        href: address(projectId, { ...s, mode: 'quick', task: task.id }),
        'data-testid': 'dm-row', 'data-task': task.id,
        'aria-current': String(task.id) === s.task ? 'true' : null,
        class: String(task.id) === s.task ? 'active' : null,
        onClick: (e) => {
          // ctrl+click (cmd+click) opens the task in a new tab, as any link does
          if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); select(task.id); }
        },
      }, h('strong', {}, `#${task.id}`), ' ', cut(Object.values(task.data ?? {})[0] ?? ''),
      h('span', { class: 'muted' }, ` · ${task.completions} ✓${task.ground_truth ? ' ★' : ''}`))));
    return h('div', { class: 'quick' },
      h('ul', { class: 'task-list', 'data-testid': 'dm-list', 'aria-label': 'Tasks' }, items),
      panel);
  };
  const select = async (taskId) => {
    s.task = String(taskId);
    window.history.replaceState(null, '', address(projectId, s));
    root.querySelectorAll('.task-list a').forEach((a) => {
      const on = a.dataset.task === s.task;
      a.classList.toggle('active', on);
      if (on) { a.setAttribute('aria-current', 'true'); a.focus(); } else a.removeAttribute('aria-current');
    });
    closeTask?.();
    closeTask = await showTask(panel, { project, taskId, user, names, mayManage, onChanged: () => {} });
  };
  // ↑/↓ and j/k walk the list; keys typed into a field or the editor stay there
  const keys = (e) => {
    if (s.mode !== 'quick' || e.ctrlKey || e.metaKey || e.altKey
        || e.target.closest?.('input, textarea, select, .editor, dialog')) {
      return;
    }
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[e.key];
    if (!step || table.tasks.length === 0) return;
    e.preventDefault();
    const at = table.tasks.findIndex((t) => String(t.id) === s.task);
    const next = table.tasks[Math.min(table.tasks.length - 1, Math.max(0, at + step))];
    if (next && String(next.id) !== s.task) select(next.id);
  };
  document.addEventListener('keydown', keys);

  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: s.page <= 1, onClick: () => go({ page: s.page - 1, task: '' }) }, 'Previous'),
    h('span', { 'data-testid': 'dm-page' }, `Page ${s.page} of ${pages}`),
    h('button', { type: 'button', disabled: s.page >= pages, onClick: () => go({ page: s.page + 1, task: '' }) }, 'Next'));

  show(root,
    h('p', {}, h('a', { href: '/' }, 'Projects'), ' / '),
    h('div', { class: 'title-row' }, h('h1', {}, project.title),
      h('div', { class: 'row' },
        h('a', { class: 'button', href: `/projects/${projectId}/label`, title: 'Label Stream' }, '▶ Label Stream'),
        h('a', { class: 'button secondary', href: `/projects/${projectId}/verify`, title: 'Verify Stream' },
          '✔ Verify Stream'))),
    tabs, toolbar, filters, counterLine, mayManage ? bulk : null,
    s.mode === 'quick' ? quickView() : fullView(),
    pager);
  renderBulk();
  syncBoxes();
  if (s.mode === 'quick' && s.task) {
    closeTask = await showTask(panel, { project, taskId: s.task, user, names, mayManage, onChanged: () => {} });
  }
  return () => {
    document.removeEventListener('keydown', keys);
    closeTask?.();
  };
}
