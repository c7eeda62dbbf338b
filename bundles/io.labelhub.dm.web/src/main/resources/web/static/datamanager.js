import { call } from './api.js';
import { h, show } from './dom.js';
import { filterBar, fromFilters, toFilters } from './filters.js';

// The Data Manager's Full view: the project's tasks page by page with their statistics, sorted by a header click.
// Its state (filters, page, ordering) is in the address, so a reload or a shared link shows the same table.
const PAGE_SIZE = 25;
const COLUMNS = [
  { key: 'id', title: 'ID', number: true },
  { key: 'completions', title: 'Completions', number: true },
  { key: 'skipped', title: 'Skipped', number: true },
  { key: 'predictions', title: 'Predictions', number: true },
  { key: 'prediction_score', title: 'Score', number: true },
  { key: 'annotators', title: 'Annotators', list: true },
  { key: 'reviews_up', title: 'Reviews', render: (t) => `▲ ${t.reviews_up}  ▼ ${t.reviews_down}` },
  { key: 'ground_truth', title: 'GT', render: (t) => (t.ground_truth ? '★' : '') },
  { key: 'created_at', title: 'Created', render: (t) => new Date(t.created_at).toLocaleDateString() },
];
const TEXT_LIMIT = 80;

function cut(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text;
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
  };
}

function go(projectId, next) {
  const query = new URLSearchParams();
  if (next.page > 1) {
    query.set('page', String(next.page));
  }
  if (next.ordering) {
    query.set('ordering', next.ordering);
  }
  if (next.filters) {
    query.set('filters', JSON.stringify(next.filters));
  }
  const search = query.toString();
  window.history.pushState(null, '', `/projects/${projectId}/data${search ? `?${search}` : ''}`);
}

export async function dataManagerPage(root, projectId, rerender) {
  const { page, ordering, filters } = state();
  show(root, h('p', { class: 'muted' }, 'Loading tasks…'));
  const project = await call('GET', `projects/${projectId}`);
  const apply = (bar) => {
    go(projectId, { page: 1, ordering, filters: toFilters(bar) });
    rerender();
  };
  let table;
  let found;
  try {
    const query = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
    if (ordering) {
      query.set('ordering', ordering);
    }
    const filter = filters ? `filters=${encodeURIComponent(JSON.stringify(filters))}` : '';
    if (filters) {
      query.set('filters', JSON.stringify(filters));
    }
    [table, found] = await Promise.all([call('GET', `projects/${projectId}/tasks?${query}`),
      call('GET', `projects/${projectId}/tasks/found?${filter}`)]);
  } catch (e) {
    if (e.status === 403) {
      show(root, h('h1', {}, project.title), h('p', { class: 'card', 'data-testid': 'dm-forbidden' },
        'The Data Manager is for the project\'s managers and reviewers.'));
      return;
    }
    if (e.status === 400) {
      // the server names the item that is wrong: shown beside the filters, which stay as the user wrote them
      show(root, h('p', {}, h('a', { href: '/' }, 'Projects'), ' / '), h('h1', {}, project.title),
        filterBar(fromFilters(filters), [], e.message, apply));
      return;
    }
    throw e;
  }
  const dataKeys = [...new Set(table.tasks.flatMap((t) => Object.keys(t.data ?? {})))].slice(0, 3);
  const pages = Math.max(1, Math.ceil(table.total / PAGE_SIZE));
  const sortBy = (key) => {
    const next = ordering === key ? `-${key}` : key;
    go(projectId, { page: 1, ordering: next, filters });
    rerender();
  };
  const header = (column) => {
    const sorted = ordering === column.key ? 'ascending' : ordering === `-${column.key}` ? 'descending' : 'none';
    return h('th', { class: column.number ? 'number' : null, 'aria-sort': sorted },
      column.list ? column.title : h('button', {
        type: 'button', class: 'link', title: `Sort by ${column.title}`, onClick: () => sortBy(column.key),
      }, column.title, sorted === 'ascending' ? ' ↑' : sorted === 'descending' ? ' ↓' : ''));
  };
  const cell = (column, task) => {
    const value = column.render ? column.render(task) : column.list ? (task[column.key] ?? []).join(', ')
      : task[column.key] ?? '';
    return h('td', { class: column.number ? 'number' : null }, String(value));
  };
  const counters = table.page;
  show(root,
    h('p', {}, h('a', { href: '/' }, 'Projects'), ' / '),
    h('h1', {}, project.title),
    h('div', { class: 'toolbar' },
      filterBar(fromFilters(filters), dataKeys, null, apply),
      h('p', { class: 'found card', 'data-testid': 'dm-found', title: 'Totals of every task the filters match' },
        h('strong', {}, `Found ${found.tasks.toLocaleString()}`),
        ` tasks · ${found.completions} completions, ${found.skipped} skipped, ${found.predictions} predictions, `
        + `▲ ${found.reviews_up} ▼ ${found.reviews_down}, ${found.ground_truth} GT`)),
    h('p', { class: 'counters', 'data-testid': 'dm-counters' },
      `${table.total.toLocaleString()} tasks · this page: ${counters.tasks} tasks, ${counters.completions} completions, `
      + `${counters.skipped} skipped, ${counters.predictions} predictions, ▲ ${counters.reviews_up} ▼ `
      + `${counters.reviews_down}, ${counters.ground_truth} GT`),
    table.tasks.length === 0 ? h('p', { class: 'card' }, 'No tasks match.')
      : h('table', { class: 'table', 'data-testid': 'dm-table' },
        h('thead', {}, h('tr', {}, COLUMNS.map(header), dataKeys.map((k) => h('th', {}, k)))),
        h('tbody', {}, table.tasks.map((task) => h('tr', { 'data-testid': 'dm-row', 'data-task': task.id },
          COLUMNS.map((column) => cell(column, task)),
          dataKeys.map((k) => h('td', {}, task.data?.[k] === undefined ? '' : cut(task.data[k]))))))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', {
        type: 'button',
        disabled: page <= 1,
        onClick: () => { go(projectId, { page: page - 1, ordering, filters }); rerender(); },
      }, 'Previous'),
      h('span', { 'data-testid': 'dm-page' }, `Page ${page} of ${pages}`),
      h('button', {
        type: 'button', disabled: page >= pages,
        onClick: () => { go(projectId, { page: page + 1, ordering, filters }); rerender(); },
      }, 'Next')));
}
