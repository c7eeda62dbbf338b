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
  { column: 'completion_results', type: 'List', hint: 'a label', strict: true },
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
  if (info.strict && item.annotator) {
    // the strict form: one completion by that annotator holding the label
    return { label: item.value, annotator: Number(item.annotator) };
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
    items: (json.items ?? []).map((item) => {
      const strict = item.value && typeof item.value === 'object' && 'label' in item.value;
      return {
        column: String(item.filter ?? '').replace(/^filter:tasks:/, ''),
        operator: item.operator,
        value: strict ? String(item.value.label) : typeof item.value === 'object' ? JSON.stringify(item.value)
          : String(item.value),
        annotator: strict && item.value.annotator != null ? String(item.value.annotator) : '',
      };
    }),
  };
}

/**
 * The bar itself; {@code apply(bar)} runs the table with its items, {@code dataKeys} are the data columns, {@code
 * people} the project's members ({@code id}, {@code email}) to pick annotators and reviewers from (none: ids typed).
 */
export function filterBar(initial, dataKeys, error, apply, people = []) {
  const bar = structuredClone(initial);
  const columns = [...new Set([...COLUMNS.map((c) => c.column), ...dataKeys.map((k) => `data.${k}`),
    ...bar.items.map((item) => item.column)])];
  const list = h('div', { class: 'filter-items' });
  const person = (label, name, selected, onChange, none) => h('select', {
    'aria-label': label, name, onChange: (e) => onChange(e.target.value),
  }, none ? h('option', { value: '' }, none) : null,
  !none && !people.some((p) => String(p.id) === selected) ? h('option', { value: selected ?? '' }, selected || '—') : null,
  people.map((p) => h('option', { value: String(p.id), selected: String(p.id) === selected },
    none ? `by ${p.email}` : p.email)));
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
          : info.number && people.length ? person(`Value of filter ${index + 1}`, 'value', item.value,
            (v) => { item.value = v; })
          : h('input', {
            'aria-label': `Value of filter ${index + 1}`,
            name: 'value',
            value: item.value ?? '',
            placeholder: info.hint ?? '',
            onInput: (e) => { item.value = e.target.value; },
          }),
        info.strict ? (people.length ? person(`Annotator of filter ${index + 1}`, 'annotator', item.annotator,
          (v) => { item.annotator = v; }, 'in any completion')
          : h('input', { 'aria-label': `Annotator of filter ${index + 1}`, name: 'annotator', class: 'short',
            value: item.annotator ?? '', placeholder: 'by user id', onInput: (e) => { item.annotator = e.target.value; } }))
          : null,
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
