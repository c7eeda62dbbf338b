import { h } from './dom.js';

// The Data Manager's filter bar: items of Label Studio's filter JSON in intersection (and) or union (or) mode, each
// a column, an operator that fits the column's type, and a value.
const COLUMNS = [
  { column: 'completions', type: 'Number' },
  { column: 'skipped', type: 'Number' },
  { column: 'predictions', type: 'Number' },
  { column: 'prediction_score', type: 'Number' },
  { column: 'reviews_up', type: 'Number' },
  { column: 'reviews_down', type: 'Number' },
  { column: 'completion_results', type: 'List', hint: 'a label' },
  { column: 'prediction_results', type: 'List', hint: 'a label' },
  { column: 'annotators', type: 'List', hint: 'a user id', number: true },
  { column: 'reviewers', type: 'List', hint: 'a user id', number: true },
  { column: 'ground_truth', type: 'Boolean' },
  { column: 'created_at', type: 'Datetime', hint: '2026-12-01' },
  { column: 'completed_at', type: 'Datetime', hint: '2026-12-01' },
];
const OPERATORS = {
  Number: ['equal', 'not_equal', 'less', 'greater', 'less_or_equal', 'greater_or_equal'],
  Datetime: ['less', 'greater', 'less_or_equal', 'greater_or_equal'],
  String: ['contains', 'not_contains', 'equal', 'not_equal', 'regex'],
  List: ['contains', 'not_contains'],
  Boolean: ['equal'],
};

function describe(column) {
  return COLUMNS.find((c) => c.column === column) ?? { column, type: 'String', hint: 'text' };
}

function value(item) {
  const info = describe(item.column);
  if (info.type === 'Boolean') {
    return item.value === 'true';
  }
  if (info.type === 'Number' || info.number) {
    return Number(item.value);
  }
  return item.value;
}

/** The filter JSON of the bar's items, or null when there are none. */
export function toFilters(bar) {
  if (bar.items.length === 0) {
    return null;
  }
  return {
    conjunction: bar.conjunction,
    items: bar.items.map((item) => ({
      filter: `filter:tasks:${item.column}`,
      operator: item.operator,
      type: describe(item.column).type,
      value: value(item),
    })),
  };
}

/** The bar's items from the filter JSON in the address. */
export function fromFilters(json) {
  if (!json) {
    return { conjunction: 'and', items: [] };
  }
  return {
    conjunction: json.conjunction === 'or' ? 'or' : 'and',
    items: (json.items ?? []).map((item) => ({
      column: String(item.filter ?? '').replace(/^filter:tasks:/, ''),
      operator: item.operator,
      value: typeof item.value === 'object' ? JSON.stringify(item.value) : String(item.value),
    })),
  };
}

/** The bar itself; {@code apply(bar)} runs the table with its items, {@code dataKeys} are the data columns. */
export function filterBar(initial, dataKeys, error, apply) {
  const bar = structuredClone(initial);
  const columns = [...new Set([...COLUMNS.map((c) => c.column), ...dataKeys.map((k) => `data.${k}`),
    ...bar.items.map((item) => item.column)])];
  const list = h('div', { class: 'filter-items' });
  const render = () => {
    list.replaceChildren(...bar.items.map((item, index) => {
      const info = describe(item.column);
      const operators = OPERATORS[info.type];
      if (!operators.includes(item.operator)) {
        [item.operator] = operators;
      }
      return h('div', { class: 'filter-item', 'data-testid': 'filter-item' },
        h('select', {
          'aria-label': `Column of filter ${index + 1}`,
          name: 'column',
          onChange: (e) => { item.column = e.target.value; render(); },
        }, columns.map((c) => h('option', { value: c, selected: c === item.column }, c))),
        h('select', {
          'aria-label': `Operator of filter ${index + 1}`,
          name: 'operator',
          onChange: (e) => { item.operator = e.target.value; },
        }, operators.map((o) => h('option', { value: o, selected: o === item.operator }, o.replaceAll('_', ' ')))),
        info.type === 'Boolean'
          ? h('select', {
            'aria-label': `Value of filter ${index + 1}`, name: 'value', onChange: (e) => { item.value = e.target.value; },
          }, ['true', 'false'].map((v) => h('option', { value: v, selected: v === item.value }, v)))
          : h('input', {
            'aria-label': `Value of filter ${index + 1}`,
            name: 'value',
            value: item.value ?? '',
            placeholder: info.hint ?? '',
            onInput: (e) => { item.value = e.target.value; },
          }),
        h('button', {
          type: 'button', class: 'link', title: `Remove filter ${index + 1}`,
          onClick: () => { bar.items.splice(index, 1); render(); },
        }, '×'));
    }));
  };
  render();
  return h('form', {
    class: 'filters card',
    'aria-label': 'Filters',
    onSubmit: (e) => { e.preventDefault(); apply(bar); },
  },
  h('div', { class: 'filter-head' },
    h('strong', {}, 'Filters'),
    h('select', {
      'aria-label': 'How the filters combine', name: 'conjunction',
      onChange: (e) => { bar.conjunction = e.target.value; },
    }, h('option', { value: 'and', selected: bar.conjunction === 'and' }, 'all of them (and)'),
    h('option', { value: 'or', selected: bar.conjunction === 'or' }, 'any of them (or)')),
    h('button', {
      type: 'button', class: 'link', title: 'Add a filter',
      onClick: () => { bar.items.push({ column: 'completions', operator: 'greater', value: '' }); render(); },
    }, '+ Add filter'),
    h('button', { type: 'submit', title: 'Apply the filters' }, 'Apply')),
  list,
  error ? h('p', { class: 'error', role: 'alert', 'data-testid': 'filter-error' }, error) : null);
}
